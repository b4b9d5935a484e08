package io.quanteam.eam.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.quanteam.eam.app.EamConfig;
import io.quanteam.eam.json.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobCommandTest {
  private static final Path REFERENCE = Path.of("src/test/resources/reference");
  private static final String BLUEPRINT_JOB = "642e4768da98";
  private static final String CHILD_JOB = "0d38b73dd02d";
  @TempDir
  Path home;
  private EamConfig config;
  private Cli cli;

  @BeforeEach
  void setUp() {
    config = EamConfig.from(Map.of("EAM_HOME", home.toString(), "SOURCE_DATE_EPOCH", "1700000000",
        "EAM_POLICIES_ROOT", Path.of("policies").toAbsolutePath().toString()), new Properties());
    // submissions are checked against the lake: the reference's snapshot (the tiny demo) and the standard demo
    io.quanteam.eam.data.SnapshotStore lake = new io.quanteam.eam.data.SnapshotStore(config.dataRoot(),
        config.clock());
    lake.createDemo("demo_snap_job_001", io.quanteam.eam.data.DemoProfile.TINY);
    lake.createDemo("demo", io.quanteam.eam.data.DemoProfile.STANDARD);
  }

  private int eam(String... args) {
    cli = new Cli(config);
    return cli.run(args);
  }

  private String blueprintFile() {
    return REFERENCE.resolve("blueprint_job_642e4768da98/inputs/blueprint.json").toString();
  }

  private void copyChildJob() throws Exception {
    Path from = REFERENCE.resolve("child_job_at_checkpoint_0d38b73dd02d");
    Path to = config.jobRoot().resolve(CHILD_JOB);
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path p : walk.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }

  @Test
  void listingShowingAndApprovingNeverReadThePolicyFolderSubmittingDoes() throws Exception {
    assertThat(eam("job", "submit-blueprint", blueprintFile(), "--snapshot-id", "demo_snap_job_001")).isZero();
    String job = cli.out().trim().replace("created job ", "");
    config = EamConfig.from(Map.of("EAM_HOME", home.toString(), "SOURCE_DATE_EPOCH", "1700000000",
        "EAM_POLICIES_ROOT", home.resolve("no-policies-here").toString()), new Properties());

    assertThat(eam("job", "list")).isZero();
    assertThat(cli.out()).contains(job);
    assertThat(eam("job", "show", job)).isZero();
    assertThat(eam("job", "verify", job)).isZero();
    assertThat(eam("job", "submit-blueprint", blueprintFile(), "--snapshot-id", "demo")).isEqualTo(2);
    assertThat(cli.err()).contains("no-policies-here", "not_found", "the policies folder does not exist");
  }

  @Test
  void submitBlueprintCreatesTheReferenceJobOnce() {
    assertThat(eam("job", "submit-blueprint", blueprintFile(), "--snapshot-id", "demo_snap_job_001")).isZero();
    assertThat(cli.out()).isEqualTo("created job " + BLUEPRINT_JOB + "\n");
    // No path given: the bundle the reference blueprint names, v1, so the reference job id.
    assertThat(cli.err()).isEqualTo("note: bundle policy_bundle_v1_default has no multiple-testing gate (dsr_v1)\n");
    Path spec = config.jobRoot().resolve(BLUEPRINT_JOB).resolve("job_spec.json");
    assertThat(Json.read(spec).path("policy_bundle_path").asText()).isEqualTo("policies/policy_bundle_v1.yaml");
    assertThat(eam("job", "submit-blueprint", blueprintFile(), "--snapshot-id", "demo_snap_job_001",
        "--policy-bundle", "policies/policy_bundle_v1.yaml", "--json")).isZero();
    assertThat(Json.parse(cli.out(), "out")).isEqualTo(Json.parse(
        "{\"job_id\": \"" + BLUEPRINT_JOB + "\", \"status\": \"exists\"}", "expected"));
  }

  @Test
  void aBlueprintNamingTheDefaultBundleGetsItWithoutANote() throws Exception {
    JsonNode bp = Json.read(Path.of("contracts/examples/blueprint_v1_ma_crossover_ok.json"));
    assertThat(bp.path("policy_bundle_id").asText()).isEqualTo("policy_bundle_v3_default");
    assertThat(eam("job", "submit-blueprint", "contracts/examples/blueprint_v1_ma_crossover_ok.json",
        "--snapshot-id", "demo", "--json")).isZero();
    assertThat(cli.err()).isEmpty();
    String job = Json.parse(cli.out(), "out").path("job_id").asText();
    assertThat(Json.read(config.jobRoot().resolve(job).resolve("job_spec.json")).path("policy_bundle_path").asText())
        .isEqualTo("policies/policy_bundle_v3_default.yaml");

    Path unknown = home.resolve("unknown.json");
    Files.writeString(unknown, Files.readString(Path.of("contracts/examples/blueprint_v1_ma_crossover_ok.json"))
        .replace("policy_bundle_v3_default", "policy_bundle_v9"));
    assertThat(eam("job", "submit-blueprint", unknown.toString(), "--snapshot-id", "demo")).isEqualTo(2);
    // told at the blueprint file's own pointer (the job spec's would be /blueprint/policy_bundle_id)
    assertThat(cli.err()).contains(unknown + " at /policy_bundle_id", "unknown_policy_bundle", "policy_bundle_v9");
  }

  @Test
  void submitBlueprintRefusesANumberBeyondADoubleWhereItIsWritten() throws Exception {
    Path huge = home.resolve("huge.json");
    Files.writeString(huge, Files.readString(Path.of("contracts/examples/blueprint_v1_ma_crossover_ok.json"))
        .replaceFirst("\"fast\"\\s*:\\s*[0-9]+", "\"fast\": 1e400"));
    assertThat(Files.readString(huge)).contains("1e400");
    assertThat(eam("job", "submit-blueprint", huge.toString(), "--snapshot-id", "demo")).isEqualTo(2);
    assertThat(cli.err()).contains(huge.toString() + ": line ", "1e400", "beyond the range of a double")
        .doesNotContain("unexpected error", "Exception");
    assertThat(config.jobRoot()).satisfiesAnyOf(root -> assertThat(root).doesNotExist(),
        root -> assertThat(root).isEmptyDirectory());
  }

  @Test
  void submitBlueprintRefusesAMismatchedBundleWithExitTwo() {
    assertThat(eam("job", "submit-blueprint", blueprintFile(), "--snapshot-id", "s1", "--policy-bundle",
        "policies/policy_bundle_v2_statistical.yaml")).isEqualTo(2);
    assertThat(cli.err()).contains("blueprint.json at /policy_bundle_id", "policy_bundle_mismatch",
        "--snapshot-id: snapshot_not_found");
    assertThat(eam("job", "submit-blueprint", home.resolve("missing.json").toString(), "--snapshot-id", "s1"))
        .isEqualTo(2);
    assertThat(cli.err()).contains("file not found");
  }

  @Test
  void submitIdeaListAndFilterByState() throws Exception {
    Path idea = home.resolve("idea.json");
    Files.writeString(idea, """
        {"schema_version": "idea_spec_v1", "title": "Momentum on AAA", "hypothesis_text": "trend persists",
         "symbols": ["AAA"], "frequency": "1d", "start": "2024-01-01", "end": "2024-01-10",
         "evaluation_intent": "cli test", "snapshot_id": "demo_snap_job_001"}""");
    assertThat(eam("job", "submit-idea", idea.toString(), "--json")).isZero();
    String ideaId = Json.parse(cli.out(), "out").get("job_id").asText();
    copyChildJob();

    assertThat(eam("job", "list")).isZero();
    List<String> lines = cli.out().lines().toList();
    assertThat(lines).hasSize(4);
    assertThat(lines.get(0)).startsWith("JOB_ID").contains("KIND", "STATE", "WAITING", "LAST_EVENT_AT", "TITLE");
    String childRow = lines.stream().filter(l -> l.startsWith(CHILD_JOB)).findFirst().orElseThrow();
    assertThat(childRow).contains("blueprint", "WAITING_APPROVAL(blueprint)", "2023-11-14T22:13:20+00:00",
        "Golden Idea MA Crossover [p_42786dcb]");
    assertThat(lines.get(3)).isEqualTo("2 job(s)");

    assertThat(eam("job", "list", "--state", "waiting", "--json")).isZero();
    JsonNode waiting = Json.parse(cli.out(), "out");
    assertThat(waiting).hasSize(1);
    assertThat(waiting.get(0).get("job_id").asText()).isEqualTo(CHILD_JOB);
    assertThat(waiting.get(0).get("waiting_step").asText()).isEqualTo("blueprint");

    assertThat(eam("job", "list", "--state", "IDEA_SUBMITTED", "--json")).isZero();
    JsonNode ready = Json.parse(cli.out(), "out");
    assertThat(ready).hasSize(1);
    assertThat(ready.get(0).get("job_id").asText()).isEqualTo(ideaId);
    assertThat(ready.get(0).get("kind").asText()).isEqualTo("idea");
    assertThat(ready.get(0).get("next").asText()).isEqualTo("stage intent");

    assertThat(eam("job", "list", "--state", "sleeping")).isEqualTo(2);
    assertThat(cli.err()).contains("--state");
  }

  @Test
  void showPrintsSpecStateTimelineAndOutputs() throws Exception {
    copyChildJob();
    assertThat(eam("job", "show", CHILD_JOB)).isZero();
    assertThat(cli.out()).contains("job 0d38b73dd02d (blueprint)", "snapshot:  demo_snap_job_001",
        "bundle:    policy_bundle_v1_default (policies/policy_bundle_v1.yaml)",
        "state:     WAITING_APPROVAL(blueprint)", "    2  2023-11-14T22:13:20+00:00  WAITING_APPROVAL",
        "step=blueprint", "policy_bundle_ref_path: outputs/policy_bundle_ref.json");
    assertThat(eam("job", "show", CHILD_JOB, "--json")).isZero();
    JsonNode d = Json.parse(cli.out(), "out");
    assertThat(d.get("events")).hasSize(2);
    assertThat(d.at("/state/phase").asText()).isEqualTo("WAITING");
    assertThat(d.at("/spec/snapshot_id").asText()).isEqualTo("demo_snap_job_001");
    assertThat(eam("job", "show", "../../etc")).isEqualTo(2);
    assertThat(cli.err()).contains("job_id_format");
    assertThat(eam("job", "show", "0123456789ab")).isEqualTo(2);
    assertThat(cli.err()).contains("unknown_job");
  }

  @Test
  void approveContinuesTheReferenceJobAndAConflictExitsOne() throws Exception {
    copyChildJob();
    assertThat(eam("job", "approve", CHILD_JOB, "--step", "runspec")).isEqualTo(1);
    assertThat(cli.err()).contains("step runspec is not waiting", "waiting on step blueprint");
    assertThat(eam("job", "approve", CHILD_JOB, "--step", "blueprint")).isZero();
    assertThat(cli.out()).contains("approved blueprint of job " + CHILD_JOB);
    assertThat(eam("job", "approve", CHILD_JOB, "--step", "blueprint")).isZero();
    assertThat(cli.out()).contains("already approved; nothing written");
    List<String> lines = Files.readAllLines(config.jobRoot().resolve(CHILD_JOB).resolve("events.jsonl"),
        StandardCharsets.UTF_8);
    assertThat(lines).hasSize(3);
    assertThat(Json.parse(lines.get(2), "line 3").at("/outputs/actor").asText()).isEqualTo("cli");
    assertThat(eam("job", "verify", CHILD_JOB)).isZero();
    assertThat(cli.out()).contains("3 event line(s), 2 unchained", "OK");
  }

  @Test
  void rejectEndsTheJobAndARejectOfANonWaitingStepExitsOne() throws Exception {
    copyChildJob();
    assertThat(eam("job", "reject", CHILD_JOB, "--step", "runspec", "--reason", "no")).isEqualTo(1);
    assertThat(cli.err()).contains("waiting on step blueprint");
    assertThat(eam("job", "reject", CHILD_JOB, "--step", "blueprint", "--reason", "universe too small")).isZero();
    assertThat(eam("job", "show", CHILD_JOB, "--json")).isZero();
    JsonNode d = Json.parse(cli.out(), "out");
    assertThat(d.at("/state/phase").asText()).isEqualTo("TERMINAL_DONE");
    assertThat(d.at("/events/2/outputs")).isEqualTo(Json.parse(
        "{\"status\": \"rejected\", \"step\": \"blueprint\", \"reason\": \"universe too small\", \"actor\": \"cli\"}",
        "expected"));
  }

  @Test
  void verifyExitsTwoOnATamperedLogAndReindexRebuildsTheIndex() throws Exception {
    assertThat(eam("job", "submit-blueprint", blueprintFile(), "--snapshot-id", "demo_snap_job_001")).isZero();
    assertThat(eam("job", "reject", BLUEPRINT_JOB, "--step", "runspec", "--reason", "x")).isEqualTo(1);
    Path events = config.jobRoot().resolve(BLUEPRINT_JOB).resolve("events.jsonl");
    Files.writeString(events, "{\"event_type\":\"DONE\",\"extensions\":{\"chain\":{\"prev_sha256\":\""
        + "0".repeat(64) + "\",\"seq\":2}},\"job_id\":\"642e4768da98\",\"schema_version\":\"job_event_v2\"}\n",
        java.nio.file.StandardOpenOption.APPEND);
    assertThat(eam("job", "verify", BLUEPRINT_JOB)).isEqualTo(2);
    assertThat(cli.out()).contains("line 2: chain_link", "CORRUPT: 1 problem(s)");

    assertThat(eam("job", "reindex", BLUEPRINT_JOB)).isZero();
    assertThat(cli.out()).contains("rebuilt outputs/outputs.json of job " + BLUEPRINT_JOB);
    JsonNode index = Json.read(config.jobRoot().resolve(BLUEPRINT_JOB).resolve("outputs/outputs.json"));
    assertThat(index.get("policy_bundle_sha256").asText())
        .isEqualTo("41ebec6e5461c6afb47aa49f4a039c34f20f0ae83ddcee5f3381cd6d7da0741c");
  }
}
