package io.quanteam.eam.backtest;

import io.quanteam.eam.data.SymbolBars;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The long-only, one-sleeve-per-symbol backtest of spec 02 §6, point in time: a signal drives an order only once its
 * inputs were published by the fill ({@link PointInTime}). Each symbol's inner loop runs over primitive arrays with no
 * allocation per bar (a {@link Trade} is allocated per closed round trip, only under {@link Recording#FULL}). See
 * {@code docs/engine-and-metrics.md} for every rule.
 */
public final class BacktestEngine {
  /** C0: the portfolio's initial capital, split equally over the symbols. */
  public static final double INITIAL_CAPITAL = 1.0;

  private BacktestEngine() {}

  /** With {@link SessionClock#UTC_1600} (the import defaults), for tests and benchmarks. */
  public static BacktestResult run(List<SymbolInput> symbols, SegmentWindow window, int lagBars, CostModel costs,
      FillTiming timing) {
    return run(symbols, window, lagBars, costs, timing, SessionClock.UTC_1600, Recording.FULL);
  }

  /** With {@link SessionClock#UTC_1600} (the import defaults), for tests and benchmarks. */
  public static BacktestResult run(List<SymbolInput> symbols, SegmentWindow window, int lagBars, CostModel costs,
      FillTiming timing, Recording recording) {
    return run(symbols, window, lagBars, costs, timing, SessionClock.UTC_1600, recording);
  }

  /** The run; {@code clock} (the snapshot's zone and close) dates each fill for the point-in-time rule. */
  public static BacktestResult run(List<SymbolInput> symbols, SegmentWindow window, int lagBars, CostModel costs,
      FillTiming timing, SessionClock clock, Recording recording) {
    validate(symbols, lagBars);
    int n = symbols.size();
    int[] from = new int[n];
    int[] to = new int[n];
    segmentRanges(symbols, window, from, to);
    int[] dates = portfolioDates(symbols, from, to);
    int d = dates.length;
    double[] equity = new double[d];
    double[] notional = new double[d];
    double[] positionValue = new double[d];
    int[] held = new int[d];
    boolean full = recording == Recording.FULL;
    TradeBook book = full ? new TradeBook() : null;
    List<SleeveMarks> sleeves = full ? new ArrayList<>(n) : List.of();
    double sleeveCash = INITIAL_CAPITAL / n;
    Sleeve sleeve = new Sleeve(lagBars, costs, timing, clock, firstDay(window), sleeveCash, dates, equity, notional,
        positionValue, held, book);
    int tradeCount = 0;
    int open = 0;
    for (int i = 0; i < n; i++) {
      SleeveMarks marks = full ? new SleeveMarks(symbols.get(i).bars(), from[i], to[i], sleeveCash) : null;
      sleeve.run(i, symbols.get(i), from[i], to[i], marks);
      tradeCount += sleeve.closedTrades;
      open += sleeve.endsLong ? 1 : 0;
      if (full) {
        sleeves.add(marks);
      }
    }
    double[] turnover = new double[d];
    double[] gross = new double[d];
    for (int k = 0; k < d; k++) {
      turnover[k] = notional[k] / (k == 0 ? INITIAL_CAPITAL : equity[k - 1]);
      gross[k] = positionValue[k] / equity[k];
    }
    List<String> names = symbols.stream().map(SymbolInput::symbol).toList();
    List<Trade> trades = full ? book.sorted(names, d) : List.of();
    return new BacktestResult(window, lagBars, costs, timing, recording, names, dates, equity, turnover, held,
        gross, trades, tradeCount, open, sleeves);
  }

  /**
   * The cheap path for the gates' re-runs: {@code E[n]/C0 − 1} without building any per-date series (0 when
   * the segment has no bars). Equal, bit for bit, to {@code run(...).totalReturn()}.
   */
  public static double totalReturn(List<SymbolInput> symbols, SegmentWindow window, int lagBars,
      CostModel costs, FillTiming timing) {
    return totalReturn(symbols, window, lagBars, costs, timing, SessionClock.UTC_1600);
  }

  /** {@link #totalReturn(List, SegmentWindow, int, CostModel, FillTiming)} with the snapshot's clock. */
  public static double totalReturn(List<SymbolInput> symbols, SegmentWindow window, int lagBars,
      CostModel costs, FillTiming timing, SessionClock clock) {
    validate(symbols, lagBars);
    int n = symbols.size();
    int[] from = new int[n];
    int[] to = new int[n];
    segmentRanges(symbols, window, from, to);
    Sleeve sleeve = new Sleeve(lagBars, costs, timing, clock, firstDay(window), INITIAL_CAPITAL / n, null, null, null,
        null, null, null);
    double finalEquity = 0.0;
    boolean anyBar = false;
    for (int i = 0; i < n; i++) {
      finalEquity += sleeve.finalMark(symbols.get(i), from[i], to[i]);
      anyBar |= to[i] > from[i];
    }
    return anyBar ? finalEquity / INITIAL_CAPITAL - 1 : 0.0;
  }

  private static void validate(List<SymbolInput> symbols, int lagBars) {
    if (lagBars < 1) {
      throw new IllegalArgumentException("lag_bars must be >= 1, got " + lagBars);
    }
    if (symbols.isEmpty()) {
      throw new IllegalArgumentException("a backtest needs at least one symbol");
    }
    Set<String> seen = new HashSet<>();
    for (SymbolInput s : symbols) {
      if (!seen.add(s.symbol())) {
        throw new IllegalArgumentException("symbol " + s.symbol() + " appears twice");
      }
      int[] days = s.bars().epochDays();
      for (int t = 1; t < days.length; t++) {
        if (days[t] <= days[t - 1]) {
          throw new IllegalArgumentException("bars of " + s.symbol() + " are not in strictly increasing date "
              + "order at index " + t);
        }
      }
    }
  }

  private static int firstDay(SegmentWindow window) {
    return Math.toIntExact(window.start().toEpochDay());
  }

  private static void segmentRanges(List<SymbolInput> symbols, SegmentWindow window, int[] from, int[] to) {
    int startDay = Math.toIntExact(window.start().toEpochDay());
    int afterEndDay = Math.toIntExact(window.end().toEpochDay() + 1);
    for (int i = 0; i < symbols.size(); i++) {
      SymbolBars bars = symbols.get(i).bars();
      from[i] = bars.firstIndexOnOrAfter(startDay);
      to[i] = bars.firstIndexOnOrAfter(afterEndDay);
    }
  }

  /** Sorted union of the symbols' segment dates; symbols sharing one calendar cost one array comparison each. */
  private static int[] portfolioDates(List<SymbolInput> symbols, int[] from, int[] to) {
    int[] union = Arrays.copyOfRange(symbols.get(0).bars().epochDays(), from[0], to[0]);
    for (int i = 1; i < symbols.size(); i++) {
      int[] days = symbols.get(i).bars().epochDays();
      if (!Arrays.equals(union, 0, union.length, days, from[i], to[i])) {
        union = mergeSorted(union, days, from[i], to[i]);
      }
    }
    return union;
  }

  private static int[] mergeSorted(int[] a, int[] b, int bFrom, int bTo) {
    int[] out = new int[a.length + (bTo - bFrom)];
    int i = 0;
    int j = bFrom;
    int k = 0;
    while (i < a.length || j < bTo) {
      if (j == bTo || (i < a.length && a[i] < b[j])) {
        out[k++] = a[i++];
      } else if (i == a.length || b[j] < a[i]) {
        out[k++] = b[j++];
      } else {
        out[k++] = a[i++];
        j++;
      }
    }
    return Arrays.copyOf(out, k);
  }
}
