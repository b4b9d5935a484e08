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
  /** What every command gets after its own options: the launcher's class-data archive, used only when it fits. */
  private static final String CDS = " -XX:SharedArchiveFile="
      + java.nio.file.Path.of("target/quant-eam-app.jsa").toAbsolutePath()
      + " -Xshare:auto -Xlog:cds=off,cds+dynamic=off";

  private static String options(String javaOpts, String... command) throws Exception {
    return optionsWithCds(javaOpts, null, command);
  }

  private static String optionsWithCds(String javaOpts, String cds, String... command) throws Exception {
    return optionsIn(emptyHome, javaOpts, cds, command);
  }

  @org.junit.jupiter.api.io.TempDir
  static java.nio.file.Path emptyHome;

  private static String optionsIn(java.nio.file.Path home, String javaOpts, String cds, String... command)
      throws Exception {
    List<String> args = new ArrayList<>(List.of("bash", "eam", "--print-jvm-options"));
    args.addAll(List.of(command));
    ProcessBuilder pb = new ProcessBuilder(args).redirectErrorStream(true);
    pb.environment().remove("EAM_JAVA_OPTS");
    pb.environment().remove("EAM_CDS");
    pb.environment().remove("EAM_ARTIFACT_ROOT");
    pb.environment().remove("EAM_JOB_ROOT");
    pb.environment().put("EAM_HOME", home.toString());
    if (cds != null) {
      pb.environment().put("EAM_CDS", cds);
    }
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
    assertThat(options(null, "job", "list")).isEqualTo("-XX:TieredStopAtLevel=1 -XX:+UseSerialGC" + CDS);
    assertThat(options(null, "worker", "--run-jobs", "--once"))
        .isEqualTo("-XX:TieredStopAtLevel=1 -XX:+UseSerialGC" + CDS);
  }

  @Test
  void longRunningProcessesKeepTheFullJitWithABoundedHeapThatShrinksWhenIdle() throws Exception {
    String bounded = "-Xms16m -Xmx112m -XX:+ExitOnOutOfMemoryError -XX:G1PeriodicGCInterval=10000 "
        + "-XX:-G1PeriodicGCInvokesConcurrent "
        + "-XX:MinHeapFreeRatio=10 "
        + "-XX:MaxHeapFreeRatio=30 -XX:ReservedCodeCacheSize=64m -Xss512k";
    // the C heap trimmed every 5 s where the java on the PATH takes the option and can trim (JDK 17.0.15 on Linux
    // does; docs/reliability.md "Memory")
    String trim = javaTakes(TRIM) ? " " + TRIM : "";
    // the class-data archive too: the daemon answers sooner, its idle RSS no higher (docs/benchmarks.md "HTTP API")
    assertThat(options(null, "serve", "--demo")).isEqualTo(bounded + trim + CDS);
    assertThat(options(null, "worker", "--run-jobs")).isEqualTo(bounded + trim + CDS);
  }

  @Test
  void theDaemonsHeapGrowsWithTheJobRoot(@org.junit.jupiter.api.io.TempDir java.nio.file.Path home) throws Exception {
    java.nio.file.Path jobs = java.nio.file.Files.createDirectories(home.resolve("var/artifacts/jobs"));
    for (int i = 0; i < 1_398; i++) { // with "." and "..": 1,400 entries, 2 MB more
      java.nio.file.Files.createDirectory(jobs.resolve(String.format("%012x", i)));
    }
    assertThat(optionsIn(home, null, null, "serve")).startsWith("-Xms16m -Xmx114m ");
    assertThat(optionsIn(home, null, null, "job", "list")).doesNotContain("-Xmx");
  }

  private static final String TRIM = "-XX:TrimNativeHeapInterval=5000";

  /** Whether the {@code java} on the PATH (the one the launcher runs) starts with {@code option}. */
  private static boolean javaTakes(String option) throws Exception {
    Process p = new ProcessBuilder("java", option, "-version").redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return p.waitFor() == 0 && !out.toLowerCase(java.util.Locale.ROOT).contains("trim");
  }

  @Test
  void aCollectorNamedInEamJavaOptsReplacesOurs() throws Exception {
    assertThat(options("-Xmx1g -XX:+UseParallelGC", "job", "list")).isEqualTo("-XX:TieredStopAtLevel=1" + CDS);
  }

  @Test
  void eamCdsOffLeavesTheArchiveOut() throws Exception {
    assertThat(optionsWithCds(null, "off", "job", "list")).isEqualTo("-XX:TieredStopAtLevel=1 -XX:+UseSerialGC");
  }
}
