package io.quanteam.eam.agent;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quanteam.eam.json.Json;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * The segments an idea's dates give (02 §11): the first 60 % of its calendar days train, the next 25 % test, the
 * last 15 % holdout, each at least one day.
 */
public record EvaluationSplit(LocalDate trainStart, LocalDate trainEnd, LocalDate testStart, LocalDate testEnd,
    LocalDate holdoutStart, LocalDate holdoutEnd) {
  /** The fewest calendar days that give every segment a day. */
  public static final int MIN_DAYS = 3;

  /** The split of {@code start..end} (both included); IllegalArgumentException when it has fewer than 3 days. */
  public static EvaluationSplit of(LocalDate start, LocalDate end) {
    long days = ChronoUnit.DAYS.between(start, end) + 1;
    if (days < MIN_DAYS) {
      throw new IllegalArgumentException(days < 1 ? "end " + end + " is before start " + start
          : "from " + start + " to " + end + " is " + days + " day(s); train, test and holdout need at least "
              + MIN_DAYS);
    }
    long train = Math.max(1, days * 60 / 100);
    long test = Math.max(train + 1, days * 85 / 100);
    if (test >= days) {
      test = days - 1;
    }
    return new EvaluationSplit(start, start.plusDays(train - 1), start.plusDays(train), start.plusDays(test - 1),
        start.plusDays(test), end);
  }

  /** {@code evaluation_protocol.segments} of a blueprint. */
  public ObjectNode segments() {
    ObjectNode s = Json.object();
    s.putObject("train").put("start", trainStart.toString()).put("end", trainEnd.toString());
    s.putObject("test").put("start", testStart.toString()).put("end", testEnd.toString());
    s.putObject("holdout").put("start", holdoutStart.toString()).put("end", holdoutEnd.toString());
    return s;
  }
}
