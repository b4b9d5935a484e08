package io.quanteam.eam.reliability;

import io.quanteam.eam.app.DaemonFixture;
import io.quanteam.eam.app.Main;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A real {@code eam} command as a child JVM (as {@link DaemonFixture#startEam}, plus settings of its own in the
 * environment), its output in a log file; {@link #close} always ends it.
 */
final class EamProcess implements AutoCloseable {
  static final String RUNNING = "eam serve: running";
  private final Path log;
  private final Process process;

  private EamProcess(Path log, Process process) {
    this.log = log;
    this.process = process;
  }

  static EamProcess start(Path home, String logName, Map<String, String> extraEnv, String... args)
      throws IOException {
    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    // surefire's class path ends in an empty entry (the working folder), which would add the checkout's routes/
    String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(entry -> !entry.isBlank()).collect(Collectors.joining(File.pathSeparator));
    List<String> command = new ArrayList<>(List.of(javaBin, "-Xmx256m", "-cp", classPath, Main.class.getName()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().putAll(DaemonFixture.env(home));
    pb.environment().putAll(extraEnv);
    pb.redirectErrorStream(true);
    Path log = home.resolve(logName);
    pb.redirectOutput(log.toFile());
    return new EamProcess(log, pb.start());
  }

  /** Waits until the log holds {@code text} or the process ended; true when the text came. */
  boolean awaitLog(String text, Duration timeout) throws Exception {
    DaemonFixture.awaitChange(log.getParent(), timeout, () -> log().contains(text) || !process.isAlive());
    return log().contains(text);
  }

  boolean alive() {
    return process.isAlive();
  }

  /** SIGTERM, then the milliseconds until the process exited, or -1 when it had not within {@code timeout}. */
  long stop(Duration timeout) throws InterruptedException {
    long start = System.nanoTime();
    process.destroy();
    return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)
        ? TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) : -1;
  }

  /** The exit code, or -1 when the process had not ended within {@code timeout} (then it is killed). */
  int waitFor(Duration timeout) throws InterruptedException {
    if (process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      return process.exitValue();
    }
    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    return -1;
  }

  String log() {
    try {
      return Files.exists(log) ? Files.readString(log) : "";
    } catch (IOException e) {
      return e.toString();
    }
  }

  /** The log's lines that show a defect or a failure: a stack trace, an exception's name, an ERROR line. */
  List<String> defectLines() {
    return log().lines().filter(l -> l.contains("Exception") || l.startsWith("\tat ") || l.contains(" ERROR ")
        || l.contains("Caused by")).toList();
  }

  /** Keeps a copy of the log in {@code target/reliability/} (the home is a temporary folder) for a failed suite. */
  void keepLog(String as) {
    try {
      Path kept = Files.createDirectories(Path.of("target", "reliability")).resolve(as);
      Files.copy(log, kept, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      // only an aid to diagnosis
    }
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroy();
      try {
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }
}
