package io.quanteam.eam.registry;

import static io.quanteam.eam.registry.TrialFixtures.CLOCK;
import static io.quanteam.eam.registry.TrialFixtures.CLOCK_TEXT;
import static io.quanteam.eam.registry.TrialFixtures.LINEAGE;
import static io.quanteam.eam.registry.TrialFixtures.input;
import static io.quanteam.eam.registry.TrialFixtures.runId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.quanteam.eam.contract.Contracts;
import io.quanteam.eam.contract.InvalidInputException;
import io.quanteam.eam.gate.PriorTrial;
import io.quanteam.eam.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryTest {
  @TempDir
  Path root;

  private Registry registry() {
    return new Registry(root, CLOCK);
  }

  private List<String> logLines() throws IOException {
    return Files.readAllLines(root.resolve("trial_log.jsonl"));
  }

  private static String rule(Throwable t) {
    return ((InvalidInputException) t).violations().get(0).rule();
  }

  @Test
  void aRunIsRecordedOnceAndTheSecondCallAnswersTheFirstRecord() throws IOException {
    Registry registry = registry();
    String run = runId(1);
    RecordOutcome first = registry.recordTrial(input(run, "pass", 0.07, 1.1, LINEAGE));
    RecordOutcome second = registry.recordTrial(input(run, "pass", 0.07, 1.1, LINEAGE));

    assertThat(first).isEqualTo(new RecordOutcome(true, true, "card_000000000001"));
    assertThat(second).isEqualTo(new RecordOutcome(true, false, "card_000000000001"));
    assertThat(logLines()).hasSize(1);
    JsonNode line = Json.parse(logLines().get(0), "log");
    assertThat(Contracts.shared().check(line, "trial_event_v1", "log")).isEmpty();
    assertThat(line.path("status").asText()).isEqualTo("pass");
    assertThat(line.path("sr").asDouble()).isEqualTo(0.07);
    assertThat(line.path("skew").asDouble()).isEqualTo(-0.25);
    assertThat(line.path("kurtosis").asDouble()).isEqualTo(3.5);
    assertThat(line.path("bars").asInt()).isEqualTo(250);
    assertThat(line.path("metrics").path("sharpe").asDouble()).isEqualTo(1.1);
    assertThat(line.path("metrics").path("trade_count").asInt()).isEqualTo(12);
    assertThat(line.path("blueprint_id").asText()).isEqualTo("bp_000000000001");
    assertThat(line.path("lineage_root_job_id").asText()).isEqualTo(LINEAGE);
    assertThat(line.has("job_id")).isFalse();
    assertThat(line.path("recorded_at").asText()).isEqualTo(CLOCK_TEXT);
    assertThat(logLines().get(0)).startsWith("{\"bars\":250,\"blueprint_hash\":");
  }

  @Test
  void aFirstRecordWinsEvenWhenALaterCallBringsOtherGateResults() throws IOException {
    Registry registry = registry();
    registry.recordTrial(input(runId(2), "fail", 0.01, 0.2, LINEAGE));
    RecordOutcome again = registry.recordTrial(input(runId(2), "pass", 0.01, 0.2, LINEAGE));
    assertThat(again).isEqualTo(new RecordOutcome(true, false, null));
    assertThat(logLines()).hasSize(1);
    assertThat(registry.cards()).isEmpty();
  }

  @Test
  void aPassingRunGetsAContractValidDraftCardWithOneCreatedEvent() throws IOException {
    Registry registry = registry();
    String run = runId(3);
    registry.recordTrial(new TrialInput(TrialFixtures.metrics(run, 0.07, 1.1), TrialFixtures.configSnapshot(run),
        TrialFixtures.gateResults(run, "pass"), LINEAGE, "bbbbbbbbbbbb", "SMA crossover"));

    Path dir = root.resolve("cards/card_000000000003");
    JsonNode card = Json.read(dir.resolve("card_v1.json"));
    assertThat(Contracts.shared().check(card, "experience_card_v1", "card")).isEmpty();
    assertThat(card.path("title").asText()).isEqualTo("SMA crossover");
    assertThat(card.path("job_id").asText()).isEqualTo("bbbbbbbbbbbb");
    assertThat(card.path("created_at").asText()).isEqualTo(CLOCK_TEXT);
    assertThat(card.path("gate_summary").path("overall_pass").asBoolean()).isTrue();
    assertThat(card.path("gate_summary").path("gates").toString()).isEqualTo(
        "[{\"gate_id\":\"basic_sanity\",\"status\":\"pass\"},{\"gate_id\":\"gate_cost_x2_v1\",\"status\":\"pass\"}]");
    List<String> events = Files.readAllLines(dir.resolve("events.jsonl"));
    assertThat(events).containsExactly("{\"card_id\":\"card_000000000003\",\"event_type\":\"CREATED\","
        + "\"recorded_at\":\"" + CLOCK_TEXT + "\",\"run_id\":\"000000000003\",\"schema_version\":\"card_event_v1\"}");
    assertThat(Contracts.shared().check(Json.parse(events.get(0), "e"), "card_event_v1", "e")).isEmpty();

    CardView view = registry.card("card_000000000003").orElseThrow();
    assertThat(view.status()).isEqualTo(CardStatus.DRAFT);
    assertThat(view.events()).containsExactly(
        new CardEvent.Created("card_000000000003", "000000000003", CLOCK_TEXT));
    assertThat(Files.readString(root.resolve("trial_log.jsonl"))).contains("\"job_id\":\"bbbbbbbbbbbb\"");
  }

  @Test
  void failingAndInvalidRunsAreTrialsWithoutCards() throws IOException {
    Registry registry = registry();
    assertThat(registry.recordTrial(input(runId(4), "fail", 0.01, 0.2, LINEAGE)))
        .isEqualTo(new RecordOutcome(true, true, null));
    assertThat(registry.recordTrial(input(runId(5), "invalid", null, null, LINEAGE)))
        .isEqualTo(new RecordOutcome(true, true, null));

    assertThat(registry.trials()).extracting(t -> t.path("status").asText()).containsExactly("fail", "invalid");
    assertThat(registry.trial(runId(5)).orElseThrow().path("sr").isNull()).isTrue();
    assertThat(registry.cards()).isEmpty();
    assertThat(root.resolve("cards/card_000000000004")).doesNotExist();
    for (String line : logLines()) {
      assertThat(Contracts.shared().check(Json.parse(line, "l"), "trial_event_v1", "l")).isEmpty();
    }
  }

  @Test
  void lineageSrsAreTheNonNullSrsOfThatLineageInLogOrder() {
    Registry registry = registry();
    registry.recordTrial(input(runId(10), "pass", 0.3, 1.0, LINEAGE));
    registry.recordTrial(input(runId(11), "fail", -0.1, 1.0, "cccccccccccc"));
    registry.recordTrial(input(runId(12), "invalid", null, null, LINEAGE));
    registry.recordTrial(input(runId(13), "fail", 0.05, 1.0, LINEAGE));

    assertThat(registry.lineageSrs(LINEAGE)).containsExactly(0.3, 0.05);
    assertThat(registry.lineageSrs("cccccccccccc")).containsExactly(-0.1);
    assertThat(registry.lineageSrs("dddddddddddd")).isEmpty();
    assertThat(new Registry(root, CLOCK).lineageSrs(LINEAGE)).containsExactly(0.3, 0.05);
    assertThat(registry.trialSource().inLineage(LINEAGE)).extracting(PriorTrial::runId)
        .containsExactly(runId(10), runId(13));
  }

  @Test
  void inputsThatDoNotNameOneRunOrCarryBadIdsAreRefusedBeforeAnythingIsWritten() {
    Registry registry = registry();
    TrialInput mismatch = new TrialInput(TrialFixtures.metrics(runId(7), 0.1, 1.0),
        TrialFixtures.configSnapshot(runId(6)), TrialFixtures.gateResults(runId(6), "pass"), LINEAGE, null, null);
    assertThatThrownBy(() -> registry.recordTrial(mismatch))
        .satisfies(t -> assertThat(rule(t)).isEqualTo("run_id_mismatch"));
    assertThatThrownBy(() -> registry.recordTrial(input(runId(6), "pass", 0.1, 1.0, "../../etc")))
        .satisfies(t -> assertThat(rule(t)).isEqualTo("bad_id"));
    assertThatThrownBy(() -> registry.trial("../x")).satisfies(t -> assertThat(rule(t)).isEqualTo("bad_id"));
    assertThatThrownBy(() -> registry.card("card_../../x")).satisfies(t -> assertThat(rule(t)).isEqualTo("bad_id"));
    JsonNode brokenGates = TrialFixtures.gateResults(runId(6), "pass").put("overall_pass", "yes");
    assertThatThrownBy(() -> registry.recordTrial(new TrialInput(TrialFixtures.metrics(runId(6), 0.1, 1.0),
        TrialFixtures.configSnapshot(runId(6)), brokenGates, LINEAGE, null, null)))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("/overall_pass");
    assertThat(root.resolve("trial_log.jsonl")).doesNotExist();
  }

  @Test
  void aCardWithoutATitleIsNamedAfterItsBlueprint() {
    Registry registry = registry();
    String run = runId(8);
    registry.recordTrial(new TrialInput(TrialFixtures.metrics(run, 0.1, 1.0), TrialFixtures.configSnapshot(run),
        TrialFixtures.gateResults(run, "pass"), LINEAGE, null, null));
    assertThat(registry.card("card_000000000008").orElseThrow().title()).isEqualTo("bp_000000000008");
  }

  @Test
  void recordsFromADossierFolder() {
    String run = runId(9);
    Path dossier = TrialFixtures.writeDossier(root.resolve("dossiers"), run, 0.2, 1.4);
    RecordOutcome outcome = registry().recordTrial(dossier, TrialFixtures.gateResults(run, "pass"), LINEAGE,
        "bbbbbbbbbbbb");
    assertThat(outcome.cardId()).isEqualTo("card_000000000009");
    assertThat(registry().trial(run).orElseThrow().path("job_id").asText()).isEqualTo("bbbbbbbbbbbb");
  }

  @Test
  void aTornLastLineIsIgnoredByReadersAndCutUnderTheLockByTheNextWriter() throws IOException {
    registry().recordTrial(input(runId(20), "pass", 0.1, 1.0, LINEAGE));
    Path log = root.resolve("trial_log.jsonl");
    byte[] torn = "{\"run_id\":\"0000000000ff\",\"st".getBytes(StandardCharsets.US_ASCII);
    Files.write(log, torn, java.nio.file.StandardOpenOption.APPEND);

    Registry fresh = registry();
    assertThat(fresh.trials()).hasSize(1);
    fresh.recordTrial(input(runId(21), "fail", 0.1, 1.0, LINEAGE));

    List<String> lines = logLines();
    assertThat(lines).hasSize(2);
    assertThat(Files.readString(log)).endsWith("\n");
    assertThat(lines).allSatisfy(l -> assertThat(Json.parse(l, "l").path("schema_version").asText())
        .isEqualTo("trial_event_v1"));
    List<String> notes = Files.readAllLines(root.resolve("recovery.jsonl"));
    assertThat(notes).hasSize(1);
    JsonNode note = Json.parse(notes.get(0), "note");
    assertThat(note.path("action").asText()).isEqualTo("truncated_torn_line");
    assertThat(note.path("file").asText()).isEqualTo("trial_log.jsonl");
    assertThat(note.path("removed_bytes").asInt()).isEqualTo(torn.length);
    assertThat(note.path("kept_bytes").asLong()).isEqualTo(Files.size(log) - lines.get(1).length() - 1);
    assertThat(fresh.trials()).extracting(t -> t.path("run_id").asText()).containsExactly(runId(20), runId(21));
  }

  @Test
  void aCompleteLineThatIsNotJsonIsReportedAsDamageNotSkipped() throws IOException {
    registry().recordTrial(input(runId(25), "pass", 0.1, 1.0, LINEAGE));
    Files.writeString(root.resolve("trial_log.jsonl"), "not json\n", java.nio.file.StandardOpenOption.APPEND);
    assertThatThrownBy(() -> registry().trials()).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("trial_log.jsonl line 2");
  }

  @Test
  void theIndexFollowsAppendsByAnotherInstanceReadingOnlyTheNewTail() throws IOException {
    Registry a = registry();
    Registry b = registry();
    a.recordTrial(input(runId(30), "pass", 0.1, 1.0, LINEAGE));
    long afterOwn = a.trialLogBytesRead();
    assertThat(afterOwn).isEqualTo(Files.size(root.resolve("trial_log.jsonl")));

    b.recordTrial(input(runId(31), "fail", 0.2, 1.0, LINEAGE));
    long appended = Files.size(root.resolve("trial_log.jsonl")) - afterOwn;

    assertThat(a.trial(runId(31))).isPresent();
    assertThat(a.lineageSrs(LINEAGE)).containsExactly(0.1, 0.2);
    assertThat(a.trialLogBytesRead()).isEqualTo(afterOwn + appended);
    assertThat(a.recordTrial(input(runId(31), "fail", 0.2, 1.0, LINEAGE)).newlyRecorded()).isFalse();
    assertThat(a.trials()).hasSize(2);
    assertThat(a.trialLogBytesRead()).isEqualTo(afterOwn + appended);
  }
}
