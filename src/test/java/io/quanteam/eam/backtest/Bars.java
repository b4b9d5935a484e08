package io.quanteam.eam.backtest;

import io.quanteam.eam.data.SymbolBars;
import java.time.LocalDate;

/** Test helpers: bars on consecutive calendar days and signal arrays. */
final class Bars {
  private Bars() {}

  static SymbolBars daily(String symbol, String firstDay, double[] open, double[] close) {
    int n = open.length;
    int first = Math.toIntExact(LocalDate.parse(firstDay).toEpochDay());
    int[] days = new int[n];
    double[] high = new double[n];
    double[] low = new double[n];
    for (int i = 0; i < n; i++) {
      days[i] = first + i;
      high[i] = Math.max(open[i], close[i]);
      low[i] = Math.min(open[i], close[i]);
    }
    return new SymbolBars(symbol, days, open, high, low, close, new double[n], new long[n]);
  }

  /** Bars on the given dates (ISO strings, strictly increasing). */
  static SymbolBars on(String symbol, String[] dates, double[] open, double[] close) {
    int n = dates.length;
    int[] days = new int[n];
    for (int i = 0; i < n; i++) {
      days[i] = Math.toIntExact(LocalDate.parse(dates[i]).toEpochDay());
    }
    return new SymbolBars(symbol, days, open, open.clone(), close.clone(), close, new double[n], new long[n]);
  }

  /** A boolean array of length n, true exactly at the given indices. */
  static boolean[] at(int n, int... trueAt) {
    boolean[] b = new boolean[n];
    for (int i : trueAt) {
      b[i] = true;
    }
    return b;
  }

  static SegmentWindow window(String start, String end) {
    return new SegmentWindow("test_000", LocalDate.parse(start), LocalDate.parse(end));
  }

  static double[] d(double... v) {
    return v;
  }
}
