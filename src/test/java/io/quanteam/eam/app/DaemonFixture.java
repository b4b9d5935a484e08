package io.quanteam.eam.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quanteam.eam.json.CanonicalJson;
import io.quanteam.eam.json.Json;
import java.io.File;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/** Shared set-up of the daemon and worker tests: configuration, job specs, inbox drops, waiting on files. */
public final class DaemonFixture {
  public static final Path BUY_AND_HOLD = Path.of("contracts/examples/blueprint_v1_buyhold_demo_ok.json");

  private DaemonFixture() {}

  public static Map<String, String> env(Path home) {
    Map<String, String> env = new HashMap<>();
    env.put("EAM_HOME", home.toString());
    env.put("EAM_POLICIES_ROOT", Path.of("policies").toAbsolutePath().toString());
    env.put("SOURCE_DATE_EPOCH", "1764115200");
    env.put("EAM_HTTP_PORT", Integer.toString(freePort())); // a daemon's API never meets another test's
    return env;
  }

  /**
   * A port nothing listens on now (the embedded server cannot be asked for port 0 in Camel 4.14: its router is
   * registered under the port asked for, 0, and looked up under the one bound).
   */
  public static int freePort() {
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  public static EamConfig config(Path home) {
    return EamConfig.from(env(home), new Properties());
  }

  /** The buy-and-hold blueprint; a distinct title makes a distinct job. */
  /** A daemon's configuration with every write over HTTP behind basic auth (bodies up to 64 KiB). */
  public static EamConfig basicAuth(Path home, String user, String pass) {
    EamConfig plain = config(home);
    return plain.withHttp(new io.quanteam.eam.api.HttpSettings("127.0.0.1", plain.http().port(), 64 * 1024, "basic",
        user, pass));
  }

  /** A daemon's configuration with writes open (bodies up to 1 MiB), as a browser test drives it. */
  public static EamConfig openWrites(Path home) {
    EamConfig plain = config(home);
    return plain.withHttp(new io.quanteam.eam.api.HttpSettings("127.0.0.1", plain.http().port(), 1 << 20, "off",
        null, null));
  }

  public static ObjectNode blueprint(String title) {
    ObjectNode bp = (ObjectNode) Json.read(BUY_AND_HOLD);
    bp.put("title", title);
    return bp;
  }

  /** A job_spec_v1 as dropped in the inbox (policy bundle fields left to their defaults). */
  public static ObjectNode jobSpec(String snapshotId, String title) {
    ObjectNode spec = Json.object().put("schema_version", "job_spec_v1").put("snapshot_id", snapshotId);
    spec.set("blueprint", blueprint(title));
    return spec;
  }

  /** Writes {@code name.tmp} and renames it, as a well-behaved producer does. */
  public static Path drop(Path inbox, String name, JsonNode doc) throws IOException {
    Files.createDirectories(inbox);
    Path tmp = inbox.resolve(name + ".tmp");
    Files.write(tmp, CanonicalJson.prettyBytes(doc));
    return Files.move(tmp, inbox.resolve(name), StandardCopyOption.ATOMIC_MOVE);
  }

  /**
   * Waits until {@code condition} holds, re-checking whenever an entry of {@code dir} changes (and at least
   * every 100 ms, for changes deeper in the tree). Fails after {@code timeout}.
   */
  public static void awaitChange(Path dir, Duration timeout, BooleanSupplier condition) throws Exception {
    Files.createDirectories(dir);
    long deadline = System.nanoTime() + timeout.toNanos();
    try (WatchService watch = FileSystems.getDefault().newWatchService()) {
      dir.register(watch, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
      while (!condition.getAsBoolean()) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("condition not met within " + timeout + " (watching " + dir + ")");
        }
        var key = watch.poll(100, TimeUnit.MILLISECONDS);
        if (key != null) {
          key.pollEvents();
          key.reset();
        }
      }
    }
  }

  public static void awaitFile(Path file, Duration timeout) throws Exception {
    awaitChange(file.getParent(), timeout, () -> Files.isRegularFile(file));
  }

  /** Starts {@code eam ARGS} as a child JVM on the test's class path, its output in {@code home/<log>}. */
  public static Process startEam(Path home, String log, String... args) throws IOException {
    return startEam(home, log, List.of(), Map.of(), args);
  }

  /**
   * Starts {@code eam ARGS} as a child JVM on the test's class path with the JVM options {@code jvmOptions} and the
   * environment {@code extraEnv} added (e.g. the launcher's own options, for memory figures a user would see).
   */
  public static Process startEam(Path home, String log, List<String> jvmOptions, Map<String, String> extraEnv,
      String... args) throws IOException {
    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    // surefire's class path ends in an empty entry (the working folder), which would add the checkout's routes/
    String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(entry -> !entry.isBlank()).collect(Collectors.joining(File.pathSeparator));
    List<String> command = new ArrayList<>(List.of(javaBin));
    command.addAll(jvmOptions);
    command.addAll(List.of("-cp", classPath, Main.class.getName()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().putAll(env(home));
    pb.environment().putAll(extraEnv);
    pb.redirectErrorStream(true);
    pb.redirectOutput(home.resolve(log).toFile());
    return pb.start();
  }

}
