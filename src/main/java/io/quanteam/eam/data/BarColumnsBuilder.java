package io.quanteam.eam.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Accumulates one symbol's rows as they are read, then sorts them by date. Of rows sharing a date the first read
 * is kept; a later one with identical values is dropped and counted, one with different values is a conflict.
 */
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
  private int[] lines = new int[256];
  private int[] offsets = new int[256];
  private int duplicates;
  private final List<DuplicateRow> conflicts = new ArrayList<>();

  BarColumnsBuilder(String symbol) {
    this.symbol = symbol;
  }

  /**
   * @param line   1-based line number of the row in its file
   * @param offset byte offset of that line, to find its cells again when it conflicts with another row
   */
  void add(int line, int offset, int day, double o, double h, double l, double c, double v, long available) {
    if (size == days.length) {
      int capacity = size * 2;
      days = Arrays.copyOf(days, capacity);
      open = Arrays.copyOf(open, capacity);
      high = Arrays.copyOf(high, capacity);
      low = Arrays.copyOf(low, capacity);
      close = Arrays.copyOf(close, capacity);
      volume = Arrays.copyOf(volume, capacity);
      availableAt = Arrays.copyOf(availableAt, capacity);
      lines = Arrays.copyOf(lines, capacity);
      offsets = Arrays.copyOf(offsets, capacity);
    }
    days[size] = day;
    open[size] = o;
    high[size] = h;
    low[size] = l;
    close[size] = c;
    volume[size] = v;
    availableAt[size] = available;
    lines[size] = line;
    offsets[size] = offset;
    size++;
  }

  int rows() {
    return size;
  }

  /** Rows dropped by {@link #build()} because an earlier row had the same date and the same values. */
  int duplicates() {
    return duplicates;
  }

  /** Rows left out by {@link #build()} because an earlier row had the same date and other values. */
  List<DuplicateRow> conflicts() {
    return List.copyOf(conflicts);
  }

  /** The rows in date order; of rows sharing a date the first read is kept. */
  SymbolBars build() {
    SymbolBars all = new SymbolBars(symbol, Arrays.copyOf(days, size), Arrays.copyOf(open, size),
        Arrays.copyOf(high, size), Arrays.copyOf(low, size), Arrays.copyOf(close, size),
        Arrays.copyOf(volume, size), Arrays.copyOf(availableAt, size));
    duplicates = 0;
    conflicts.clear();
    boolean sorted = true;
    for (int i = 1; i < size && sorted; i++) {
      sorted = days[i] > days[i - 1];
    }
    if (sorted) {
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
      int row = (int) (keys[k] & 0xFFFF_FFFFL);
      if (k > 0 && (keys[k] >> 32) == (keys[k - 1] >> 32)) {
        int first = keep[kept - 1];
        if (sameValues(first, row)) {
          duplicates++;
        } else {
          conflicts.add(new DuplicateRow(symbol, days[row], lines[first], offsets[first], lines[row], offsets[row]));
        }
      } else {
        keep[kept++] = row;
      }
    }
    return all.rows(Arrays.copyOf(keep, kept));
  }

  /** Every value equal (a missing volume equals a missing volume). */
  private boolean sameValues(int a, int b) {
    return same(open[a], open[b]) && same(high[a], high[b]) && same(low[a], low[b]) && same(close[a], close[b])
        && same(volume[a], volume[b]) && availableAt[a] == availableAt[b];
  }

  private static boolean same(double x, double y) {
    return Double.doubleToLongBits(x) == Double.doubleToLongBits(y);
  }
}
