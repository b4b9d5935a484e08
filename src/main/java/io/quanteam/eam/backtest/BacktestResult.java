package io.quanteam.eam.backtest;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One segment's run. The per-date columns ({@code epochDays}, {@code equity}, {@code turnover},
 * {@code heldCount}, {@code grossExposure}) are aligned with the portfolio dates: the sorted union of the
 * symbols' bar dates inside the segment. On each date a symbol contributes its latest close mark on or before
 * that date, or its starting cash {@code C0/N} before its first segment bar.
 *
 * <p>{@code trades} (sorted by exit date, then symbol) and {@code sleeves} (one per symbol, input order) are
 * empty under {@link Recording#CURVE_ONLY}; {@code tradeCount} and {@code openPositions} are always counted.
 */
public record BacktestResult(SegmentWindow window, int lagBars, CostModel costs, FillTiming timing,
    Recording recording, List<String> symbols, int[] epochDays, double[] equity, double[] turnover,
    int[] heldCount, double[] grossExposure, List<Trade> trades, int tradeCount, int openPositions,
    List<SleeveMarks> sleeves) {

  public BacktestResult {
    symbols = List.copyOf(symbols);
    trades = List.copyOf(trades);
    sleeves = List.copyOf(sleeves);
  }

  /** Number of portfolio dates n in the segment. */
  public int bars() {
    return epochDays.length;
  }

  public LocalDate date(int k) {
    return LocalDate.ofEpochDay(epochDays[k]);
  }

  /** {@code E[n]/C0 − 1}; 0 when the segment has no bars (nothing happened). */
  public double totalReturn() {
    return bars() == 0 ? 0.0 : equity[bars() - 1] / BacktestEngine.INITIAL_CAPITAL - 1;
  }

  /**
   * The {@code positions.csv} rows: one per symbol bar at whose close the sleeve holds a position (flat sleeves
   * write no rows), sorted by date, then symbol. Needs {@link Recording#FULL}.
   */
  public List<PositionRow> positionRows() {
    requireFull("position rows");
    List<PositionRow> rows = new ArrayList<>();
    for (SleeveMarks s : sleeves) {
      for (int j = 0; j < s.size(); j++) {
        double qty = s.qty(j);
        if (qty > 0) {
          rows.add(new PositionRow(s.date(j), s.symbol(), qty, s.close(j), qty * s.close(j), s.equity(j)));
        }
      }
    }
    rows.sort(Comparator.comparing(PositionRow::dt).thenComparing(PositionRow::symbol));
    return rows;
  }

  void requireFull(String what) {
    if (recording != Recording.FULL) {
      throw new IllegalStateException(what + " need a run recorded with Recording.FULL, not " + recording);
    }
  }
}
