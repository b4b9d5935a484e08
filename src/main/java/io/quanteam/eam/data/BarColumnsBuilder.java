package io.quanteam.eam.data;

import java.util.Arrays;

/** Accumulates one symbol's rows as they are read, then sorts them by date and drops repeated dates. */
final class BarColumnsBuilder {
  private final String symbol;
  private int size;
  private int[] days = new int[256];
  private double[] open = new double[256];
  private double[] high = new double[256];
  private double[] low = new double[256];
  private double[] close = new double[256];
  private double[] volume = new double[256];
  private long[] availableAt = new long[256];
  private int duplicates;

  BarColumnsBuilder(String symbol) {
    this.symbol = symbol;
  }

  void add(int day, double o, double h, double l, double c, double v, long available) {
    if (size == days.length) {
      int capacity = size * 2;
      days = Arrays.copyOf(days, capacity);
      open = Arrays.copyOf(open, capacity);
      high = Arrays.copyOf(high, capacity);
      low = Arrays.copyOf(low, capacity);
      close = Arrays.copyOf(close, capacity);
      volume = Arrays.copyOf(volume, capacity);
      availableAt = Arrays.copyOf(availableAt, capacity);
    }
    days[size] = day;
    open[size] = o;
    high[size] = h;
    low[size] = l;
    close[size] = c;
    volume[size] = v;
    availableAt[size] = available;
    size++;
  }

  int rows() {
    return size;
  }

  /** Rows dropped by {@link #build()} because an earlier row had the same date. */
  int duplicates() {
    return duplicates;
  }

  /** The rows in date order; of rows sharing a date the first read is kept. */
  SymbolBars build() {
    SymbolBars all = new SymbolBars(symbol, Arrays.copyOf(days, size), Arrays.copyOf(open, size),
        Arrays.copyOf(high, size), Arrays.copyOf(low, size), Arrays.copyOf(close, size),
        Arrays.copyOf(volume, size), Arrays.copyOf(availableAt, size));
    boolean sorted = true;
    for (int i = 1; i < size && sorted; i++) {
      sorted = days[i] > days[i - 1];
    }
    if (sorted) {
      duplicates = 0;
      return all;
    }
    // Sort (date, read position) pairs so that the first row read comes first among equal dates.
    long[] keys = new long[size];
    for (int i = 0; i < size; i++) {
      keys[i] = ((long) days[i] << 32) | i;
    }
    Arrays.sort(keys);
    int[] keep = new int[size];
    int kept = 0;
    for (int k = 0; k < size; k++) {
      if (k == 0 || (keys[k] >> 32) != (keys[k - 1] >> 32)) {
        keep[kept++] = (int) (keys[k] & 0xFFFF_FFFFL);
      }
    }
    duplicates = size - kept;
    return all.rows(Arrays.copyOf(keep, kept));
  }
}
