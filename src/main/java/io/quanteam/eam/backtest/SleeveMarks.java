package io.quanteam.eam.backtest;

import io.quanteam.eam.data.SymbolBars;
import java.time.LocalDate;
import java.util.Arrays;

/**
 * One symbol's sleeve state at the close of each of its segment bars, j = 0..size()−1. Stored sparsely: the
 * state after each fill, since cash and qty change only on fills; {@code equity(j) = cash(j) + qty(j)·close(j)}
 * is evaluated with the same expression as the engine's mark, so it is bit-identical to it. Read-only once the
 * run that filled it has returned.
 */
public final class SleeveMarks {
  private final SymbolBars bars;
  private final int from;
  private final int size;
  private final double startingCash;
  private int[] fillAt = new int[8];
  private double[] qtyAfter = new double[8];
  private double[] cashAfter = new double[8];
  private int fills;

  SleeveMarks(SymbolBars bars, int from, int to, double startingCash) {
    this.bars = bars;
    this.from = from;
    this.size = to - from;
    this.startingCash = startingCash;
  }

  void recordFill(int barIndex, double qty, double cash) {
    if (fills == fillAt.length) {
      fillAt = Arrays.copyOf(fillAt, 2 * fills);
      qtyAfter = Arrays.copyOf(qtyAfter, 2 * fills);
      cashAfter = Arrays.copyOf(cashAfter, 2 * fills);
    }
    fillAt[fills] = barIndex - from;
    qtyAfter[fills] = qty;
    cashAfter[fills] = cash;
    fills++;
  }

  public String symbol() {
    return bars.symbol();
  }

  /** Number of the symbol's bars inside the segment. */
  public int size() {
    return size;
  }

  public int epochDay(int j) {
    return bars.epochDays()[from + check(j)];
  }

  public LocalDate date(int j) {
    return LocalDate.ofEpochDay(epochDay(j));
  }

  public double close(int j) {
    return bars.close()[from + check(j)];
  }

  public double qty(int j) {
    int f = lastFillAtOrBefore(check(j));
    return f < 0 ? 0.0 : qtyAfter[f];
  }

  public double cash(int j) {
    int f = lastFillAtOrBefore(check(j));
    return f < 0 ? startingCash : cashAfter[f];
  }

  public double equity(int j) {
    double qty = qty(j);
    double value = qty * close(j);
    return cash(j) + value;
  }

  /** Index in {@code fillAt} of the last fill on or before bar j, −1 if none. */
  private int lastFillAtOrBefore(int j) {
    int i = Arrays.binarySearch(fillAt, 0, fills, j);
    return i >= 0 ? i : -i - 2;
  }

  private int check(int j) {
    if (j < 0 || j >= size) {
      throw new IndexOutOfBoundsException("bar " + j + " of " + size + " in the segment of " + symbol());
    }
    return j;
  }
}
