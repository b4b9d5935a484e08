package io.quanteam.eam.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quanteam.eam.app.EamConfig;
import io.quanteam.eam.app.EamWiring;
import io.quanteam.eam.job.EventType;
import io.quanteam.eam.job.JobEvent;
import io.quanteam.eam.job.JobKind;
import io.quanteam.eam.json.CanonicalJson;
import io.quanteam.eam.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The inbox submitter without Camel: what each kind of file becomes, and the answer file next to it. */
class InboxSubmitterTest {
  @TempDir
  Path home;
  EamWiring wiring;
  InboxSubmitter inbox;
  Path dir;

  @BeforeEach
  void setUp() throws Exception {
    wiring = EamWiring.create(EamConfig.from(Map.of("EAM_HOME", home.toString(), "EAM_POLICIES_ROOT",
        Path.of("policies").toAbsolutePath().toString()), new Properties()));
    wiring.snapshots().createDemo("demo_tiny", io.quanteam.eam.data.DemoProfile.TINY);
    dir = Files.createDirectories(home.resolve("inbox"));
    inbox = new InboxSubmitter(wiring.jobs(), wiring.policies(), dir);
  }

  private String drop(String name, String text) throws Exception {
    return inbox.submit(Files.writeString(dir.resolve(name), text).toString());
  }

  private static ObjectNode jobSpec() {
    ObjectNode spec = Json.object().put("schema_version", "job_spec_v1").put("snapshot_id", "demo_tiny");
    spec.set("blueprint", Json.read(Path.of("contracts/examples/blueprint_v1_buyhold_demo_ok.json")));
    return spec;
  }

  @Test
  void aJobSpecBecomesABlueprintJobWithTheBundleItsBlueprintNames() throws Exception {
    assertThat(drop("a.json", CanonicalJson.pretty(jobSpec()))).isEqualTo(InboxSubmitter.DONE);
    JsonNode answer = Json.read(dir.resolve(".done/a.json.result.json"));
    String job = answer.path("job_id").asText();
    assertThat(answer.path("status").asText()).isEqualTo("created");
    assertThat(answer.path("note").asText())
        .isEqualTo("note: bundle policy_bundle_v1_default has no multiple-testing gate (dsr_v1)");
    assertThat(wiring.jobs().kind(job)).isEqualTo(JobKind.BLUEPRINT);
    assertThat(wiring.jobs().spec(job).path("policy_bundle_path").asText()).isEqualTo("policies/policy_bundle_v1.yaml");
    JobEvent first = wiring.jobs().events(job).list().get(0);
    assertThat(first.type()).isEqualTo(EventType.BLUEPRINT_SUBMITTED);

    // the same spec as submitted by the CLI is the same job
    assertThat(wiring.jobs().submitBlueprint(jobSpec().get("blueprint"), "demo_tiny", null, null, "cli").jobId())
        .isEqualTo(job);

    wiring.snapshots().createDemo("demo", io.quanteam.eam.data.DemoProfile.STANDARD);
    ObjectNode v3 = Json.object().put("schema_version", "job_spec_v1").put("snapshot_id", "demo");
    v3.set("blueprint", Json.read(Path.of("contracts/examples/blueprint_v1_ma_crossover_ok.json")));
    assertThat(drop("v3.json", CanonicalJson.pretty(v3))).isEqualTo(InboxSubmitter.DONE);
    JsonNode v3answer = Json.read(dir.resolve(".done/v3.json.result.json"));
    assertThat(v3answer.has("note")).isFalse();
    String other = v3answer.path("job_id").asText();
    assertThat(wiring.jobs().spec(other).path("policy_bundle_path").asText())
        .isEqualTo("policies/policy_bundle_v3_default.yaml");
  }

  @Test
  void aFolderInTheWayOfTheJobIsAnErrorAnswerNotExists(@TempDir Path elsewhere) throws Exception {
    EamWiring other = EamWiring.create(EamConfig.from(Map.of("EAM_HOME", elsewhere.toString(), "EAM_POLICIES_ROOT",
        Path.of("policies").toAbsolutePath().toString()), new Properties()));
    other.snapshots().createDemo("demo_tiny", io.quanteam.eam.data.DemoProfile.TINY);
    String id = other.jobs().submitBlueprint(jobSpec().get("blueprint"), "demo_tiny", null, null, "test").jobId();
    Files.createFile(Files.createDirectories(wiring.config().jobRoot().resolve(id)).resolve(".lock"));

    assertThat(drop("a.json", CanonicalJson.pretty(jobSpec()))).isEqualTo(InboxSubmitter.ERROR);
    JsonNode answer = Json.read(dir.resolve(".error/a.json.error.json"));
    assertThat(answer.toString()).contains("job_folder_in_the_way", "no job_spec.json", id);
    assertThat(dir.resolve(".error/a.json")).as("the entry is kept beside its answer").exists();
  }

  @Test
  void anIdeaSpecBecomesAnIdeaJob() throws Exception {
    wiring.snapshots().createDemo("demo_snap_job_001", io.quanteam.eam.data.DemoProfile.TINY); // the idea's
    // the example names the reference's budget file (/eam/inputs/...), which a submission here refuses
    String text = Files.readString(Path.of("contracts/examples/idea_spec_v1_ok.json"))
        .replace("\"budget_policy_path\": \"/eam/inputs/budget_policy_spawn1.yaml\",", "");
    assertThat(drop("idea.json", text)).isEqualTo(InboxSubmitter.DONE);
    String job = Json.read(dir.resolve(".done/idea.json.result.json")).path("job_id").asText();
    assertThat(wiring.jobs().kind(job)).isEqualTo(JobKind.IDEA);
  }

