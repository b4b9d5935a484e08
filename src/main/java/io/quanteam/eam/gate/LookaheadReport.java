package io.quanteam.eam.gate;

import java.time.LocalDate;
import java.util.List;

/**
 * What {@link LookaheadCheck} found for one or more symbols.
 *
 * @param rowsChecked    rows whose {@code available_at} was compared with the as-of instant
 * @param cutPoints      truncated re-evaluations performed (summed over symbols)
 * @param violations     every violation, in discovery order (symbol order, then row or cut order)
 */
public record LookaheadReport(int rowsChecked, int cutPoints, List<Violation> violations) {
  public LookaheadReport {
    violations = List.copyOf(violations);
  }

  /**
   * One row used before it was available, one bar whose signal changed when later data was removed, or one fill no
   * available signal explains.
   */
  public record Violation(String symbol, LocalDate date, Rule rule) {}

  public enum Rule {
    /** A row the run used has {@code available_at > as_of}. */
    AVAILABLE_AFTER_AS_OF("available_after_as_of"),
    /** The entry or exit signal on a bar differs when bars after a cut point are removed. */
    SIGNAL_CHANGED_BY_TRUNCATION("signal_changed_by_truncation"),
    /** A recorded fill that no signal published by its fill instant calls for (point-in-time rule). */
    FILL_WITHOUT_AVAILABLE_SIGNAL("fill_without_available_signal");

    private final String wire;

    Rule(String wire) {
      this.wire = wire;
    }

    public String wire() {
      return wire;
    }
  }

  public boolean ok() {
    return violations.isEmpty();
  }

  public static LookaheadReport merge(List<LookaheadReport> parts) {
    int rows = 0;
    int cuts = 0;
    List<Violation> all = new java.util.ArrayList<>();
    for (LookaheadReport p : parts) {
      rows += p.rowsChecked;
      cuts += p.cutPoints;
      all.addAll(p.violations);
    }
    return new LookaheadReport(rows, cuts, all);
  }
}
