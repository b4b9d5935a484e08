package io.quanteam.eam.registry;

import static io.quanteam.eam.registry.TrialFixtures.CLOCK;
import static io.quanteam.eam.registry.TrialFixtures.LINEAGE;
import static io.quanteam.eam.registry.TrialFixtures.runId;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quanteam.eam.compile.TrialIdentity;
import io.quanteam.eam.contract.Contracts;
import io.quanteam.eam.gate.PriorTrial;
import io.quanteam.eam.json.CanonicalJson;
import io.quanteam.eam.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The trials the DSR counts (same data, lineage) and one card per computation (ADR 0007). */
class RegistryTrialsTest {
  private static final List<String> AB = List.of("AAA", "BBB");

  @TempDir
  Path root;

  private Registry registry() {
    return new Registry(root, CLOCK);
  }

  /** A run of {@code variant} on {@code snapshot} trading {@code symbols}, with its own blueprint id and title. */
  private static TrialInput run(String runId, String variant, String snapshot, List<String> symbols, String status,
      Double sr) {
    ObjectNode config = TrialFixtures.configSnapshot(runId, variant, snapshot);
    var list = ((ObjectNode) config.get("runspec")).putArray("symbols");
    symbols.forEach(list::add);
    return new TrialInput(TrialFixtures.metrics(runId, sr, 1.0), config, TrialFixtures.gateResults(runId, status),
        LINEAGE, null, "Title " + runId);
  }

  private List<JsonNode> lines() throws IOException {
    return Files.readAllLines(root.resolve("trial_log.jsonl")).stream().map(l -> Json.parse(l, "log")).toList();
  }

  @Test
  void aTrialLineRecordsItsComputationAndItsSortedUniverse() throws IOException {
    TrialInput in = TrialFixtures.input(runId(1), "fail", 0.1, 1.0, LINEAGE);
    registry().recordTrial(in);

    JsonNode line = lines().get(0);
    assertThat(Contracts.shared().check(line, "trial_event_v1", "log")).isEmpty();
    assertThat(line.path("extensions").path("computation_id").asText())
        .isEqualTo(TrialIdentity.of(in.configSnapshot().path("runspec")).computationId());
    assertThat(line.path("extensions").path("universe").toString()).isEqualTo("[\"AAA\",\"BBB\"]");
  }

  @Test
  void aConfigSnapshotWithoutARunspecIsStillRefusedWithThePointer() {
    ObjectNode config = Json.object().put("run_id", runId(1));
    TrialInput in = new TrialInput(TrialFixtures.metrics(runId(1), 0.1, 1.0), config,
        TrialFixtures.gateResults(runId(1), "pass"), LINEAGE, null, null);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> registry().recordTrial(in))
        .isInstanceOfSatisfying(io.quanteam.eam.contract.InvalidInputException.class,
            e -> assertThat(e.violations().get(0).pointer()).isEqualTo("/runspec/blueprint_ref/blueprint_id"));
  }

  @Test
  void theSameDataIsTheSnapshotAndExactlyTheSameSymbolSet() throws IOException {
    Registry registry = registry();
    registry.recordTrial(run(runId(1), "a", "demo", List.of("BBB", "AAA"), "fail", 0.1));
    registry.recordTrial(run(runId(2), "b", "demo", List.of("AAA"), "fail", 0.2));
    registry.recordTrial(run(runId(3), "c", "other", AB, "fail", 0.3));
    registry.recordTrial(run(runId(4), "d", "demo", AB, "invalid", null)); // no SR: cannot be counted
    registry.recordTrial(run(runId(5), "e", "demo", AB, "pass", 0.5));
    appendLineWithoutExtensions(runId(6), "demo", 0.6); // written before ADR 0007: universe unknown

    assertThat(registry.trialSource().onData("demo", AB)).extracting(PriorTrial::runId)
        .containsExactly(runId(1), runId(5), runId(6));
    assertThat(registry.trialSource().onData("demo", List.of("AAA"))).extracting(PriorTrial::runId)
        .containsExactly(runId(2), runId(6));
    assertThat(registry.trialSource().onData("other", AB)).extracting(PriorTrial::runId).containsExactly(runId(3));
    assertThat(new Registry(root, CLOCK).trialSource().onData("demo", AB).get(2))
        .isEqualTo(new PriorTrial(runId(6), null, 0.6));
    assertThat(registry.trialSource().onData("demo", AB).get(0).computationId())
        .isEqualTo(lines().get(0).path("extensions").path("computation_id").asText());
    assertThat(registry.trialSource().inLineage("not a job id")).isEmpty();
  }

  @Test
  void fiveRunsOfOneComputationUnderFiveTitlesShareOneCard() throws IOException {
    Registry registry = registry();
    for (int i = 1; i <= 5; i++) {
      RecordOutcome o = registry.recordTrial(run(runId(i), "sma", "demo", AB, "pass", 0.07));
      assertThat(o).isEqualTo(new RecordOutcome(true, true, "card_000000000001"));
    }
    assertThat(registry.recordTrial(run(runId(3), "sma", "demo", AB, "pass", 0.07)))
        .isEqualTo(new RecordOutcome(true, false, "card_000000000001"));

    assertThat(registry.cards()).extracting(c -> c.card().path("card_id").asText())
        .containsExactly("card_000000000001");
    assertThat(root.resolve("cards")).isDirectoryNotContaining(p -> p.getFileName().toString().startsWith("."));
    // Every run keeps its line (02 §9: every run once per run_id); they name one computation.
    assertThat(lines()).hasSize(5).extracting(l -> l.path("extensions").path("computation_id").asText())
        .containsOnly(lines().get(0).path("extensions").path("computation_id").asText());
  }

  @Test
  void theCardIsTheFirstPassingRunsSoAFailedFirstRunLeavesItToALaterOne() {
    Registry registry = registry();
    assertThat(registry.recordTrial(run(runId(1), "sma", "demo", AB, "fail", 0.07)).cardId()).isNull();
    assertThat(registry.recordTrial(run(runId(2), "sma", "demo", AB, "pass", 0.07)).cardId())
        .isEqualTo("card_000000000002");
    assertThat(registry.recordTrial(run(runId(3), "sma", "demo", AB, "pass", 0.07)).cardId())
        .isEqualTo("card_000000000002");
    assertThat(registry.recordTrial(run(runId(4), "other", "demo", AB, "pass", 0.07)).cardId())
        .isEqualTo("card_000000000004");
    assertThat(registry.cards()).hasSize(2);
  }

  private void appendLineWithoutExtensions(String runId, String snapshot, double sr) throws IOException {
    ObjectNode line = Json.object().put("schema_version", "trial_event_v1").put("run_id", runId)
        .put("lineage_root_job_id", LINEAGE).put("blueprint_id", "old").put("blueprint_hash", "0".repeat(64))
        .put("policy_bundle_id", "policy_bundle_v2_statistical").put("data_snapshot_id", snapshot)
        .put("gate_suite_id", "gate_suite_v2_statistical").put("overall_pass", false).put("status", "fail")
        .put("sr", sr).put("skew", 0.0).put("kurtosis", 3.0).put("bars", 250).put("recorded_at", "2023-01-01T00:00:00Z");
    line.putObject("metrics");
    assertThat(Contracts.shared().check(line, "trial_event_v1", "line")).isEmpty();
    Files.write(root.resolve("trial_log.jsonl"),
        (CanonicalJson.compact(line) + "\n").getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND);
  }
}
