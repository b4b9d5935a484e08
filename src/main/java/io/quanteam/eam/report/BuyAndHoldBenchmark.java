package io.quanteam.eam.report;

import io.quanteam.eam.backtest.BacktestEngine;
import io.quanteam.eam.backtest.FillTiming;
import io.quanteam.eam.data.SymbolBars;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The equity chart's benchmark: equal-weight buy-and-hold of the run's universe over the dates of its curve
 * (docs/reports.md, "Benchmark").
 *
 * @param symbols the universe size N; each symbol starts with C0/N
 * @param timing the engine's fill price, which the single purchase uses
 * @param curve equity in units of C0 on each of the strategy curve's dates
 */
record BuyAndHoldBenchmark(int symbols, FillTiming timing, List<CurvePoint> curve) {
  static final double INITIAL_CAPITAL = BacktestEngine.INITIAL_CAPITAL;

  BuyAndHoldBenchmark {
    curve = List.copyOf(curve);
  }

  /**
   * {@code universe}: each symbol's bars as the run saw them (as-of rule applied by the caller). Bars outside
   * [first date, last date] are not read. Throws IllegalArgumentException, with a phrase a report can show, when
   * the dates are not increasing or a price it needs is missing or not above 0.
   */
  static BuyAndHoldBenchmark of(List<LocalDate> dates, List<SymbolBars> universe, FillTiming timing) {
    int n = dates.size();
    if (n == 0 || universe.isEmpty()) {
      throw new IllegalArgumentException("there are no dates or no symbols");
    }
    int[] day = new int[n];
    for (int k = 0; k < n; k++) {
      day[k] = Math.toIntExact(dates.get(k).toEpochDay());
      if (k > 0 && day[k] <= day[k - 1]) {
        throw new IllegalArgumentException("the curve's dates are not in increasing order at " + dates.get(k));
      }
    }
    double[] equity = new double[n];
    double startingCash = INITIAL_CAPITAL / universe.size();
    for (SymbolBars b : universe) {
      addSleeve(b, day, timing, startingCash, equity);
    }
    List<CurvePoint> curve = new ArrayList<>(n);
    for (int k = 0; k < n; k++) {
      curve.add(new CurvePoint(dates.get(k), equity[k]));
    }
    return new BuyAndHoldBenchmark(universe.size(), timing, curve);
  }

  /** E[n]/C0 − 1, as metrics.json defines total_return. */
  double totalReturn() {
    return curve.get(curve.size() - 1).equity() / INITIAL_CAPITAL - 1;
  }

  /**
   * One sleeve, with the engine's arithmetic at zero costs (qty = cash/p, cash −= qty·p, mark = cash + qty·close),
   * so the line equals, bit for bit, the engine's curve of an always-long strategy without fees. As in the engine, a
   * sleeve with no bar yet counts its cash and a gap carries the last mark forward.
   */
  private static void addSleeve(SymbolBars b, int[] day, FillTiming timing, double startingCash, double[] equity) {
    double[] fill = timing == FillTiming.NEXT_OPEN ? b.open() : b.close();
    String fillName = timing == FillTiming.NEXT_OPEN ? "open" : "close";
    int t = b.firstIndexOnOrAfter(day[0]);
    int end = b.firstIndexOnOrAfter(day[day.length - 1] + 1);
    double cash = startingCash;
    double qty = 0.0;
    boolean bought = false;
    double mark = startingCash;
    for (int k = 0; k < day.length; k++) {
      for (; t < end && b.epochDays()[t] <= day[k]; t++) {
        if (!bought) {
          double p = usable(fill[t], b, t, fillName);
          qty = cash / p;
          cash -= qty * p;
          bought = true;
        }
        mark = cash + qty * usable(b.close()[t], b, t, "close");
      }
      equity[k] += mark;
    }
  }

  private static double usable(double price, SymbolBars b, int t, String name) {
    if (!(price > 0) || Double.isInfinite(price)) {
      throw new IllegalArgumentException(b.symbol() + " has no usable " + name + " price on " + b.date(t));
    }
    return price;
  }
}
