package io.quanteam.eam.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.quanteam.eam.app.EamConfig;
import io.quanteam.eam.data.DemoProfile;
import io.quanteam.eam.data.SnapshotStore;
import io.quanteam.eam.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code eam compile} without --policy-bundle uses the bundle the blueprint names, and says when it has no DSR. */
class CompileCommandTest {
  private static final Path REFERENCE_BLUEPRINT =
      Path.of("src/test/resources/reference/blueprint_job_642e4768da98/inputs/blueprint.json");
  @TempDir
  Path home;
  private Cli cli;

  @BeforeEach
  void setUp() {
    EamConfig config = EamConfig.from(Map.of("EAM_HOME", home.toString(), "SOURCE_DATE_EPOCH", "1700000000",
        "EAM_POLICIES_ROOT", Path.of("policies").toAbsolutePath().toString()), new Properties());
    new SnapshotStore(config.dataRoot(), config.clock()).createDemo("demo_tiny", DemoProfile.TINY);
    cli = new Cli(config);
  }

  @Test
  void theReferenceBlueprintCompilesUnderItsOwnBundleWithANote() {
    Path out = home.resolve("rs.json");
    assertThat(cli.run("compile", "--blueprint", REFERENCE_BLUEPRINT.toString(), "--snapshot-id", "demo_tiny",
        "--out", out.toString())).isZero();
    assertThat(Json.read(out).path("policy_bundle_id").asText()).isEqualTo("policy_bundle_v1_default");
    assertThat(cli.err()).isEqualTo("note: bundle policy_bundle_v1_default has no multiple-testing gate (dsr_v1)\n");
    String without = cli.out().replaceAll(".*run_id (\\w+).*\\s*", "$1");

    assertThat(cli.run("compile", "--blueprint", REFERENCE_BLUEPRINT.toString(), "--snapshot-id", "demo_tiny",
        "--policy-bundle", "policies/policy_bundle_v1.yaml", "--out", home.resolve("rs2.json").toString())).isZero();
    assertThat(cli.out().replaceAll(".*run_id (\\w+).*\\s*", "$1")).isEqualTo(without);
  }

  @Test
  void aBlueprintNamingNoKnownBundleIsRefusedAtItsPolicyBundleId() throws Exception {
    Path bp = home.resolve("bp.json");
    Files.writeString(bp, Files.readString(REFERENCE_BLUEPRINT).replace("policy_bundle_v1_default", "nope_v1"));
    assertThat(cli.run("compile", "--blueprint", bp.toString(), "--snapshot-id", "demo_tiny", "--out",
        home.resolve("rs.json").toString())).isEqualTo(EamCommand.INVALID_INPUT);
    assertThat(cli.err()).contains(bp + " at /policy_bundle_id: unknown_policy_bundle", "policy_bundle_v3_default");
  }
}
