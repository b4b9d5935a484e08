package io.quanteam.eam.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The trade part of a report, from the test_overall {@code trades.csv}: totals, per-symbol counts and the
 * first {@link #LISTED} trades by entry date. P&amp;L is in units of the initial capital, so it is shown as a
 * percentage of it; holding time is in calendar days.
 */
record TradeSummary(Table totals, Table perSymbol, Table firstTrades, int listed, int total) {
  /** How many trades a report lists one by one. */
  static final int LISTED = 20;

  static TradeSummary of(List<TradeRow> trades, JsonNode metrics) {
    int wins = 0;
    int losses = 0;
    double sumReturn = 0;
    double sumDays = 0;
    TradeRow best = null;
    TradeRow worst = null;
    Map<String, int[]> counts = new TreeMap<>();
    Map<String, Double> pnl = new TreeMap<>();
    for (TradeRow t : trades) {
      int[] c = counts.computeIfAbsent(t.symbol(), k -> new int[3]);
      c[0]++;
      if (t.pnl() > 0) {
        wins++;
        c[1]++;
      } else if (t.pnl() < 0) {
        losses++;
        c[2]++;
      }
      pnl.merge(t.symbol(), t.pnl(), Double::sum);
      sumReturn += t.ret();
      sumDays += t.holdingDays();
      best = best == null || t.ret() > best.ret() ? t : best;
      worst = worst == null || t.ret() < worst.ret() ? t : worst;
    }
    int n = trades.size();
    List<List<String>> totals = new ArrayList<>();
    totals.add(List.of("Closed trades", Integer.toString(n)));
    totals.add(List.of("Wins / losses", wins + " / " + losses));
    totals.add(List.of("Average return per trade", n == 0 ? DisplayNumbers.NONE : DisplayNumbers.percent(sumReturn / n)));
    totals.add(List.of("Best trade", describe(best)));
    totals.add(List.of("Worst trade", describe(worst)));
    totals.add(List.of("Average holding (calendar days)", n == 0 ? DisplayNumbers.NONE : DisplayNumbers.fixed(sumDays / n, 1)));
    totals.add(List.of("Open positions at the end", DisplayNumbers.integer(metrics.get("open_positions"))));

    List<List<String>> symbols = new ArrayList<>();
    counts.forEach((sym, c) -> symbols.add(List.of(sym, Integer.toString(c[0]), Integer.toString(c[1]),
        Integer.toString(c[2]), DisplayNumbers.percent(pnl.get(sym)))));

    List<List<String>> listed = new ArrayList<>();
    trades.stream().sorted(Comparator.comparing(TradeRow::entryDt).thenComparing(TradeRow::symbol)).limit(LISTED)
        .forEach(t -> listed.add(List.of(t.symbol(), t.entryDt().toString(), DisplayNumbers.fixed(t.entryPrice(), 4),
            t.exitDt().toString(), DisplayNumbers.fixed(t.exitPrice(), 4), Long.toString(t.holdingDays()),
            DisplayNumbers.percent(t.ret()))));
    return new TradeSummary(Table.of(List.of("Trades", "Value"), totals),
        Table.of(List.of("Symbol", "Trades", "Wins", "Losses", "P&L (% of initial capital)"), symbols),
        Table.of(List.of("Symbol", "Entry", "Entry price", "Exit", "Exit price", "Days", "Return"), listed),
        listed.size(), n);
  }

  private static String describe(TradeRow t) {
    return t == null ? DisplayNumbers.NONE
        : DisplayNumbers.percent(t.ret()) + " (" + t.symbol() + ", " + t.entryDt() + " → " + t.exitDt() + ")";
  }
}
