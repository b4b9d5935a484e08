package io.quanteam.eam.gate;

import io.quanteam.eam.data.SymbolBars;
import io.quanteam.eam.dsl.SignalValues;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The real look-ahead test of {@code gate_no_lookahead_v1}, as a pure function of the bars a run used, its
 * as-of instant and its signal function: (a) no row has {@code available_at > as_of}; (b) for cut points evenly
 * spaced over the segment's bars, the signals computed on the bars up to the cut equal the full-data signals on
 * every bar up to the cut. A signal that reads a later bar changes when that bar is cut away.
 */
public final class LookaheadCheck {
  private LookaheadCheck() {}

  public static LookaheadReport check(SymbolBars barsUsed, long asOfEpochSecond, LocalDate segmentStart,
      LocalDate segmentEnd, int cutPoints, SignalFunction signals) {
    return check(barsUsed, signals.apply(barsUsed), asOfEpochSecond, segmentStart, segmentEnd, cutPoints, signals);
  }

  /** The same check with the full-data signals already computed (the run's own, shared with other gates). */
  public static LookaheadReport check(SymbolBars barsUsed, SignalValues full, long asOfEpochSecond,
      LocalDate segmentStart, LocalDate segmentEnd, int cutPoints, SignalFunction signals) {
    List<LookaheadReport.Violation> violations = new ArrayList<>();
    long[] available = barsUsed.availableAt();
    for (int i = 0; i < barsUsed.size(); i++) {
      if (available[i] > asOfEpochSecond) {
        violations.add(new LookaheadReport.Violation(barsUsed.symbol(), barsUsed.date(i),
            LookaheadReport.Rule.AVAILABLE_AFTER_AS_OF));
      }
    }
    int[] cuts = cutIndices(barsUsed, segmentStart, segmentEnd, cutPoints);
    for (int cut : cuts) {
      SignalValues truncated = signals.apply(barsUsed.head(cut + 1));
      int firstDiff = firstDifference(full, truncated, cut);
      if (firstDiff >= 0) {
        violations.add(new LookaheadReport.Violation(barsUsed.symbol(), barsUsed.date(firstDiff),
            LookaheadReport.Rule.SIGNAL_CHANGED_BY_TRUNCATION));
      }
    }
    return new LookaheadReport(barsUsed.size(), cuts.length, violations);
  }

  /**
   * Up to {@code cutPoints} distinct bar indices inside the segment, {@code from + ⌊k·m/C⌋} for k = 0..C−1 with m
   * segment bars and C = min(cutPoints, m): the first segment bar (least history) is always cut, the last one
   * (often the end of the data, where a cut removes nothing) only when m ≤ cutPoints.
   */
  static int[] cutIndices(SymbolBars bars, LocalDate start, LocalDate end, int cutPoints) {
    int from = bars.firstIndexOnOrAfter(Math.toIntExact(start.toEpochDay()));
    int to = bars.firstIndexOnOrAfter(Math.toIntExact(end.toEpochDay() + 1));
    int m = to - from;
    int c = Math.min(Math.max(cutPoints, 0), Math.max(m, 0));
    int[] cuts = new int[c];
    for (int k = 0; k < c; k++) {
      cuts[k] = from + (int) ((long) k * m / c);
    }
    return cuts;
  }

  /** The first bar in 0..cut whose entry or exit differs between the two evaluations, −1 if none. */
  private static int firstDifference(SignalValues full, SignalValues truncated, int cut) {
    int e = Arrays.mismatch(full.entry(), 0, cut + 1, truncated.entry(), 0, cut + 1);
    int x = Arrays.mismatch(full.exit(), 0, cut + 1, truncated.exit(), 0, cut + 1);
    if (e < 0) {
      return x;
    }
    return x < 0 ? e : Math.min(e, x);
  }
}
