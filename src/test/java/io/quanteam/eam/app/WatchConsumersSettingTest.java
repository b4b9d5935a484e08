package io.quanteam.eam.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quanteam.eam.job.JobRootWatcher;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The watcher's thread count, a tuning knob: a bad value stops the start with a message naming it. */
class WatchConsumersSettingTest {
  @TempDir
  Path home;

  private static DefaultCamelContext withWatchConsumers(String value) {
    DefaultCamelContext camel = new DefaultCamelContext();
    Properties p = new Properties();
    p.setProperty(EamCamelConfiguration.WATCH_CONSUMERS, value);
    camel.getPropertiesComponent().setInitialProperties(p);
    return camel;
  }

  @Test
  void aBadThreadCountIsRefusedByName() throws Exception {
    EamWiring wiring = EamWiring.create(DaemonFixture.config(home));
    for (String bad : new String[] {"abc", "0", "-1", "2.5", ""}) {
      try (DefaultCamelContext camel = withWatchConsumers(bad)) {
        assertThatThrownBy(() -> new EamCamelConfiguration(wiring, true).configure(camel)).as(bad)
            .isInstanceOf(IllegalStateException.class)
            .hasMessage("eam.watch.consumers must be a number of threads from 1 to 999, got '" + bad + "'");
      }
    }
    try (DefaultCamelContext camel = withWatchConsumers(" 3 ")) {
      new EamCamelConfiguration(wiring, true).configure(camel);
      assertThat(camel.getRegistry().lookupByNameAndType(EamCamelConfiguration.WATCHER, JobRootWatcher.class))
          .isNotNull();
    }
  }
}
