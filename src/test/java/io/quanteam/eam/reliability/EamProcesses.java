package io.quanteam.eam.reliability;

import io.quanteam.eam.app.DaemonFixture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real {@code eam} processes a suite starts (separate JVMs on the test's class path), each with its own log in
 * the home; closing stops every one still running (SIGTERM, then SIGKILL after a minute), so none outlives the test.
 */
final class EamProcesses implements AutoCloseable {
  /** What no executor's log may contain: a failed job route, a refused lock, a fatal handler, an ERROR line. */
  private static final List<String> BAD_LOG_TEXT = List.of("io.quanteam.eam.workflow", "FatalFallbackErrorHandler",
      "STAGE_FAILED", "deadlock", "cannot lock", " ERROR ");

  private final Path home;
  private final Map<String, Process> byLog = new LinkedHashMap<>();

  EamProcesses(Path home) {
    this.home = home;
  }

  Process start(String log, String... args) throws IOException {
    return start(log, List.of(), Map.of(), args);
  }

  Process start(String log, List<String> jvmOptions, Map<String, String> env, String... args) throws IOException {
    Process p = DaemonFixture.startEam(home, log, jvmOptions, env, args);
    byLog.put(log, p);
    return p;
  }

  /** SIGKILL, and waits until the kernel has reaped it (its locks are released then). */
  static void kill(Process p) throws InterruptedException {
    p.destroyForcibly();
    p.waitFor();
  }

  /** Waits (on changes of the home, where the logs are) until {@code log} shows {@code text} or {@code p} exits. */
  boolean awaitLog(String log, String text, Process p, Duration timeout) throws Exception {
    DaemonFixture.awaitChange(home, timeout, () -> read(log).contains(text) || !p.isAlive());
    return read(log).contains(text);
  }

  boolean anyDied() {
    return byLog.values().stream().anyMatch(p -> !p.isAlive());
  }

  String read(String log) {
    try {
      Path file = home.resolve(log);
      return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      return e.toString();
    }
  }

  /** The last lines of every log, for a violation's message. */
  String tails() {
    StringBuilder out = new StringBuilder();
    for (String log : byLog.keySet()) {
      List<String> lines = Arrays.asList(read(log).split("\n"));
      out.append("\n--- ").append(log).append(" (last 20 lines):\n")
          .append(String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size())));
    }
    return out.toString();
  }

  /** One violation per log line that shows a failed job route, a refused lock or an ERROR (at most 5 per log). */
  List<String> logViolations() {
    List<String> found = new ArrayList<>();
    for (String log : byLog.keySet()) {
      int n = 0;
      for (String line : read(log).split("\n")) {
        if (BAD_LOG_TEXT.stream().anyMatch(line::contains) && n++ < 5) {
          found.add(log + ": " + line);
        }
      }
    }
    return found;
  }

  /** The JVM options the {@code eam} launcher gives {@code command} ({@code ./eam --print-jvm-options}). */
  static List<String> launcherJvmOptions(String... command) throws IOException, InterruptedException {
    List<String> args = new ArrayList<>(List.of("bash", "eam", "--print-jvm-options"));
    args.addAll(List.of(command));
    ProcessBuilder pb = new ProcessBuilder(args).redirectErrorStream(true);
    pb.environment().remove("EAM_JAVA_OPTS");
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0 || out.isEmpty()) {
      p.destroyForcibly();
      throw new IOException("eam --print-jvm-options " + String.join(" ", command) + " failed: " + out);
    }
    return List.of(out.split("\\s+"));
  }

  @Override
  public void close() {
    for (Process p : byLog.values()) {
      p.destroy(); // SIGTERM: a daemon stops after its stage in flight
    }
    for (Process p : byLog.values()) {
      try {
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
          kill(p);
        }
      } catch (InterruptedException e) {
        p.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }
}