  @Test
  void aWrongBundleIdAnUnknownKeyAndBrokenJsonAreRefusedWithPointers() throws Exception {
    ObjectNode wrongBundle = jobSpec().put("policy_bundle_id", "policy_bundle_v9");
    assertThat(drop("b.json", CanonicalJson.pretty(wrongBundle))).isEqualTo(InboxSubmitter.ERROR);
    JsonNode v = Json.read(dir.resolve(".error/b.json.error.json")).path("violations").get(0);
    assertThat(v.path("pointer").asText()).isEqualTo("/policy_bundle_id");
    assertThat(v.path("rule").asText()).isEqualTo("unknown_policy_bundle");
    assertThat(v.path("value").asText()).isEqualTo("policy_bundle_v9");

    ObjectNode unknownInBlueprint = jobSpec();
    ((ObjectNode) unknownInBlueprint.get("blueprint")).put("policy_bundle_id", "policy_bundle_v9");
    assertThat(drop("b2.json", CanonicalJson.pretty(unknownInBlueprint))).isEqualTo(InboxSubmitter.ERROR);
    JsonNode u = Json.read(dir.resolve(".error/b2.json.error.json")).path("violations").get(0);
    assertThat(u.path("pointer").asText()).isEqualTo("/blueprint/policy_bundle_id");
    assertThat(u.path("rule").asText()).isEqualTo("unknown_policy_bundle");

    ObjectNode mismatch = jobSpec().put("policy_bundle_id", "policy_bundle_v3_default");
    assertThat(drop("b3.json", CanonicalJson.pretty(mismatch))).isEqualTo(InboxSubmitter.ERROR);
    JsonNode m = Json.read(dir.resolve(".error/b3.json.error.json")).path("violations").get(0);
    assertThat(m.path("pointer").asText()).isEqualTo("/blueprint/policy_bundle_id");
    assertThat(m.path("rule").asText()).isEqualTo("policy_bundle_mismatch");

    ObjectNode extra = jobSpec().put("priority", "high");
    assertThat(drop("c.json", CanonicalJson.pretty(extra))).isEqualTo(InboxSubmitter.ERROR);
    assertThat(Json.read(dir.resolve(".error/c.json.error.json")).path("error").asText()).contains("priority");

    assertThat(drop("d.json", "{\"schema_version\": \"job_spec_v1\",")).isEqualTo(InboxSubmitter.ERROR);
    JsonNode syntax = Json.read(dir.resolve(".error/d.json.error.json"));
    assertThat(syntax.path("violations").get(0).path("rule").asText()).isEqualTo("json_syntax");
    assertThat(syntax.path("error").asText()).startsWith("inbox/d.json");

    assertThat(drop("e.json", "[1, 2]")).isEqualTo(InboxSubmitter.ERROR);
    assertThat(Json.read(dir.resolve(".error/e.json.error.json")).path("violations").get(0).path("rule").asText())
        .isEqualTo("type");

    assertThat(drop("f.json", "{\"schema_version\": \"runspec_v9\"}")).isEqualTo(InboxSubmitter.ERROR);
    JsonNode unknown = Json.read(dir.resolve(".error/f.json.error.json")).path("violations").get(0);
    assertThat(unknown.path("rule").asText()).isEqualTo("unknown_schema");
    assertThat(unknown.path("value").asText()).isEqualTo("\"runspec_v9\"");
    assertThat(wiring.jobs().jobIds()).isEmpty();
  }

  @Test
  void aBundlePathThatIsNotAPathOrNamesNoBundleIsRefusedAtItsPointer() throws Exception {
    ObjectNode number = jobSpec();
    number.put("policy_bundle_path", 5);
    assertThat(drop("g.json", CanonicalJson.pretty(number))).isEqualTo(InboxSubmitter.ERROR);
    JsonNode v = Json.read(dir.resolve(".error/g.json.error.json")).path("violations").get(0);
    assertThat(v.path("source").asText()).isEqualTo("inbox/g.json");
    assertThat(v.path("pointer").asText()).isEqualTo("/policy_bundle_path");
    assertThat(v.path("rule").asText()).isEqualTo("type");

    ObjectNode missing = jobSpec().put("policy_bundle_path", "policies/no_such_bundle.yaml");
    assertThat(drop("h.json", CanonicalJson.pretty(missing))).isEqualTo(InboxSubmitter.ERROR);
    JsonNode w = Json.read(dir.resolve(".error/h.json.error.json")).path("violations").get(0);
    assertThat(w.path("source").asText()).isEqualTo("inbox/h.json");
    assertThat(w.path("pointer").asText()).isEqualTo("/policy_bundle_path");
    assertThat(wiring.jobs().jobIds()).isEmpty();
  }

  @Test
  void aFailureRecordedByTheRoutesNamesTheStageNotTheRoute() throws Exception {
    String job = wiring.jobs().submitBlueprint(jobSpec().get("blueprint"), "demo_tiny", null, null, "test").jobId();
    wiring.stages().recordFailure(job, "stage-compile", "disk full");
    JobEvent last = wiring.jobs().events(job).last();
    assertThat(last.type()).isEqualTo(EventType.ERROR);
    assertThat(last.output("step")).isEqualTo("compile");
    assertThat(last.output("reason")).isEqualTo("STAGE_FAILED");
    assertThat(last.output("message")).isEqualTo("disk full");

    wiring.stages().recordFailure(job, "dispatch", "again");
    assertThat(wiring.jobs().events(job).list()).as("an ended job records nothing more").hasSize(2);
  }
}
