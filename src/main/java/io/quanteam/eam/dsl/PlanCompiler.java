package io.quanteam.eam.dsl;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Compiles validated expression trees into an {@link EvalPlan}. Identical sub-expressions (same op, same
 * argument slots, same window) share one slot, so {@code sma(close,10)} written twice is computed once.
 */
final class PlanCompiler {
  private record Slot(boolean bool, int index) {
    String ref() {
      return (bool ? "b" : "n") + index;
    }
  }

  private final Map<String, Node> expressions;
  private final Map<String, Double> params;
  private final Map<String, Slot> byKey = new HashMap<>();
  private final Map<String, Slot> byName = new HashMap<>();
  private final List<EvalPlan.Step> steps = new ArrayList<>();
  private final int[] fieldSlots = new int[Var.BAR_FIELDS.size()];
  private int numSlots;
  private int boolSlots;

  private PlanCompiler(Map<String, Node> expressions, Map<String, Double> params) {
    this.expressions = expressions;
    this.params = params;
    Arrays.fill(fieldSlots, -1);
  }

  /** Plan computing every named expression; {@code entry}/{@code exit} name boolean expressions. */
  static EvalPlan compile(Map<String, Node> expressions, Map<String, Double> params, String entry, String exit) {
    PlanCompiler c = new PlanCompiler(expressions, params);
    List<String> names = new ArrayList<>(expressions.keySet());
    names.sort(String::compareTo);
    boolean[] namedBool = new boolean[names.size()];
    int[] namedSlots = new int[names.size()];
    for (int i = 0; i < names.size(); i++) {
      Slot s = c.named(names.get(i));
      namedBool[i] = s.bool();
      namedSlots[i] = s.index();
    }
    return new EvalPlan(c.numSlots, c.boolSlots, c.fieldSlots, c.steps.toArray(EvalPlan.Step[]::new),
        names.toArray(String[]::new), namedBool, namedSlots, c.named(entry).index(), c.named(exit).index());
  }

  private Slot named(String name) {
    Slot s = byName.get(name);
    if (s == null) {
      s = node(expressions.get(name));
      byName.put(name, s);
    }
    return s;
  }

  private Slot node(Node node) {
    if (node instanceof Const c) {
      return c.type() == ValueType.BOOLEAN ? boolConst(c.bool()) : numConst(c.number());
    }
    if (node instanceof Param p) {
      return numConst(params.get(p.paramId()));
    }
    if (node instanceof Var v) {
      return v.isBarField() ? field(Var.BAR_FIELDS.indexOf(v.varId())) : named(v.varId());
    }
    return op((Op) node);
  }

  private Slot field(int f) {
    if (fieldSlots[f] < 0) {
      fieldSlots[f] = numSlots++;
    }
    return new Slot(false, fieldSlots[f]);
  }

  private Slot numConst(double value) {
    String key = "c" + value;
    Slot s = byKey.get(key);
    if (s == null) {
      s = newSlot(key, false);
      int out = s.index();
      steps.add((num, bool, n) -> num[out] = ElementwiseKernels.fill(n, value));
    }
    return s;
  }

  private Slot boolConst(boolean value) {
    String key = "c" + value;
    Slot s = byKey.get(key);
    if (s == null) {
      s = newSlot(key, true);
      int out = s.index();
      steps.add((num, bool, n) -> bool[out] = ElementwiseKernels.fill(n, value));
    }
    return s;
  }

  private Slot op(Op op) {
    OpCode code = op.code();
    int[] in = new int[op.args().size()];
    int window = 0;
    StringJoiner key = new StringJoiner(",", code.name() + "(", ")");
    for (int i = 0; i < in.length; i++) {
      Node arg = op.args().get(i);
      if (code.arg(i) == OpCode.Arg.WINDOW) {
        window = DslValidator.window(arg, params);
        key.add(Integer.toString(window));
      } else {
        Slot s = node(arg);
        in[i] = s.index();
        key.add(s.ref());
      }
    }
    Slot existing = byKey.get(key.toString());
    if (existing != null) {
      return existing;
    }
    Slot s = newSlot(key.toString(), code.result() == ValueType.BOOLEAN);
    steps.add(step(code, s.index(), in, window));
    return s;
  }

  private static EvalPlan.Step step(OpCode code, int out, int[] in, int w) {
    int a = in[0];
    int b = in.length > 1 ? in[1] : -1;
    return switch (code) {
      case AND -> (num, bool, n) -> bool[out] = ElementwiseKernels.and(gather(bool, in));
      case OR -> (num, bool, n) -> bool[out] = ElementwiseKernels.or(gather(bool, in));
      case NOT -> (num, bool, n) -> bool[out] = ElementwiseKernels.not(bool[a]);
      case GT, GE, LT, LE, EQ, NE -> (num, bool, n) -> bool[out] = ElementwiseKernels.compare(code, num[a], num[b]);
      case ADD, SUB, MUL, DIV, MIN, MAX -> (num, bool, n) -> num[out] = ElementwiseKernels.binary(code, num[a], num[b]);
      case NEG, ABS -> (num, bool, n) -> num[out] = ElementwiseKernels.unary(code, num[a]);
      case LAG -> (num, bool, n) -> num[out] = SeriesKernels.lag(num[a], w);
      case PCT_CHANGE -> (num, bool, n) -> num[out] = SeriesKernels.pctChange(num[a], w);
      case SMA -> (num, bool, n) -> num[out] = WindowKernels.sma(num[a], w);
      case EMA -> (num, bool, n) -> num[out] = SeriesKernels.ema(num[a], w);
      case RSI -> (num, bool, n) -> num[out] = SeriesKernels.rsi(num[a], w);
      case STD -> (num, bool, n) -> num[out] = WindowKernels.std(num[a], w);
      case HIGHEST -> (num, bool, n) -> num[out] = WindowKernels.highest(num[a], w);
      case LOWEST -> (num, bool, n) -> num[out] = WindowKernels.lowest(num[a], w);
      case ZSCORE -> (num, bool, n) -> num[out] = WindowKernels.zscore(num[a], w);
      case CROSS_ABOVE -> (num, bool, n) -> bool[out] = SeriesKernels.crossAbove(num[a], num[b]);
      case CROSS_BELOW -> (num, bool, n) -> bool[out] = SeriesKernels.crossBelow(num[a], num[b]);
    };
  }

  private static boolean[][] gather(boolean[][] bool, int[] in) {
    boolean[][] args = new boolean[in.length][];
    for (int i = 0; i < in.length; i++) {
      args[i] = bool[in[i]];
    }
    return args;
  }

  private Slot newSlot(String key, boolean bool) {
    Slot s = new Slot(bool, bool ? boolSlots++ : numSlots++);
    byKey.put(key, s);
    return s;
  }
}
