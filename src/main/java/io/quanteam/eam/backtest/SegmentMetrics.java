package io.quanteam.eam.backtest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quanteam.eam.json.Json;
import java.time.LocalDate;

/**
 * A segment's metrics (spec 02 §7). Boxed {@code Double} fields are null where the definition is undefined;
 * see {@code docs/engine-and-metrics.md} for the null rules.
 */
public record SegmentMetrics(String segmentId, LocalDate start, LocalDate end, int lagBars, int bars,
    double totalReturn, Double cagr, Double annVol, Double sharpe, Double sortino, double maxDrawdown,
    Double calmar, int tradeCount, Double winRate, Double profitFactor, double exposure, double avgTurnover,
    double maxTurnover, int openPositions, Double sr, Double skew, Double kurtosis) {

  /** snake_case keys; null for undefined values and for any non-finite number (JSON has no NaN). */
  public ObjectNode toJson() {
    ObjectNode o = Json.object();
    o.put("segment_id", segmentId);
    o.put("start", start.toString());
    o.put("end", end.toString());
    o.put("lag_bars", lagBars);
    o.put("bars", bars);
    number(o, "total_return", totalReturn);
    number(o, "cagr", cagr);
    number(o, "ann_vol", annVol);
    number(o, "sharpe", sharpe);
    number(o, "sortino", sortino);
    number(o, "max_drawdown", maxDrawdown);
    number(o, "calmar", calmar);
    o.put("trade_count", tradeCount);
    number(o, "win_rate", winRate);
    number(o, "profit_factor", profitFactor);
    number(o, "exposure", exposure);
    number(o, "avg_turnover", avgTurnover);
    number(o, "max_turnover", maxTurnover);
    o.put("open_positions", openPositions);
    number(o, "sr", sr);
    number(o, "skew", skew);
    number(o, "kurtosis", kurtosis);
    return o;
  }

  private static void number(ObjectNode o, String key, Double value) {
    if (value == null || !Double.isFinite(value)) {
      o.putNull(key);
    } else {
      o.put(key, value.doubleValue());
    }
  }
}
