package io.quanteam.eam.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quanteam.eam.app.EamConfig;
import io.quanteam.eam.app.EamWiring;
import io.quanteam.eam.data.DemoProfile;
import io.quanteam.eam.json.CanonicalJson;
import io.quanteam.eam.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 10 item 4: a batch of blueprints is submitted by one process, not one JVM per file. */
class SubmitSeveralBlueprintsTest {
  @TempDir
  Path home;
  EamWiring wiring;
  Cli cli;

  @BeforeEach
  void setUp() {
    EamConfig config = EamConfig.from(Map.of("EAM_HOME", home.toString(), "EAM_POLICIES_ROOT",
        Path.of("policies").toAbsolutePath().toString()), new Properties());
    wiring = EamWiring.create(config);
    wiring.snapshots().createDemo("demo_tiny", DemoProfile.TINY);
    cli = new Cli(config);
  }

  private Path blueprint(String name, String title) throws Exception {
    ObjectNode bp = (ObjectNode) Json.read(Path.of("contracts/examples/blueprint_v1_buyhold_demo_ok.json"));
    return Files.writeString(home.resolve(name), CanonicalJson.pretty(bp.put("title", title)));
  }

  @Test
  void everyFileIsSubmittedInOrderAndARefusedOneIsReportedWithExitTwo() throws Exception {
    Path a = blueprint("a.json", "batch a");
    Path b = blueprint("b.json", "batch b");
    Path bad = Files.writeString(home.resolve("bad.json"), "{");
    assertThat(cli.run("job", "submit-blueprint", a.toString(), bad.toString(), b.toString(), "--snapshot-id",
        "demo_tiny")).isEqualTo(2);
    assertThat(cli.out().lines().toList()).hasSize(2).allMatch(l -> l.startsWith("created job "));
    assertThat(cli.out()).contains("(" + a + ")", "(" + b + ")");
    assertThat(cli.err()).startsWith("error: " + bad);
    assertThat(wiring.jobs().jobIds()).hasSize(2);

    assertThat(cli.run("job", "submit-blueprint", a.toString(), b.toString(), "--snapshot-id", "demo_tiny",
        "--json")).isZero();
    assertThat(Json.parse(cli.out(), "out").findValuesAsText("status")).containsExactly("exists", "exists");
  }

  @Test
  void aJobFolderInTheWayOfOneFileStopsNoneOfTheOthers() throws Exception {
    Path a = blueprint("a.json", "in the way");
    Path b = blueprint("b.json", "after it");
    assertThat(cli.run("job", "submit-blueprint", a.toString(), "--snapshot-id", "demo_tiny")).isZero();
    String id = cli.out().trim().substring("created job ".length());
    Path folder = wiring.config().jobRoot().resolve(id);
    Files.move(folder, home.resolve("aside"));
    Files.createFile(Files.createDirectory(folder).resolve("stray"));

    assertThat(cli.run("job", "submit-blueprint", a.toString(), b.toString(), "--snapshot-id", "demo_tiny"))
        .isEqualTo(2);
    assertThat(cli.err()).contains("error: job " + id, "holds no job_spec.json");
    assertThat(cli.out()).startsWith("created job ").contains("(" + b + ")");
  }

  @Test
  void oneFileAnswersAsBefore() throws Exception {
    Path a = blueprint("a.json", "single");
    assertThat(cli.run("job", "submit-blueprint", a.toString(), "--snapshot-id", "demo_tiny")).isZero();
    assertThat(cli.out()).matches("created job [0-9a-f]{12}\n");
  }
}
