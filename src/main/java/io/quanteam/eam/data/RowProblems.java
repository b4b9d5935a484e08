package io.quanteam.eam.data;

import io.quanteam.eam.contract.InvalidInputException;
import io.quanteam.eam.contract.Violation;
import java.util.ArrayList;
import java.util.List;

/**
 * The row problems found in one CSV file: every one counted, the first {@value #LIMIT} by line kept to report,
 * so that a user fixes a file in one pass instead of one error per attempt, and a file of a million bad rows
 * costs no more memory than one of twenty.
 */
final class RowProblems {
  static final int LIMIT = 20;

  private record Entry(int line, Violation violation) {}

  private final String source;
  private final List<Entry> first = new ArrayList<>();
  private int count;

  RowProblems(String source) {
    this.source = source;
  }

  /** Problems may come out of line order (duplicates are found after the whole file is read). */
  void add(int line, Violation violation) {
    count++;
    if (first.size() == LIMIT && line >= first.get(LIMIT - 1).line()) {
      return;
    }
    int i = first.size();
    while (i > 0 && line < first.get(i - 1).line()) {
      i--;
    }
    first.add(i, new Entry(line, violation));
    if (first.size() > LIMIT) {
      first.remove(LIMIT);
    }
  }

  boolean isEmpty() {
    return count == 0;
  }

  /** The first problems by line, then — when there are more — one {@code more_problems} line with the count. */
  InvalidInputException toException() {
    List<Violation> violations = new ArrayList<>(LIMIT + 1);
    first.forEach(e -> violations.add(e.violation()));
    if (count > LIMIT) {
      violations.add(new Violation(source, "", "more_problems",
          "and " + (count - LIMIT) + " more not listed (only the first " + LIMIT + " by line are)", null));
    }
    return new InvalidInputException(violations);
  }
}
