package io.quanteam.eam.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quanteam.eam.app.EamConfig;
import io.quanteam.eam.workflow.DaemonLog;
import io.quanteam.eam.workflow.LogLevel;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --log-level} / {@code --log-format} of serve and worker, and EAM_LOG_LEVEL / EAM_LOG_FORMAT. */
class LogOptionsTest {
  @TempDir
  Path home;
  private final String before = System.getProperty(LogOptions.SLF4J_PRODUCT_LEVEL);

  @AfterEach
  void restore() {
    if (before == null) {
      System.clearProperty(LogOptions.SLF4J_PRODUCT_LEVEL);
    } else {
      System.setProperty(LogOptions.SLF4J_PRODUCT_LEVEL, before);
    }
  }

  private EamConfig config(Map<String, String> extra) {
    Map<String, String> env = new HashMap<>(Map.of("EAM_HOME", home.toString()));
    env.putAll(extra);
    return EamConfig.from(env, new Properties());
  }

  @Test
  void serveAndWorkerDescribeBothOptions() {
    Cli cli = new Cli(config(Map.of()));
    for (String command : new String[] {"serve", "worker"}) {
      assertThat(cli.run(command, "--help")).isZero();
      assertThat(cli.out()).contains("--log-level=LEVEL", "error, warn, info, debug, trace, off", "EAM_LOG_LEVEL",
          "--log-format=FORMAT", "json", "job_id");
    }
  }

  @Test
  void anUnknownLevelIsRefusedWithTheChoices() {
    Cli cli = new Cli(config(Map.of()));
    assertThat(cli.run("serve", "--log-level", "loud")).isNotZero();
    assertThat(cli.err()).contains("--log-level", "loud", "error, warn, info, debug, trace, off")
        .doesNotContain("Exception"); // said plainly: the converter's message, not its exception's class
    assertThat(cli.run("worker", "--log-format", "xml")).isNotZero();
    assertThat(cli.err()).contains("--log-format", "text, json");
  }

  @Test
  void anOptionWinsOverTheEnvironmentWhichWinsOverTheDefault() {
    LogOptions none = new LogOptions();
    EamConfig plain = none.apply(config(Map.of()), LogLevel.INFO);
    assertThat(plain.logLevel()).isEqualTo(LogLevel.INFO);
    assertThat(plain.logFormat()).isEqualTo(DaemonLog.Format.TEXT);

    EamConfig fromEnv = none.apply(config(Map.of("EAM_LOG_LEVEL", "debug", "EAM_LOG_FORMAT", "json")),
        LogLevel.WARN);
    assertThat(fromEnv.logLevel()).isEqualTo(LogLevel.DEBUG);
    assertThat(fromEnv.logFormat()).isEqualTo(DaemonLog.Format.JSON);
    assertThat(System.getProperty(LogOptions.SLF4J_PRODUCT_LEVEL)).isEqualTo("debug");

    LogOptions given = new LogOptions();
    given.level = LogLevel.ERROR;
    given.format = DaemonLog.Format.TEXT;
    EamConfig chosen = given.apply(config(Map.of("EAM_LOG_LEVEL", "debug", "EAM_LOG_FORMAT", "json")),
        LogLevel.INFO);
    assertThat(chosen.logLevel()).isEqualTo(LogLevel.ERROR);
    assertThat(chosen.logFormat()).isEqualTo(DaemonLog.Format.TEXT);
    assertThat(System.getProperty(LogOptions.SLF4J_PRODUCT_LEVEL)).isEqualTo("error");
  }

  @Test
  void aBadSettingIsRefusedWithItsName() {
    assertThatThrownBy(() -> config(Map.of("EAM_LOG_LEVEL", "chatty"))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("EAM_LOG_LEVEL").hasMessageContaining("chatty");
    assertThatThrownBy(() -> config(Map.of("EAM_LOG_FORMAT", "yaml"))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("EAM_LOG_FORMAT").hasMessageContaining("yaml");
  }
}
