package io.quanteam.eam.registry;

import io.quanteam.eam.contract.InvalidInputException;
import io.quanteam.eam.contract.Violation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Ranks cards by one headline metric; cards without a value come last, ties go by card id. */
final class Leaderboard {
  private Leaderboard() {}

  static List<LeaderboardRow> rank(List<CardView> cards, String metric, boolean descending, CardStatus filter,
      int limit) {
    if (!TrialDocuments.HEADLINE_METRICS.contains(metric)) {
      throw new InvalidInputException(new Violation("leaderboard", "/metric", "unknown_metric",
          "expected one of " + String.join(", ", TrialDocuments.HEADLINE_METRICS), metric));
    }
    if (limit < 1) {
      throw new InvalidInputException(new Violation("leaderboard", "/limit", "minimum", "expected at least 1",
          Integer.toString(limit)));
    }
    Comparator<Double> byValue = descending ? Comparator.reverseOrder() : Comparator.naturalOrder();
    List<CardView> ranked = cards.stream()
        .filter(c -> filter == null || c.status() == filter)
        .sorted(Comparator.comparing((CardView c) -> c.metric(metric), Comparator.nullsLast(byValue))
            .thenComparing(CardView::cardId))
        .limit(limit)
        .toList();
    List<LeaderboardRow> rows = new ArrayList<>(ranked.size());
    for (CardView c : ranked) {
      rows.add(new LeaderboardRow(rows.size() + 1, c.cardId(), c.runId(), c.title(), c.status(), metric,
          c.metric(metric)));
    }
    return rows;
  }
}
