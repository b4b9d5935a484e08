package io.quanteam.eam.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * A metric of {@code metrics.json} for people: a label that carries its unit and the value
 * rounded by what it is. Fractions show as percentages, annualised ratios with 2 decimals, the per-bar Sharpe ratio
 * {@code sr} (the DSR's input, not annualised) with 4, counts as integers; an unknown metric keeps 4 significant
 * digits. The same rounding as the report ({@link DisplayNumbers}); full precision is the JSON's (docs/cli.md).
 */
public final class MetricFormat {
  private enum Kind { PERCENT, RATIO, PER_BAR, INTEGER, GENERAL }

  private record Known(String label, Kind kind) {}

  private static final Map<String, Known> KNOWN = Map.ofEntries(
      Map.entry("total_return", new Known("total return", Kind.PERCENT)),
      Map.entry("cagr", new Known("CAGR (ann.)", Kind.PERCENT)),
      Map.entry("ann_vol", new Known("volatility (ann.)", Kind.PERCENT)),
      Map.entry("sharpe", new Known("Sharpe (ann.)", Kind.RATIO)),
      Map.entry("sortino", new Known("Sortino (ann.)", Kind.RATIO)),
      Map.entry("max_drawdown", new Known("max drawdown", Kind.PERCENT)),
      Map.entry("calmar", new Known("Calmar", Kind.RATIO)),
      Map.entry("trade_count", new Known("trades", Kind.INTEGER)),
      Map.entry("win_rate", new Known("win rate", Kind.PERCENT)),
      Map.entry("profit_factor", new Known("profit factor", Kind.RATIO)),
      Map.entry("exposure", new Known("exposure", Kind.PERCENT)),
      Map.entry("avg_turnover", new Known("turnover / bar (avg)", Kind.PERCENT)),
      Map.entry("max_turnover", new Known("turnover / bar (max)", Kind.PERCENT)),
      Map.entry("bars", new Known("bars", Kind.INTEGER)),
      Map.entry("open_positions", new Known("open positions", Kind.INTEGER)),
      Map.entry("sr", new Known("SR (per bar)", Kind.PER_BAR)),
      Map.entry("skew", new Known("skew (per bar)", Kind.GENERAL)),
      Map.entry("kurtosis", new Known("kurtosis (Pearson)", Kind.GENERAL)));

  /** The metrics a one-line summary of a run shows, in this order. */
  private static final List<String> HEADLINE = List.of("total_return", "sharpe", "max_drawdown", "trade_count");

  private MetricFormat() {}

  /** "total return 0.70%  Sharpe (ann.) 5.73  max drawdown -0.41%  trades 2" from a metrics document. */
  public static String headline(JsonNode metrics) {
    StringBuilder line = new StringBuilder();
    for (String metric : HEADLINE) {
      line.append(line.isEmpty() ? "" : "  ").append(label(metric)).append(' ').append(value(metric, metrics.get(metric)));
    }
    return line.toString();
  }

  /** "Sharpe (ann.)", "SR (per bar)", "total return"; an unknown metric's own name. */
  public static String label(String metric) {
    Known k = KNOWN.get(metric);
    return k == null ? metric : k.label();
  }

  /** The value rounded for its metric; "—" when null, missing or not finite. */
  public static String value(String metric, JsonNode value) {
    Known k = KNOWN.get(metric);
    Kind kind = k == null ? Kind.GENERAL : k.kind();
    return switch (kind) {
      case PERCENT -> DisplayNumbers.percent(value);
      case RATIO -> DisplayNumbers.ratio(value);
      case PER_BAR -> DisplayNumbers.isNumber(value) ? DisplayNumbers.fixed(value.doubleValue(), 4)
          : DisplayNumbers.NONE;
      case INTEGER -> value != null && value.isIntegralNumber() ? DisplayNumbers.integer(value)
          : DisplayNumbers.general(value);
      case GENERAL -> DisplayNumbers.general(value);
    };
  }
}
