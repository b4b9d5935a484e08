package io.quanteam.eam.registry;

import static io.quanteam.eam.registry.TrialFixtures.CLOCK;
import static io.quanteam.eam.registry.TrialFixtures.LINEAGE;
import static io.quanteam.eam.registry.TrialFixtures.input;
import static io.quanteam.eam.registry.TrialFixtures.runId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quanteam.eam.contract.InvalidInputException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LeaderboardTest {
  @TempDir
  Path root;
  private Registry registry;

  /** Sharpe by card: 1 → 1.5, 2 → none, 3 → 2.0, 4 → -0.3, 5 → 1.5 (tie with 1); 6 failed (no card). */
  @BeforeEach
  void setUp() {
    registry = new Registry(root, CLOCK);
    registry.recordTrial(input(runId(1), "pass", 0.1, 1.5, LINEAGE));
    registry.recordTrial(input(runId(2), "pass", 0.1, null, LINEAGE));
    registry.recordTrial(input(runId(3), "pass", 0.1, 2.0, LINEAGE));
    registry.recordTrial(input(runId(4), "pass", 0.1, -0.3, LINEAGE));
    registry.recordTrial(input(runId(5), "pass", 0.1, 1.5, LINEAGE));
    registry.recordTrial(input(runId(6), "fail", 0.1, 9.0, LINEAGE));
  }

  @Test
  void descendingPutsTheBestFirstTiesByCardIdAndNullsLast() {
    assertThat(registry.leaderboard("sharpe", true, null, 20))
        .extracting(LeaderboardRow::cardId, LeaderboardRow::value)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("card_000000000003", 2.0),
            org.assertj.core.groups.Tuple.tuple("card_000000000001", 1.5),
            org.assertj.core.groups.Tuple.tuple("card_000000000005", 1.5),
            org.assertj.core.groups.Tuple.tuple("card_000000000004", -0.3),
            org.assertj.core.groups.Tuple.tuple("card_000000000002", null));
    assertThat(registry.leaderboard("sharpe", true, null, 20)).extracting(LeaderboardRow::rank)
        .containsExactly(1, 2, 3, 4, 5);
  }

  @Test
  void ascendingStillPutsNullsLast() {
    assertThat(registry.leaderboard("sharpe", false, null, 20)).extracting(LeaderboardRow::cardId)
        .containsExactly("card_000000000004", "card_000000000001", "card_000000000005", "card_000000000003",
            "card_000000000002");
  }

  @Test
  void limitAndStatusFilterApply() {
    assertThat(registry.leaderboard("sharpe", true, null, 2)).extracting(LeaderboardRow::cardId)
        .containsExactly("card_000000000003", "card_000000000001");
    registry.promote("card_000000000004", "challenger", "cli", null);
    registry.promote("card_000000000002", "challenger", "cli", null);
    assertThat(registry.leaderboard("sharpe", true, "challenger", 20)).extracting(LeaderboardRow::cardId)
        .containsExactly("card_000000000004", "card_000000000002");
  }

  @Test
  void unknownMetricStatusOrLimitIsRefused() {
    assertThatThrownBy(() -> registry.leaderboard("alpha", true, null, 20))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("unknown_metric");
    assertThatThrownBy(() -> registry.leaderboard("sharpe", true, "gold", 20))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("unknown_status");
    assertThatThrownBy(() -> registry.leaderboard("sharpe", true, null, 0))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("minimum");
  }
}
