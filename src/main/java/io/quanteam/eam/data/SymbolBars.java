package io.quanteam.eam.data;

import java.time.LocalDate;
import java.util.Arrays;

/**
 * One symbol's daily bars in date order, as primitive columns (the engine and the DSL work on these arrays
 * directly). {@code epochDays[i]} is the bar date ({@link LocalDate#toEpochDay()}); {@code availableAt[i]} the
 * instant (epoch seconds) from which the bar may be used.
 */
public record SymbolBars(String symbol, int[] epochDays, double[] open, double[] high, double[] low,
    double[] close, double[] volume, long[] availableAt) {

  public SymbolBars {
    int n = epochDays.length;
    if (open.length != n || high.length != n || low.length != n || close.length != n || volume.length != n
        || availableAt.length != n) {
      throw new IllegalArgumentException("columns of " + symbol + " differ in length");
    }
  }

  public int size() {
    return epochDays.length;
  }

  public LocalDate date(int i) {
    return LocalDate.ofEpochDay(epochDays[i]);
  }

  /** The rows a run as of {@code asOfEpochSecond} may see: {@code available_at <= as_of}. */
  public SymbolBars visibleAsOf(long asOfEpochSecond) {
    int n = size();
    int count = 0;
    for (int i = 0; i < n; i++) {
      if (availableAt[i] <= asOfEpochSecond) {
        count++;
      }
    }
    if (count == n) {
      return this;
    }
    int[] keep = new int[count];
    for (int i = 0, k = 0; i < n; i++) {
      if (availableAt[i] <= asOfEpochSecond) {
        keep[k++] = i;
      }
    }
    return rows(keep);
  }

  /** The first {@code count} rows. */
  public SymbolBars head(int count) {
    if (count >= size()) {
      return this;
    }
    return new SymbolBars(symbol, Arrays.copyOf(epochDays, count), Arrays.copyOf(open, count),
        Arrays.copyOf(high, count), Arrays.copyOf(low, count), Arrays.copyOf(close, count),
        Arrays.copyOf(volume, count), Arrays.copyOf(availableAt, count));
  }

  /** Index of the first bar dated on or after {@code epochDay} ({@code size()} if none). */
  public int firstIndexOnOrAfter(int epochDay) {
    int i = Arrays.binarySearch(epochDays, epochDay);
    return i >= 0 ? i : -i - 1;
  }

  /** The given rows, in the given order. */
  public SymbolBars rows(int[] rows) {
    int m = rows.length;
    int[] d = new int[m];
    double[] o = new double[m];
    double[] h = new double[m];
    double[] l = new double[m];
    double[] c = new double[m];
    double[] v = new double[m];
    long[] a = new long[m];
    for (int k = 0; k < m; k++) {
      int i = rows[k];
      d[k] = epochDays[i];
      o[k] = open[i];
      h[k] = high[i];
      l[k] = low[i];
      c[k] = close[i];
      v[k] = volume[i];
      a[k] = availableAt[i];
    }
    return new SymbolBars(symbol, d, o, h, l, c, v, a);
  }
}
