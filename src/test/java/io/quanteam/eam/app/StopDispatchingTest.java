package io.quanteam.eam.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.quanteam.eam.data.DemoProfile;
import io.quanteam.eam.json.Json;
import io.quanteam.eam.workflow.Dispatcher;
import java.nio.file.Path;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Once the Camel context begins to stop (SIGTERM), the dispatcher hands out no new step; a new start resumes. */
class StopDispatchingTest {
  @TempDir
  Path home;

  @Test
  void theDispatcherStartsNothingNewWhileTheContextStops() throws Exception {
    EamWiring wiring = EamWiring.create(DaemonFixture.config(home));
    wiring.snapshots().createDemo("demo_tiny", DemoProfile.TINY);
    String job = wiring.jobs().submitBlueprint(
        Json.read(Path.of("contracts/examples/blueprint_v1_buyhold_demo_ok.json")), "demo_tiny", null, null, "test")
        .jobId();
    Dispatcher dispatcher = wiring.dispatcher();

    try (DefaultCamelContext camel = new DefaultCamelContext()) {
      new EamCamelConfiguration(wiring, false).configure(camel);
      camel.start();
      assertThat(dispatcher.nextEndpoint(job)).isEqualTo("direct:stage-compile");

      camel.stop();
      assertThat(dispatcher.nextEndpoint(job)).isEqualTo(Dispatcher.NONE);

      camel.start();
      assertThat(dispatcher.nextEndpoint(job)).isEqualTo("direct:stage-compile");
    }
  }
}
