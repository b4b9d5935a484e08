package io.quanteam.eam.agent;

import static io.quanteam.eam.agent.DslNodes.constant;
import static io.quanteam.eam.agent.DslNodes.op;
import static io.quanteam.eam.agent.DslNodes.param;
import static io.quanteam.eam.agent.DslNodes.var;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quanteam.eam.json.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The strategies the rules provider drafts from an idea (02 §11): each a signal DSL with named parameters, the
 * words in an idea that pick it, and which parameters are windows (whole numbers of bars, at least 1).
 */
public enum StrategyTemplate {
  BUY_AND_HOLD(List.of("buy and hold", "buy-and-hold", "buy & hold", "hold the asset", "passive"), Map.of(),
      List.of()),
  MA_CROSSOVER(List.of("moving average", "moving-average", "crossover", "cross over", "cross-over", "sma", "golden cross"),
      ordered("fast", 10, "slow", 30), List.of("fast", "slow")),
  RSI_MEAN_REVERSION(List.of("rsi", "relative strength", "oversold", "overbought", "mean reversion", "mean-reversion",
      "revert"), ordered("window", 14, "lower", 30, "upper", 70), List.of("window")),
  MOMENTUM(List.of("momentum", "trend following", "trend-following", "rate of change", "winners keep"),
      ordered("lookback", 60, "threshold", 0), List.of("lookback")),
  BREAKOUT(List.of("breakout", "break out", "break-out", "donchian", "channel", "new high"),
      ordered("entry_window", 20, "exit_window", 10), List.of("entry_window", "exit_window"));

  private final List<String> keywords;
  /** Each keyword as a whole word ({@link #keywordIn}); compiled once. */
  private final List<java.util.regex.Pattern> wholeWords;
  private final Map<String, Integer> defaults;
  private final List<String> windows;

  StrategyTemplate(List<String> keywords, Map<String, Integer> defaults, List<String> windows) {
    this.keywords = keywords;
    this.wholeWords = keywords.stream().map(k -> java.util.regex.Pattern.compile(
        "(?<![a-z0-9])" + java.util.regex.Pattern.quote(k) + "(?![a-z0-9])")).toList();
    this.defaults = defaults;
    this.windows = windows;
  }

  private static Map<String, Integer> ordered(Object... nameThenValue) {
    Map<String, Integer> m = new LinkedHashMap<>();
    for (int i = 0; i < nameThenValue.length; i += 2) {
      m.put((String) nameThenValue[i], (Integer) nameThenValue[i + 1]);
    }
    return m;
  }

  /** The id an idea names in {@code extensions.strategy_template}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<StrategyTemplate> byId(String id) {
    for (StrategyTemplate t : values()) {
      if (t.id().equals(id)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }

  /** The words (lower case) that pick this template in an idea's text. */
  public List<String> keywords() {
    return keywords;
  }

  /** The first of {@link #keywords} found as a whole word in {@code lowerCaseText}. */
  public Optional<String> keywordIn(String lowerCaseText) {
    for (int i = 0; i < keywords.size(); i++) {
      if (wholeWords.get(i).matcher(lowerCaseText).find()) {
        return Optional.of(keywords.get(i));
      }
    }
    return Optional.empty();
  }

  /** The parameters and their default values, in the order a reader expects. */
  public Map<String, Integer> defaults() {
    return defaults;
  }

  /** The parameters that are windows in bars: whole numbers of at least 1. */
  public List<String> windows() {
    return windows;
  }

  /**
   * Whether the parameters make a strategy that can trade: windows at least 1 bar, a fast average shorter than the
   * slow one, RSI bounds within 0-100 and in order.
   */
  public boolean valid(Map<String, ? extends Number> params) {
    for (String w : windows) {
      Number n = params.get(w);
      if (n == null || n.doubleValue() < 1 || n.doubleValue() != Math.rint(n.doubleValue())) {
        return false;
      }
    }
    return switch (this) {
      case MA_CROSSOVER -> params.get("fast").doubleValue() < params.get("slow").doubleValue();
      case RSI_MEAN_REVERSION -> params.get("lower").doubleValue() > 0
          && params.get("lower").doubleValue() < params.get("upper").doubleValue()
          && params.get("upper").doubleValue() < 100;
      default -> true;
    };
  }

  /**
   * The blueprint's {@code strategy_spec} (a complete {@code signal_dsl_v1}) with these parameters; every
   * intermediate value is a named expression, so the trace preview shows it.
   */
  public ObjectNode strategySpec(Map<String, ? extends Number> params) {
    ObjectNode spec = Json.object();
    spec.put("dsl_version", "signal_dsl_v1");
    ObjectNode ex = spec.putObject("expressions");
    switch (this) {
      case BUY_AND_HOLD -> {
        ex.set("enter", constant(true));
        ex.set("exit", constant(false));
      }
      case MA_CROSSOVER -> {
        ex.set("sma_fast", op("sma", var("close"), param("fast")));
        ex.set("sma_slow", op("sma", var("close"), param("slow")));
        ex.set("enter", op("cross_above", var("sma_fast"), var("sma_slow")));
        ex.set("exit", op("cross_below", var("sma_fast"), var("sma_slow")));
      }
      case RSI_MEAN_REVERSION -> {
        ex.set("rsi", op("rsi", var("close"), param("window")));
        ex.set("enter", op("lt", var("rsi"), param("lower")));
        ex.set("exit", op("gt", var("rsi"), param("upper")));
      }
      case MOMENTUM -> {
        ex.set("momentum", op("pct_change", var("close"), param("lookback")));
        ex.set("enter", op("gt", var("momentum"), param("threshold")));
        ex.set("exit", op("lt", var("momentum"), param("threshold")));
      }
      case BREAKOUT -> {
        // the channel of the bars before this one: a close above the highest high of the last N bars is a breakout
        ex.set("channel_high", op("lag", op("highest", var("high"), param("entry_window")), constant(1)));
        ex.set("channel_low", op("lag", op("lowest", var("low"), param("exit_window")), constant(1)));
        ex.set("enter", op("gt", var("close"), var("channel_high")));
        ex.set("exit", op("lt", var("close"), var("channel_low")));
      }
      default -> throw new IllegalStateException(name());
    }
    spec.putObject("signals").put("entry", "enter").put("exit", "exit");
    ObjectNode p = spec.putObject("params");
    params.forEach((k, v) -> {
      if (v instanceof Integer i) {
        p.put(k, i);
      } else {
        p.put(k, v.doubleValue());
      }
    });
    spec.putObject("execution").put("order_timing", "next_open").putObject("cost_model").put("ref_policy", true);
    spec.putObject("extensions").put("strategy_id", id() + "_v1");
    return spec;
  }
}
