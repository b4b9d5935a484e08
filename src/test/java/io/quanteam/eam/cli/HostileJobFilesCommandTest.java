package io.quanteam.eam.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quanteam.eam.app.EamConfig;
import io.quanteam.eam.app.EamWiring;
import io.quanteam.eam.data.DemoProfile;
import io.quanteam.eam.job.Fifos;
import io.quanteam.eam.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 9: {@code eam job list/show/verify} and {@code eam worker --once} with one bad job among good ones. */
class HostileJobFilesCommandTest {
  private static final Duration PROMPTLY = Duration.ofSeconds(60);
  @TempDir
  Path home;
  /** Outside the job root, inside the test's folder (so the clean-up has no link leaving it). */
  Path outside;
  private EamConfig config;
  private EamWiring wiring;
  private Cli cli;

  @BeforeEach
  void setUp() throws Exception {
    outside = Files.createDirectories(home.resolve("outside"));
    config = EamConfig.from(Map.of("EAM_HOME", home.toString(), "SOURCE_DATE_EPOCH", "1764115200",
        "EAM_POLICIES_ROOT", Path.of("policies").toAbsolutePath().toString()), new Properties());
    wiring = EamWiring.create(config);
    cli = new Cli(config);
    wiring.snapshots().createDemo("demo_tiny", DemoProfile.TINY);
  }

  private String submit(String title) {
    ObjectNode bp = (ObjectNode) Json.read(Path.of("contracts/examples/blueprint_v1_buyhold_demo_ok.json"));
    return wiring.jobs().submitBlueprint(bp.put("title", title), "demo_tiny", null, null, "test").jobId();
  }

  private JsonNode row(JsonNode rows, String id) {
    for (JsonNode r : rows) {
      if (r.path("job_id").asText().equals(id)) {
        return r;
      }
    }
    throw new AssertionError("no row for " + id + " in " + rows);
  }

  @Test
  void listShowsAnUnreadableRowForEachBadJobAndExitsZero() throws Exception {
    Path root = config.jobRoot();
    String good = submit("good");
    String folderLog = submit("folder as log");
    Files.delete(root.resolve(folderLog).resolve("events.jsonl"));
    Files.createDirectory(root.resolve(folderLog).resolve("events.jsonl"));
    String linkedOut = submit("linked outside");
    Files.move(root.resolve(linkedOut), outside.resolve(linkedOut));
    Files.createSymbolicLink(root.resolve(linkedOut), outside.resolve(linkedOut));
    String emptySpec = submit("empty spec");
    Files.write(root.resolve(emptySpec).resolve("job_spec.json"), new byte[0]);
    String devZero = submit("dev zero");
    Files.delete(root.resolve(devZero).resolve("events.jsonl"));
    Files.createSymbolicLink(root.resolve(devZero).resolve("events.jsonl"), Path.of("/dev/zero"));
    String fifo = submit("fifo");
    Files.delete(root.resolve(fifo).resolve("events.jsonl"));
    Fifos.make(root.resolve(fifo).resolve("events.jsonl"));
    String emptied = submit("emptied");
    Files.write(root.resolve(emptied).resolve("events.jsonl"), new byte[0]);

    assertTimeoutPreemptively(PROMPTLY, () -> {
      assertThat(cli.run("job", "list", "--json")).as(cli.err()).isZero();
    });
    JsonNode rows = Json.parse(cli.out(), "list");
    assertThat(rows).hasSize(7);
    assertThat(row(rows, good).path("state").asText()).isEqualTo("BLUEPRINT_SUBMITTED");
    Map<String, String> why = Map.of(folderLog, "events.jsonl is a folder", linkedOut, "links outside the job root",
        emptySpec, "job_spec.json is not valid JSON", devZero, "events.jsonl is a symbolic link",
        fifo, "events.jsonl is not a regular file", emptied, "events.jsonl is empty");
    why.forEach((id, reason) -> {
      JsonNode r = row(rows, id);
      assertThat(r.path("state").asText()).as(id).isEqualTo("UNREADABLE");
      assertThat(r.path("error").asText()).as(id).contains("job " + id, reason);
    });

    assertTimeoutPreemptively(PROMPTLY, () -> {
      assertThat(cli.run("job", "list")).as(cli.err()).isZero();
    });
    assertThat(cli.out()).contains(good + "  blueprint", fifo + "  blueprint  UNREADABLE", "7 job(s)");
    assertThat(cli.err()).isEmpty();
    assertThat(Files.size(Path.of("/dev/zero"))).isZero();
  }

  @Test
  void showAndVerifyNameTheBadFileWithoutAStackTrace() throws Exception {
    String fifo = submit("fifo");
    Path log = config.jobRoot().resolve(fifo).resolve("events.jsonl");
    Files.delete(log);
    Fifos.make(log);
    assertTimeoutPreemptively(PROMPTLY, () -> {
      assertThat(cli.run("job", "show", fifo)).isEqualTo(1);
      assertThat(cli.err()).startsWith("error: job " + fifo + ": events.jsonl is not a regular file")
          .doesNotContain("unexpected", "Exception");
      assertThat(cli.run("job", "verify", fifo)).isEqualTo(2);
      assertThat(cli.out()).contains("events_unreadable", "events.jsonl is not a regular file", "CORRUPT");
      assertThat(cli.run("job", "verify", "--all")).isEqualTo(2);
      assertThat(cli.out()).contains(fifo + ": CORRUPT").endsWith("0 OK, 1 corrupt or unreadable\n");
    });
  }

  @Test
  void aWorkerPassSkipsAFifoLogAndFinishesTheOtherJobs() throws Exception {
    String fifo = submit("fifo");
    String good = submit("good");
    Path log = config.jobRoot().resolve(fifo).resolve("events.jsonl");
    Files.delete(log);
    Fifos.make(log);
    assertTimeoutPreemptively(PROMPTLY, () -> {
      assertThat(cli.run("worker", "--run-jobs", "--once")).as(cli.err()).isZero();
    });
    assertThat(cli.out()).contains(good + " WAITING_APPROVAL(runspec)",
        fifo + " UNREADABLE: job " + fifo + ": events.jsonl is not a regular file", "1 unreadable");
  }

  @Test
  void aLogUnreadableByPermissionIsAnUnreadableRow() throws Exception {
    // Tests usually run as root here, and root reads a file whatever its mode: then this cannot be reproduced.
    Assumptions.assumeFalse("root".equals(System.getProperty("user.name")), "root ignores file permissions");
    String job = submit("no permission");
    Path log = config.jobRoot().resolve(job).resolve("events.jsonl");
    Files.setPosixFilePermissions(log, PosixFilePermissions.fromString("---------"));
    try {
      assertThat(cli.run("job", "list", "--json")).as(cli.err()).isZero();
      assertThat(row(Json.parse(cli.out(), "list"), job).path("state").asText()).isEqualTo("UNREADABLE");
    } finally {
      Files.setPosixFilePermissions(log, PosixFilePermissions.fromString("rw-r--r--"));
    }
  }
}
