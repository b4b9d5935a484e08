package io.quanteam.eam.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The {@code eam} launcher's JVM options per command (docs/benchmarks.md); it exits before building anything. */
class LauncherJvmOptionsTest {
  private static String options(String javaOpts, String... command) throws Exception {
    List<String> args = new ArrayList<>(List.of("bash", "eam", "--print-jvm-options"));
    args.addAll(List.of(command));
    ProcessBuilder pb = new ProcessBuilder(args).redirectErrorStream(true);
    pb.environment().remove("EAM_JAVA_OPTS");
    if (javaOpts != null) {
      pb.environment().put("EAM_JAVA_OPTS", javaOpts);
    }
    Process p = pb.start();
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException("eam --print-jvm-options did not exit");
    }
    assertThat(p.exitValue()).isZero();
    return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
  }

  @Test
  void shortLivedCommandsAndOneWorkerPassUseC1AndTheSerialCollector() throws Exception {
    assertThat(options(null, "job", "list")).isEqualTo("-XX:TieredStopAtLevel=1 -XX:+UseSerialGC");
    assertThat(options(null, "worker", "--run-jobs", "--once")).isEqualTo("-XX:TieredStopAtLevel=1 -XX:+UseSerialGC");
  }

  @Test
  void longRunningProcessesKeepTheFullJitWithABoundedHeapThatShrinksWhenIdle() throws Exception {
    String bounded = "-Xms16m -Xmx128m -XX:G1PeriodicGCInterval=15000 -XX:-G1PeriodicGCInvokesConcurrent "
        + "-XX:MinHeapFreeRatio=10 "
        + "-XX:MaxHeapFreeRatio=30 -XX:ReservedCodeCacheSize=64m -Xss512k";
    assertThat(options(null, "serve", "--demo")).isEqualTo(bounded);
    assertThat(options(null, "worker", "--run-jobs")).isEqualTo(bounded);
  }

  @Test
  void aCollectorNamedInEamJavaOptsReplacesOurs() throws Exception {
    assertThat(options("-Xmx1g -XX:+UseParallelGC", "job", "list")).isEqualTo("-XX:TieredStopAtLevel=1");
  }
}
