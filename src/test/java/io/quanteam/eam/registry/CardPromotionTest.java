package io.quanteam.eam.registry;

import static io.quanteam.eam.registry.TrialFixtures.CLOCK;
import static io.quanteam.eam.registry.TrialFixtures.CLOCK_TEXT;
import static io.quanteam.eam.registry.TrialFixtures.LINEAGE;
import static io.quanteam.eam.registry.TrialFixtures.input;
import static io.quanteam.eam.registry.TrialFixtures.runId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quanteam.eam.contract.Contracts;
import io.quanteam.eam.contract.InvalidInputException;
import io.quanteam.eam.contract.Violation;
import io.quanteam.eam.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CardPromotionTest {
  private static final String CARD = "card_000000000001";

  @TempDir
  Path root;
  private Registry registry;

  @BeforeEach
  void setUp() {
    registry = new Registry(root, CLOCK);
    registry.recordTrial(input(runId(1), "pass", 0.1, 1.0, LINEAGE));
  }

  private static Violation violation(Throwable t) {
    return ((InvalidInputException) t).violations().get(0);
  }

  @Test
  void eachLegalStepMovesTheCardOneStatusAndIsRecorded() throws IOException {
    assertThat(registry.promote(CARD, "challenger", "cli", "beat the baseline").status())
        .isEqualTo(CardStatus.CHALLENGER);
    assertThat(registry.promote(CARD, "champion", "alice", null).status()).isEqualTo(CardStatus.CHAMPION);
    CardView retired = registry.promote(CARD, "retired", "cli", "superseded");
    assertThat(retired.status()).isEqualTo(CardStatus.RETIRED);

    CardView reread = new Registry(root, CLOCK).card(CARD).orElseThrow();
    assertThat(reread.status()).isEqualTo(CardStatus.RETIRED);
    assertThat(reread.events()).containsExactly(
        new CardEvent.Created(CARD, runId(1), CLOCK_TEXT),
        new CardEvent.Promoted(CARD, CardStatus.DRAFT, CardStatus.CHALLENGER, "cli", "beat the baseline", CLOCK_TEXT),
        new CardEvent.Promoted(CARD, CardStatus.CHALLENGER, CardStatus.CHAMPION, "alice", null, CLOCK_TEXT),
        new CardEvent.Promoted(CARD, CardStatus.CHAMPION, CardStatus.RETIRED, "cli", "superseded", CLOCK_TEXT));
    List<String> lines = Files.readAllLines(root.resolve("cards").resolve(CARD).resolve("events.jsonl"));
    assertThat(lines).hasSize(4);
    for (String line : lines) {
      assertThat(Contracts.shared().check(Json.parse(line, "e"), "card_event_v1", "e")).isEmpty();
    }
    assertThat(lines.get(2)).isEqualTo("{\"actor\":\"alice\",\"card_id\":\"" + CARD + "\",\"event_type\":\"PROMOTED\","
        + "\"from\":\"challenger\",\"recorded_at\":\"" + CLOCK_TEXT + "\",\"schema_version\":\"card_event_v1\","
        + "\"to\":\"champion\"}");
  }

  @Test
  void aSkipIsRefusedNamingFromAndTo() {
    assertThatThrownBy(() -> registry.promote(CARD, "champion", "cli", null)).satisfies(t -> {
      Violation v = violation(t);
      assertThat(v.rule()).isEqualTo("promotion_order");
      assertThat(v.message()).contains("from draft to champion", "the next step is challenger");
      assertThat(v.value()).isEqualTo("champion");
    });
    assertThat(registry.card(CARD).orElseThrow().events()).hasSize(1);
  }

  @Test
  void backwardsRepeatedAndAfterRetirementMovesAreRefused() {
    registry.promote(CARD, "challenger", "cli", null);
    assertThatThrownBy(() -> registry.promote(CARD, "draft", "cli", null))
        .satisfies(t -> assertThat(violation(t).message()).contains("from challenger to draft"));
    assertThatThrownBy(() -> registry.promote(CARD, "challenger", "cli", null))
        .satisfies(t -> assertThat(violation(t).rule()).isEqualTo("promotion_order"));
    registry.promote(CARD, "champion", "cli", null);
    registry.promote(CARD, "retired", "cli", null);
    assertThatThrownBy(() -> registry.promote(CARD, "champion", "cli", null)).satisfies(t -> {
      assertThat(violation(t).rule()).isEqualTo("promotion_order");
      assertThat(violation(t).message()).contains("from retired to champion", "a retired card stays retired");
    });
    assertThat(registry.card(CARD).orElseThrow().status()).isEqualTo(CardStatus.RETIRED);
  }

  @Test
  void unknownStatusCardAndMissingActorAreRefused() {
    assertThatThrownBy(() -> registry.promote(CARD, "gold", "cli", null))
        .satisfies(t -> assertThat(violation(t).rule()).isEqualTo("unknown_status"));
    assertThatThrownBy(() -> registry.promote("card_0000000000ff", "challenger", "cli", null))
        .satisfies(t -> assertThat(violation(t).rule()).isEqualTo("not_found"));
    assertThatThrownBy(() -> registry.promote("CARD_1", "challenger", "cli", null))
        .satisfies(t -> assertThat(violation(t).rule()).isEqualTo("bad_id"));
    assertThatThrownBy(() -> registry.promote(CARD, "challenger", " ", null))
        .satisfies(t -> assertThat(violation(t).rule()).isEqualTo("required"));
  }

  @Test
  void promotingASecondChampionLeavesTheFirstOne() {
    registry.recordTrial(input(runId(2), "pass", 0.1, 1.0, LINEAGE));
    for (String card : List.of(CARD, "card_000000000002")) {
      registry.promote(card, "challenger", "cli", null);
      registry.promote(card, "champion", "cli", null);
    }
    assertThat(registry.cards()).extracting(CardView::status).containsExactly(CardStatus.CHAMPION,
        CardStatus.CHAMPION);
  }

  @Test
  void theStatusIsTheFoldOverTheEvents() {
    CardEvent created = new CardEvent.Created(CARD, runId(1), CLOCK_TEXT);
    CardEvent up = new CardEvent.Promoted(CARD, CardStatus.DRAFT, CardStatus.CHALLENGER, "cli", null, CLOCK_TEXT);
    CardEvent top = new CardEvent.Promoted(CARD, CardStatus.CHALLENGER, CardStatus.CHAMPION, "cli", null, CLOCK_TEXT);
    assertThat(CardEvent.fold(List.of())).isNull();
    assertThat(CardEvent.fold(List.of(created))).isEqualTo(CardStatus.DRAFT);
    assertThat(CardEvent.fold(List.of(created, up))).isEqualTo(CardStatus.CHALLENGER);
    assertThat(CardEvent.fold(List.of(created, up, top))).isEqualTo(CardStatus.CHAMPION);
  }

  @Test
  void aTornEventLineIsCutBeforeThePromotionIsAppended() throws IOException {
    Path events = root.resolve("cards").resolve(CARD).resolve("events.jsonl");
    Files.write(events, "{\"card_id\":".getBytes(StandardCharsets.US_ASCII), StandardOpenOption.APPEND);
    assertThat(registry.card(CARD).orElseThrow().status()).isEqualTo(CardStatus.DRAFT);

    registry.promote(CARD, "challenger", "cli", null);
    assertThat(Files.readAllLines(events)).hasSize(2);
    List<String> notes = Files.readAllLines(root.resolve("recovery.jsonl"));
    assertThat(notes).hasSize(1);
    assertThat(Json.parse(notes.get(0), "n").path("file").asText()).isEqualTo("cards/" + CARD + "/events.jsonl");
  }
}
