package io.quanteam.eam.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quanteam.eam.json.Json;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContractsTest {
  private static final Path EXAMPLES = Path.of("contracts/examples");
  private final Contracts contracts = Contracts.shared();

  private static ObjectNode example(String name) {
    return (ObjectNode) Json.read(EXAMPLES.resolve(name));
  }

  @Test
  void aViolationNamesTheSourcePointerRuleAndValue() {
    ObjectNode spec = example("job_spec_v1_ok.json");
    ObjectNode blueprint = (ObjectNode) spec.get("blueprint");
    ((ObjectNode) blueprint.get("universe")).putArray("symbols");
    blueprint.withObject("/evaluation_protocol/segments").remove("test");
    spec.put("snapshot_id", "bad id!");

    List<Violation> violations = contracts.check(spec, "job_spec_v1", "inbox/spec.json");

    assertThat(violations).containsExactly(
        new Violation("inbox/spec.json", "/blueprint/evaluation_protocol/segments/test", "required",
            "required property 'test' is missing", null),
        new Violation("inbox/spec.json", "/blueprint/universe/symbols", "minItems",
            "must have at least 1 items but found 0", "[]"),
        new Violation("inbox/spec.json", "/snapshot_id", "pattern",
            "does not match the regex pattern ^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$", "\"bad id!\""));
    assertThat(violations.get(2).describe()).isEqualTo("inbox/spec.json at /snapshot_id: pattern — does not match"
        + " the regex pattern ^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$ (value: \"bad id!\")");
  }

  @Test
  void anEnumViolationCarriesTheOffendingValueAndAFormatViolationSaysWhatIsExpected() {
    ObjectNode event = example("job_event_v2_ok.json");
    event.put("event_type", "FINISHED");
    ((ObjectNode) event.get("extensions")).put("recorded_at", "yesterday");

    List<Violation> violations = contracts.check(event, "job_event_v2", "events.jsonl line 3");

    assertThat(violations).extracting(Violation::pointer, Violation::rule, Violation::value).containsExactly(
        org.assertj.core.groups.Tuple.tuple("/event_type", "enum", "\"FINISHED\""),
        org.assertj.core.groups.Tuple.tuple("/extensions/recorded_at", "format", "\"yesterday\""));
    assertThat(violations.get(1).message()).contains("RFC 3339 date-time");
  }

  @Test
  void anUnknownPropertyIsReportedAtItsOwnPointerWithEscaping() {
    ObjectNode bundle = example("policy_bundle_v1_ok.json");
    bundle.put("cost/override", 0);

    List<Violation> violations = contracts.check(bundle, "policy_bundle_v1", "policies/policy_bundle_v1.yaml");

    assertThat(violations).singleElement().satisfies(v -> {
      assertThat(v.pointer()).isEqualTo("/cost~1override");
      assertThat(v.rule()).isEqualTo("additionalProperties");
      assertThat(v.value()).isEqualTo("0");
    });
  }

  @Test
  void aWrongRootTypeIsReportedAtTheRootPointer() {
    List<Violation> violations = contracts.check(Json.parse("[1]", "x.json"), "blueprint_v1", "x.json");

    assertThat(violations).singleElement().satisfies(v -> {
      assertThat(v.pointer()).isEqualTo("/");
      assertThat(v.rule()).isEqualTo("type");
      assertThat(v.value()).isEqualTo("[1]");
    });
  }

  @Test
  void longValuesAreTruncated() {
    ObjectNode event = example("job_event_v2_ok.json");
    event.put("job_id", "f".repeat(500));

    Violation v = contracts.check(event, "job_event_v2", "e").get(0);

    assertThat(v.value()).hasSize(ViolationReader.MAX_VALUE_CHARS).endsWith("...").startsWith("\"fff");
  }

  @Test
  void violationsAreSortedByPointerThenRule() {
    ObjectNode card = example("experience_card_v1_ok.json");
    card.put("title", "");
    card.put("card_id", "card_X");
    card.remove("metrics");
    card.put("blueprint_hash", 7);

    List<String> keys = contracts.check(card, "experience_card_v1", "card").stream()
        .map(v -> v.pointer() + " " + v.rule()).toList();

    assertThat(keys).containsExactly("/blueprint_hash type", "/card_id pattern", "/metrics required",
        "/title minLength");
  }

  @Test
  void checkAutoPicksTheContractFromTheDeclaredVersion() {
    assertThat(contracts.checkAuto(example("run_spec_v2_ok.json"), "a")).isEmpty();
    assertThat(contracts.checkAuto(example("signal_dsl_v1_ok.json"), "b")).isEmpty();

    ObjectNode runspec = example("run_spec_v2_ok.json");
    runspec.put("lag_bars", 0);
    assertThat(contracts.checkAuto(runspec, "c")).extracting(Violation::pointer).containsExactly("/lag_bars");
  }

  @Test
  void aDocumentWithoutOrWithAnUnknownVersionIsAnUnknownContract() {
    assertThat(contracts.checkAuto(Json.parse("{\"a\":1}", "s"), "s")).singleElement().satisfies(v -> {
      assertThat(v.rule()).isEqualTo("unknown_contract");
      assertThat(v.pointer()).isEqualTo("/");
      assertThat(v.value()).isNull();
    });
    assertThat(contracts.checkAuto(Json.parse("{\"schema_version\":\"blueprint_v9\"}", "s"), "s"))
        .singleElement().satisfies(v -> {
          assertThat(v.rule()).isEqualTo("unknown_contract");
          assertThat(v.pointer()).isEqualTo("/schema_version");
          assertThat(v.value()).isEqualTo("\"blueprint_v9\"");
        });
  }

  @Test
  void requireThrowsWithEveryViolationAndPassesValidDocuments() {
    contracts.require(example("trial_event_v1_ok.json"), "trial_event_v1", "trial_log.jsonl line 1");
    contracts.requireAuto(example("trial_event_v1_ok.json"), "trial_log.jsonl line 1");

    ObjectNode trial = example("trial_event_v1_ok.json");
    trial.remove("sr");
    trial.put("bars", -1);
    assertThatThrownBy(() -> contracts.requireAuto(trial, "trial_log.jsonl line 2"))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> {
          assertThat(e.violations()).extracting(Violation::pointer).containsExactly("/bars", "/sr");
          assertThat(e.getMessage()).contains("trial_log.jsonl line 2 at /bars: minimum");
        });
    assertThatThrownBy(() -> contracts.requireAuto(Json.object(), "x"))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("unknown_contract");
  }

  @Test
  void aDocumentChangedAfterPassingIsValidatedAgainNotRemembered() {
    ObjectNode spec = example("job_spec_v1_ok.json");
    assertThat(contracts.check(spec, "job_spec_v1", "a")).isEmpty();
    assertThat(contracts.check(spec.deepCopy(), "job_spec_v1", "b")).isEmpty();

    spec.put("snapshot_id", "bad id!");

    assertThat(contracts.check(spec, "job_spec_v1", "c")).extracting(Violation::pointer)
        .containsExactly("/snapshot_id");
    spec.put("snapshot_id", 7);
    assertThat(contracts.check(spec, "job_spec_v1", "d")).extracting(Violation::rule).containsExactly("type");
  }

  @Test
  void aDocumentValidForOneContractIsStillCheckedAgainstAnother() {
    ObjectNode spec = example("job_spec_v1_ok.json");
    assertThat(contracts.check(spec, "job_spec_v1", "a")).isEmpty();
    assertThat(contracts.check(spec, "blueprint_v1", "a")).isNotEmpty();
  }

  @Test
  void aSchemaRefAcrossFilesIsFollowed() {
    ObjectNode runspec = example("run_spec_v2_ok.json");
    ArrayNode args = (ArrayNode) runspec.withObject("/signal_dsl/expressions/sma_fast").get("args");
    ((ObjectNode) args.get(1)).removeAll().put("type", "const").put("value", 2.5);

    assertThat(contracts.check(runspec, "run_spec_v2", "runspec.json")).singleElement().satisfies(v -> {
      assertThat(v.pointer()).isEqualTo("/signal_dsl/expressions/sma_fast/args/1/value");
      assertThat(v.rule()).isEqualTo("type");
    });
  }

  @Test
  void aContractIsCompiledWhenFirstUsedOnly() {
    Contracts fresh = new Contracts(Contracts.class.getClassLoader());
    fresh.check(example("job_spec_v1_ok.json"), "job_spec_v1", "first");
    assertThat(fresh.schemaReads()).isPositive().isLessThan(fresh.names().size());
  }

  @Test
  void schemasAreParsedOncePerJvm() {
    Contracts shared = Contracts.shared();
    assertThat(Contracts.shared()).isSameAs(shared);
    JsonNode doc = example("job_spec_v1_ok.json");
    shared.compileAll(); // as the daemon and the worker do at start; a short command compiles only what it uses
    shared.check(doc, "job_spec_v1", "warm-up");
    int reads = shared.schemaReads();
    // Each schema file is read exactly once, $ref targets included.
    assertThat(reads).isEqualTo(shared.names().size());
    shared.compileAll();
    assertThat(shared.schemaReads()).isEqualTo(reads);
    for (int i = 0; i < 50; i++) {
      shared.check(doc, "job_spec_v1", "again");
      shared.checkAuto(example("gate_results_v2_ok.json"), "again");
    }
    assertThat(shared.schemaReads()).isEqualTo(reads);
  }

  @Test
  void anUnknownContractNameIsAProgrammingError() {
    assertThatThrownBy(() -> contracts.check(Json.object(), "nope_v1", "x"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nope_v1");
  }
}
