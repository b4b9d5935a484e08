package io.quanteam.eam.gate;

import io.quanteam.eam.backtest.FillTiming;
import io.quanteam.eam.backtest.PointInTime;
import io.quanteam.eam.backtest.SessionClock;
import io.quanteam.eam.backtest.SymbolInput;
import io.quanteam.eam.data.SymbolBars;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The point-in-time half of the look-ahead gate, checked on the evidence: for every entry and exit a segment's
 * {@code trades.csv} records, the signal bar that drove it is re-derived by the engine's rule
 * ({@link PointInTime#deliveredAt}) from the bars the run saw. The fill passes only when such a bar exists — one whose
 * inputs were all published ({@code available_at}) by the fill instant and new at that bar — and its signal calls for
 * that order. A fill dated before its signal was published has no such bar, so a runner that ignored availability
 * (or a trades.csv edited to fill earlier) is caught without any extra column in the dossier.
 */
final class FillAvailability {
  private FillAvailability() {}

  /** @param fillsChecked entries plus exits read from the file */
  record Result(int fillsChecked, List<LookaheadReport.Violation> violations) {}

  /** The check on a segment's {@code trades.csv} content (null: absent) and the inputs the run used. */
  static Result check(byte[] tradesCsv, List<SymbolInput> inputs, int lag, FillTiming timing, SessionClock clock) {
    Map<String, SymbolInput> bySymbol = new HashMap<>();
    inputs.forEach(in -> bySymbol.put(in.symbol(), in));
    Map<String, long[]> known = new HashMap<>();
    List<LookaheadReport.Violation> out = new ArrayList<>();
    int fills = 0;
    for (String[] row : RecordedAvailability.rows(tradesCsv)) {
      SymbolInput in = bySymbol.get(row[0]);
      for (int col : new int[] {1, 3}) {
        fills++;
        LocalDate day = LocalDate.parse(row[col]);
        if (in == null || !driven(in, known, day, col == 1, lag, timing, clock)) {
          out.add(new LookaheadReport.Violation(row[0], day, LookaheadReport.Rule.FILL_WITHOUT_AVAILABLE_SIGNAL));
        }
      }
    }
    return new Result(fills, out);
  }

  /** Whether the fill on {@code day} is a bar that newly received a usable signal calling for it. */
  private static boolean driven(SymbolInput in, Map<String, long[]> known, LocalDate day, boolean entry, int lag,
      FillTiming timing, SessionClock clock) {
    SymbolBars bars = in.bars();
    int t = bars.firstIndexOnOrAfter(Math.toIntExact(day.toEpochDay()));
    if (t >= bars.size() || bars.epochDays()[t] != day.toEpochDay()) {
      return false; // not a bar the run saw
    }
    long[] k = known.computeIfAbsent(in.symbol(), s -> PointInTime.knownAt(bars));
    int s = PointInTime.deliveredAt(bars, k, t, lag, timing, clock);
    return s >= 0 && (entry ? in.entryRaw()[s] : in.exitRaw()[s]);
  }
}
