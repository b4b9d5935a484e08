package io.quanteam.eam.app;

import io.quanteam.eam.cli.EamCommand;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What the {@code eam} launcher runs once per installed jar under {@code -XX:ArchiveClassesAtExit} to make its
 * class-data-sharing archive (issue 10 item 4): the classes a day of short commands loads — a demo snapshot, a
 * submitted job, list, show, approve and two worker passes (Camel included) — on a throwaway home, in one JVM, so
 * the archive holds them all — and a daemon's start with a few requests, for {@code serve}. {@code java -cp quant-eam-app.jar io.quanteam.eam.app.CdsTraining HOME BLUEPRINT};
 * prints nothing; exit 0 when every command answered 0.
 */
public final class CdsTraining {
  private CdsTraining() {}

  public static void main(String[] args) throws Exception {
    Path home = Path.of(args[0]).toAbsolutePath();
    String blueprint = args[1];
    Map<Object, Object> props = new java.util.HashMap<>(System.getProperties());
    props.put("eam.home", home.toString());
    EamConfig config = EamConfig.from(Map.of(), props);
    PrintStream out = System.out;
    PrintStream quiet = new PrintStream(java.io.OutputStream.nullOutputStream());
    System.setOut(quiet);
    System.setErr(quiet);
    List<Integer> codes = new ArrayList<>();
    codes.add(EamCommand.execute(config, "snapshot", "demo", "--snapshot-id", "demo_tiny"));
    codes.add(EamCommand.execute(config, "job", "submit-blueprint", blueprint, "--snapshot-id", "demo_tiny"));
    codes.add(EamCommand.execute(config, "job", "list"));
    codes.add(EamCommand.execute(config, "worker", "--once"));
    String job = firstJob(config.jobRoot());
    codes.add(EamCommand.execute(config, "job", "show", job));
    codes.add(EamCommand.execute(config, "job", "list", "--state", "waiting"));
    codes.add(EamCommand.execute(config, "job", "approve", job, "--step", "runspec"));
    codes.add(EamCommand.execute(config, "worker", "--once"));
    codes.add(EamCommand.execute(config, "job", "show", job));
    codes.add(EamCommand.execute(config, "job", "list", "--json"));
    codes.add(EamCommand.execute(config, "--help")); // the whole tree: every command's class in the archive
    serve(props, job, blueprint);
    System.setOut(out);
    System.exit(codes.stream().allMatch(c -> c == 0) ? 0 : 1);
  }

  /**
   * The daemon's start (Camel, the HTTP server, the routes) and a few requests of each kind: {@code serve} starts from
   * the archive too. Best effort: a daemon that cannot start here (no free port) leaves the short commands' classes.
   */
  private static void serve(Map<Object, Object> props, String job, String blueprint) {
    EamDaemon daemon = null;
    try {
      int port;
      try (java.net.ServerSocket free = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
        port = free.getLocalPort();
      }
      Map<Object, Object> serveProps = new java.util.HashMap<>(props);
      serveProps.put("eam.http.port", Integer.toString(port));
      daemon = EamDaemon.create(EamConfig.from(Map.of(), serveProps), "eam-training");
      daemon.start();
      java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder()
          .version(java.net.http.HttpClient.Version.HTTP_1_1).build();
      String base = "http://127.0.0.1:" + port;
      for (String path : List.of("/jobs", "/jobs/" + job, "/jobs/" + job + "/events", "/ui/jobs", "/ui/jobs/" + job,
          "/ui/jobs/nope", "/snapshots", "/health", "/metrics", "/openapi.json", "/ui/style.css")) {
        http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + path)).build(),
            java.net.http.HttpResponse.BodyHandlers.discarding());
      }
      http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/jobs/blueprint?snapshot_id=demo_tiny"))
          .header("Content-Type", "application/json")
          .POST(java.net.http.HttpRequest.BodyPublishers.ofFile(Path.of(blueprint))).build(),
          java.net.http.HttpResponse.BodyHandlers.discarding());
    } catch (Exception | LinkageError e) {
      // the classes loaded so far are listed all the same
    } finally {
      if (daemon != null) {
        daemon.stop();
      }
    }
  }

  private static String firstJob(Path jobRoot) {
    try (Stream<Path> jobs = Files.list(jobRoot)) {
      return jobs.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted().findFirst()
          .orElse("none");
    } catch (java.io.IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
