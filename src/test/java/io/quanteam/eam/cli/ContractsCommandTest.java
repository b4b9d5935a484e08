package io.quanteam.eam.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.quanteam.eam.app.EamConfig;
import io.quanteam.eam.json.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ContractsCommandTest {
  private static final Path EXAMPLES = Path.of("contracts/examples");

  @TempDir
  Path tmp;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    EamConfig config = EamConfig.from(Map.of("EAM_HOME", tmp.toString()), new Properties());
    CommandLine cl = EamCommand.commandLine(config);
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    return cl.execute(args);
  }

  @Test
  void aValidDocumentPrintsOkWithItsContract() {
    Path file = EXAMPLES.resolve("run_spec_v2_ok.json");

    assertThat(run("contracts", "validate", file.toString())).isZero();
    assertThat(out.toString()).isEqualTo("OK " + file + " (run_spec_v2)" + System.lineSeparator());
  }

  @Test
  void anInvalidDocumentPrintsOneLinePerViolationAndExitsTwo() {
    Path file = EXAMPLES.resolve("run_spec_v2_missing_list_bad.json");

    assertThat(run("contracts", "validate", file.toString())).isEqualTo(2);
    assertThat(out.toString()).isEqualTo(file + " at /segments/list: required — required property 'list' is missing"
        + System.lineSeparator());
  }

  @Test
  void jsonOutputListsTheViolations() {
    Path file = EXAMPLES.resolve("signal_dsl_v1_ref_policy_bad.json");

    assertThat(run("contracts", "validate", "--json", file.toString())).isEqualTo(2);
    JsonNode report = Json.parse(out.toString(), "stdout");
    assertThat(report.get("contract").asText()).isEqualTo("signal_dsl_v1");
    assertThat(report.get("valid").asBoolean()).isFalse();
    assertThat(report.at("/violations/0/pointer").asText()).isEqualTo("/execution/cost_model/ref_policy");
    assertThat(report.at("/violations/0/rule").asText()).isEqualTo("const");
    assertThat(report.at("/violations/0/value").asText()).isEqualTo("false");
  }

  @Test
  void aPolicyYamlIsMatchedByItsFileName() throws IOException {
    Path policy = tmp.resolve("risk_policy_v1.yaml");
    Files.writeString(policy, "policy_id: risk_policy_v1_default\npolicy_version: \"v1\"\ntitle: Risk\n"
        + "params:\n  max_leverage: 1.0\n  max_positions: 20\n  max_turnover: 1.0\n  max_drawdown: 0.2\n",
        StandardCharsets.UTF_8);

    assertThat(run("contracts", "validate", policy.toString())).isZero();
    assertThat(out.toString()).contains("(risk_policy_v1)");

    Files.writeString(policy, Files.readString(policy).replace("max_positions: 20", "max_positions: 0"));
    assertThat(run("contracts", "validate", policy.toString())).isEqualTo(2);
    assertThat(out.toString()).contains(policy + " at /params/max_positions: minimum");
  }

  @Test
  void anExplicitContractOverridesTheDeclaredOne() {
    Path file = EXAMPLES.resolve("blueprint_v1_ok.json");

    assertThat(run("contracts", "validate", "--contract", "job_spec_v1", file.toString())).isEqualTo(2);
    assertThat(out.toString()).contains("at /schema_version: const");
  }

  @Test
  void aDocumentNamingNoContractIsInvalid() throws IOException {
    Path file = tmp.resolve("notes.json");
    Files.writeString(file, "{\"hello\": 1}");

    assertThat(run("contracts", "validate", file.toString())).isEqualTo(2);
    assertThat(out.toString()).contains(file + " at /: unknown_contract");
  }

  @Test
  void malformedInputAndUnknownContractsAreReportedWithoutAStackTrace() throws IOException {
    Path broken = tmp.resolve("broken.json");
    Files.writeString(broken, "{\"schema_version\": ");
    assertThat(run("contracts", "validate", broken.toString())).isEqualTo(2);
    assertThat(err.toString()).startsWith("error: " + broken + ": line 1");

    assertThat(run("contracts", "validate", "--contract", "nope_v1", broken.toString())).isEqualTo(1);
    assertThat(err.toString()).contains("unknown contract nope_v1");

    assertThat(run("contracts", "validate", tmp.resolve("missing.yaml").toString())).isEqualTo(2);
    assertThat(err.toString()).contains("missing.yaml: file not found");
  }

  @Test
  void aJsonLinesFileIsValidatedLineByLine() throws IOException {
    Path log = tmp.resolve("events.jsonl");
    Files.writeString(log, "{\"event_type\":\"DONE\",\"job_id\":\"642e4768da98\",\"schema_version\":\"job_event_v2\"}\n"
        + "{\"event_type\":\"PAUSED\",\"job_id\":\"642e4768da98\",\"schema_version\":\"job_event_v1\"}\n");

    assertThat(run("contracts", "validate", log.toString())).isEqualTo(2);
    assertThat(out.toString()).isEqualTo(log + " line 2 at /event_type: enum — does not have a value in the"
        + " enumeration [\"BLUEPRINT_SUBMITTED\", \"IDEA_SUBMITTED\", \"BLUEPRINT_PROPOSED\","
        + " \"STRATEGY_SPEC_PROPOSED\", \"RUNSPEC_COMPILED\", \"WAITING_APPROVAL\", \"APPROVED\","
        + " \"TRACE_PREVIEW_COMPLETED\", \"RUN_COMPLETED\", \"GATES_COMPLETED\", \"REGISTRY_UPDATED\","
        + " \"REPORT_COMPLETED\", \"IMPROVEMENTS_PROPOSED\", \"SPAWNED\", \"DONE\", \"ERROR\"] (value: \"PAUSED\")"
        + System.lineSeparator());

    Path reference = Path.of("src/test/resources/reference/idea_job_943b76bbb174/events.jsonl");
    assertThat(run("contracts", "validate", "--contract", "job_event_v2", reference.toString())).isZero();
  }

  @Test
  void listPrintsEveryContract() {
    assertThat(run("contracts", "list")).isZero();
    assertThat(out.toString().lines()).hasSize(37).contains("card_event_v1", "job_event_v2", "policy_lock_v1", "run_spec_v1",
        "segment_metrics_v1", "risk_report_v1", "report_summary_v1");
  }
}
