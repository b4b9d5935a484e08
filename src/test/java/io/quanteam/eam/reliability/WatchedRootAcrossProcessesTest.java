package io.quanteam.eam.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.quanteam.eam.app.DaemonFixture;
import io.quanteam.eam.app.EamConfig;
import io.quanteam.eam.app.EamWiring;
import io.quanteam.eam.data.DemoProfile;
import io.quanteam.eam.job.JobStore;
import io.quanteam.eam.job.Phase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A daemon in its own JVM, with no sweep after its start, notices what another process writes to the job root: a
 * job submitted there is compiled up to its checkpoint, and its approval there runs it to the end — through the one
 * watch on the root and the touch of the job's folder each append makes (ADR 0010), not the sweep.
 */
class WatchedRootAcrossProcessesTest {
  private static final Duration WAIT = Duration.ofSeconds(60);
  /** Quartz: once, in 2099. */
  private static final String NO_SWEEP = "0 0 0 1 1 ? 2099";

  @TempDir
  Path home;

  @Test
  void aJobSubmittedAndApprovedByAnotherProcessMovesWithoutASweep() throws Exception {
    EamConfig config = DaemonFixture.config(home);
    EamWiring wiring = EamWiring.create(config);
    wiring.snapshots().createDemo("demo_tiny", DemoProfile.TINY);
    JobStore jobs = wiring.jobs();
    try (EamProcess serve = EamProcess.start(home, "serve.log", Map.of("EAM_SWEEP_CRON", NO_SWEEP,
        "EAM_HTTP_PORT", Integer.toString(config.http().port())), "serve")) {
      assertThat(serve.awaitLog(EamProcess.RUNNING, WAIT)).as(serve.log()).isTrue();
      // the job root is watched once /health is ready, which `running` does not wait for
      DaemonFixture.awaitChange(home, WAIT, () -> ready(config) || !serve.alive());
      assertThat(ready(config)).as(serve.log()).isTrue();

      String job = jobs.submitBlueprint(DaemonFixture.blueprint("watched across processes"), "demo_tiny", null, null,
          "test").jobId();
      Path dir = config.jobRoot().resolve(job);
      DaemonFixture.awaitChange(dir, WAIT, () -> jobs.state(job).waitingOn("runspec") || !serve.alive());
      assertThat(jobs.state(job).waitingOn("runspec")).as(serve.log()).isTrue();

      jobs.approve(job, "runspec", "alice");
      DaemonFixture.awaitChange(dir, WAIT, () -> jobs.state(job).phase().terminal() || !serve.alive());
      assertThat(jobs.state(job).phase()).as(serve.log()).isEqualTo(Phase.TERMINAL_DONE);
      assertThat(serve.defectLines()).isEmpty();
    }
  }

  /** {@code /health} answers 200 once the job root is watched (and every route runs). */
  private static boolean ready(EamConfig config) {
    try {
      java.net.HttpURLConnection c = (java.net.HttpURLConnection) java.net.URI.create(
          "http://127.0.0.1:" + config.http().port() + "/health").toURL().openConnection();
      c.setConnectTimeout(1000);
      c.setReadTimeout(5000);
      try {
        return c.getResponseCode() == 200;
      } finally {
        c.disconnect();
      }
    } catch (java.io.IOException e) {
      return false;
    }
  }
}
