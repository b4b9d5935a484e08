package io.quanteam.eam.backtest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.IntUnaryOperator;

/**
 * Closed trades of one run with their exit's portfolio-date index and symbol index, sorted at the end by exit
 * date, then symbol name with two stable counting sorts (linear, unlike a comparator sort over the trades).
 */
final class TradeBook {
  private final List<Trade> trades = new ArrayList<>();
  private int[] dateIndex = new int[64];
  private int[] symbolIndex = new int[64];

  void add(Trade trade, int exitDateIndex, int symbol) {
    int i = trades.size();
    if (i == dateIndex.length) {
      dateIndex = Arrays.copyOf(dateIndex, 2 * i);
      symbolIndex = Arrays.copyOf(symbolIndex, 2 * i);
    }
    trades.add(trade);
    dateIndex[i] = exitDateIndex;
    symbolIndex[i] = symbol;
  }

  /** The trades by exit date, then symbol; {@code symbols} are the run's symbols in input order. */
  List<Trade> sorted(List<String> symbols, int dateCount) {
    int t = trades.size();
    int n = symbols.size();
    Integer[] byName = new Integer[n];
    Arrays.setAll(byName, i -> i);
    Arrays.sort(byName, Comparator.comparing(symbols::get));
    int[] rank = new int[n];
    for (int r = 0; r < n; r++) {
      rank[byName[r]] = r;
    }
    int[] bySymbol = countingSort(identity(t), i -> rank[symbolIndex[i]], n);
    int[] byDate = countingSort(bySymbol, i -> dateIndex[i], dateCount);
    List<Trade> out = new ArrayList<>(t);
    for (int i : byDate) {
      out.add(trades.get(i));
    }
    return out;
  }

  private static int[] identity(int t) {
    int[] order = new int[t];
    Arrays.setAll(order, i -> i);
    return order;
  }

  /** Stable counting sort of {@code order} by a key in [0, buckets). */
  private static int[] countingSort(int[] order, IntUnaryOperator key, int buckets) {
    int[] start = new int[buckets + 1];
    for (int i : order) {
      start[key.applyAsInt(i) + 1]++;
    }
    for (int b = 0; b < buckets; b++) {
      start[b + 1] += start[b];
    }
    int[] out = new int[order.length];
    for (int i : order) {
      out[start[key.applyAsInt(i)]++] = i;
    }
    return out;
  }
}
