package io.quanteam.eam.dsl;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The ops of {@code signal_dsl_v1} (spec 02 §5 is the definition) with their arity, argument kinds, result
 * type and look-back. A WINDOW argument is an integer ≥ 1 taken from a const or a param.
 */
public enum OpCode {
  AND("and", ValueType.BOOLEAN, 2, Integer.MAX_VALUE, Arg.BOOLEAN),
  OR("or", ValueType.BOOLEAN, 2, Integer.MAX_VALUE, Arg.BOOLEAN),
  NOT("not", ValueType.BOOLEAN, 1, 1, Arg.BOOLEAN),
  GT("gt", ValueType.BOOLEAN, 2, 2, Arg.NUMBER),
  GE("ge", ValueType.BOOLEAN, 2, 2, Arg.NUMBER),
  LT("lt", ValueType.BOOLEAN, 2, 2, Arg.NUMBER),
  LE("le", ValueType.BOOLEAN, 2, 2, Arg.NUMBER),
  EQ("eq", ValueType.BOOLEAN, 2, 2, Arg.NUMBER),
  NE("ne", ValueType.BOOLEAN, 2, 2, Arg.NUMBER),
  ADD("add", ValueType.NUMBER, 2, 2, Arg.NUMBER),
  SUB("sub", ValueType.NUMBER, 2, 2, Arg.NUMBER),
  MUL("mul", ValueType.NUMBER, 2, 2, Arg.NUMBER),
  DIV("div", ValueType.NUMBER, 2, 2, Arg.NUMBER),
  NEG("neg", ValueType.NUMBER, 1, 1, Arg.NUMBER),
  ABS("abs", ValueType.NUMBER, 1, 1, Arg.NUMBER),
  MIN("min", ValueType.NUMBER, 2, 2, Arg.NUMBER),
  MAX("max", ValueType.NUMBER, 2, 2, Arg.NUMBER),
  LAG("lag", ValueType.NUMBER, 2, 2, Arg.NUMBER, Arg.WINDOW),
  PCT_CHANGE("pct_change", ValueType.NUMBER, 2, 2, Arg.NUMBER, Arg.WINDOW),
  SMA("sma", ValueType.NUMBER, 2, 2, Arg.NUMBER, Arg.WINDOW),
  EMA("ema", ValueType.NUMBER, 2, 2, Arg.NUMBER, Arg.WINDOW),
  RSI("rsi", ValueType.NUMBER, 2, 2, Arg.NUMBER, Arg.WINDOW),
  STD("std", ValueType.NUMBER, 2, 2, Arg.NUMBER, Arg.WINDOW),
  HIGHEST("highest", ValueType.NUMBER, 2, 2, Arg.NUMBER, Arg.WINDOW),
  LOWEST("lowest", ValueType.NUMBER, 2, 2, Arg.NUMBER, Arg.WINDOW),
  ZSCORE("zscore", ValueType.NUMBER, 2, 2, Arg.NUMBER, Arg.WINDOW),
  CROSS_ABOVE("cross_above", ValueType.BOOLEAN, 2, 2, Arg.NUMBER),
  CROSS_BELOW("cross_below", ValueType.BOOLEAN, 2, 2, Arg.NUMBER);

  /** What an argument position accepts. */
  public enum Arg { NUMBER, BOOLEAN, WINDOW }

  private static final Map<String, OpCode> BY_NAME = new HashMap<>();

  static {
    for (OpCode op : values()) {
      BY_NAME.put(op.dslName, op);
    }
    BY_NAME.put("crosses_above", CROSS_ABOVE);
    BY_NAME.put("crosses_below", CROSS_BELOW);
  }

  private final String dslName;
  private final ValueType result;
  private final int minArgs;
  private final int maxArgs;
  private final List<Arg> args;

  OpCode(String dslName, ValueType result, int minArgs, int maxArgs, Arg... args) {
    this.dslName = dslName;
    this.result = result;
    this.minArgs = minArgs;
    this.maxArgs = maxArgs;
    this.args = Arrays.asList(args);
  }

  /** The op named {@code name} in a DSL document, aliases included. */
  public static Optional<OpCode> byName(String name) {
    return Optional.ofNullable(BY_NAME.get(name));
  }

  /** The canonical DSL name (aliases map to it). */
  public String dslName() {
    return dslName;
  }

  public ValueType result() {
    return result;
  }

  public int minArgs() {
    return minArgs;
  }

  public int maxArgs() {
    return maxArgs;
  }

  /** Kind of argument {@code i}; variadic ops repeat their last kind. */
  public Arg arg(int i) {
    return args.get(Math.min(i, args.size() - 1));
  }

  public boolean takesWindow() {
    return args.contains(Arg.WINDOW);
  }

  /** "2 args", "at least 2 args". */
  String arityText() {
    if (maxArgs == Integer.MAX_VALUE) {
      return "at least " + minArgs + " args";
    }
    return minArgs == 1 ? "1 arg" : minArgs + " args";
  }

  /**
   * Bars before t this op itself reads at t (its arguments' look-back adds on top): n−1 for rolling windows and
   * ema, n for rsi (needs n changes) and lag/pct_change, 1 for crosses.
   */
  public int lookback(int window) {
    return switch (this) {
      case SMA, EMA, STD, HIGHEST, LOWEST, ZSCORE -> window - 1;
      case RSI, LAG, PCT_CHANGE -> window;
      case CROSS_ABOVE, CROSS_BELOW -> 1;
      default -> 0;
    };
  }
}
