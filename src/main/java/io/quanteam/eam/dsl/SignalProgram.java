package io.quanteam.eam.dsl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quanteam.eam.contract.InvalidInputException;
import io.quanteam.eam.contract.Violation;
import io.quanteam.eam.data.SymbolBars;
import io.quanteam.eam.json.CanonicalJson;
import io.quanteam.eam.json.Json;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A validated signal DSL document, compiled once and evaluated per symbol. Immutable; {@link #evaluate} is
 * safe to call from several threads.
 */
public final class SignalProgram {
  private final String source;
  private final ObjectNode json;
  private final Map<String, Double> params;
  private final Map<String, Node> expressions;
  private final String entry;
  private final String exit;
  private final String orderTiming;
  private final Set<String> barFields;
  private final int warmupBars;
  private final String fingerprint;
  private final EvalPlan plan;

  private SignalProgram(ParsedDsl dsl, String source) {
    this.source = source;
    this.params = Collections.unmodifiableMap(new TreeMap<>(dsl.params()));
    this.expressions = Collections.unmodifiableMap(new TreeMap<>(dsl.expressions()));
    this.entry = dsl.entry();
    this.exit = dsl.exit();
    this.orderTiming = dsl.orderTiming();
    this.json = normalised(dsl.json(), params);
    this.fingerprint = CanonicalJson.sha256(json);
    Set<String> fields = new TreeSet<>();
    expressions.values().forEach(node -> collectFields(node, fields));
    this.barFields = Collections.unmodifiableSet(fields);
    Map<String, Integer> lookbacks = new HashMap<>();
    this.warmupBars = Math.max(lookback(expressions.get(entry), lookbacks), lookback(expressions.get(exit),
        lookbacks));
    this.plan = PlanCompiler.compile(expressions, params, entry, exit);
  }

  static SignalProgram of(ParsedDsl dsl, String source) {
    return new SignalProgram(dsl, source);
  }

  /**
   * Out[t] = signal[t − lag], false for t < lag: the lagged signal the engine trades on (spec 02 §5).
   *
   * @throws IllegalArgumentException if {@code lag < 1} (a signal may never act on its own bar)
   */
  public static boolean[] lag(boolean[] signal, int lag) {
    if (lag < 1) {
      throw new IllegalArgumentException("signal lag must be at least 1 bar, got " + lag);
    }
    boolean[] out = new boolean[signal.length];
    if (lag < signal.length) {
      System.arraycopy(signal, 0, out, lag, signal.length - lag);
    }
    return out;
  }

  /** Evaluates every named expression over all of {@code bars} (warm-up history included). */
  public SignalValues evaluate(SymbolBars bars) {
    return plan.run(bars);
  }

  /**
   * The same program with some params replaced, validated again (a window param must stay an integer ≥ 1).
   *
   * @throws InvalidInputException naming {@code /params/<id>} for an override of an undeclared param, a
   *                               non-finite value, or any rule the new values break
   */
  public SignalProgram withParams(Map<String, Double> overrides) {
    if (overrides.isEmpty()) {
      return this;
    }
    List<Violation> problems = new ArrayList<>();
    ObjectNode copy = json.deepCopy();
    ObjectNode newParams = copy.has("params") ? (ObjectNode) copy.get("params") : Json.object();
    new TreeMap<>(overrides).forEach((id, value) -> {
      String pointer = Pointers.child("/params", id);
      if (!params.containsKey(id)) {
        problems.add(new Violation(source, pointer, "unknown_param", "override of a param the DSL does not "
            + "declare; declared: " + params.keySet(), id));
      } else if (value == null || !Double.isFinite(value)) {
        problems.add(new Violation(source, pointer, "bad_param", "a param value must be a finite number",
            String.valueOf(value)));
      } else {
        newParams.set(id, number(value));
      }
    });
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    return SignalDsl.parse(copy, source);
  }

  public String entryName() {
    return entry;
  }

  public String exitName() {
    return exit;
  }

  /** {@code execution.order_timing}: {@code next_open} or {@code close}. */
  public String orderTiming() {
    return orderTiming;
  }

  /** Effective params, sorted by id. */
  public Map<String, Double> params() {
    return params;
  }

  public List<String> expressionNames() {
    return List.copyOf(expressions.keySet());
  }

  /** The expression tree of a name, for callers that render or inspect it. */
  public Node expression(String name) {
    Node node = expressions.get(name);
    if (node == null) {
      throw new IllegalArgumentException("no expression named " + name);
    }
    return node;
  }

  /** Bar fields read by any expression, sorted. */
  public Set<String> barFieldsUsed() {
    return barFields;
  }

  /**
   * Bars of history the entry/exit signals need before their first possible true value: the largest total
   * look-back (nested look-backs add up), e.g. {@code sma(close,30)} → 29, {@code cross_above(sma10, sma30)}
   * → 30.
   */
  public int warmupBars() {
    return warmupBars;
  }

  /** sha256 of the canonical compact text of {@link #toJson()}. */
  public String fingerprint() {
    return fingerprint;
  }

  /** The document as given with {@code params} set to the effective values (integral values as integers). */
  public JsonNode toJson() {
    return json.deepCopy();
  }

  private static ObjectNode normalised(ObjectNode doc, Map<String, Double> params) {
    ObjectNode copy = doc.deepCopy();
    if (copy.has("params")) {
      ObjectNode p = Json.object();
      params.forEach((id, v) -> p.set(id, number(v)));
      copy.set("params", p);
    }
    return copy;
  }

  private static JsonNode number(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Json.MAPPER.getNodeFactory().numberNode((long) v)
        : Json.MAPPER.getNodeFactory().numberNode(v);
  }

  private static void collectFields(Node node, Set<String> fields) {
    if (node instanceof Var v && v.isBarField()) {
      fields.add(v.varId());
    } else if (node instanceof Op op) {
      op.args().forEach(a -> collectFields(a, fields));
    }
  }

  private int lookback(Node node, Map<String, Integer> byName) {
    if (node instanceof Var v && !v.isBarField()) {
      Integer known = byName.get(v.varId());
      if (known == null) {
        known = lookback(expressions.get(v.varId()), byName);
        byName.put(v.varId(), known);
      }
      return known;
    }
    if (!(node instanceof Op op)) {
      return 0;
    }
    int window = 0;
    int inner = 0;
    for (int i = 0; i < op.args().size(); i++) {
      Node arg = op.args().get(i);
      if (op.code().arg(i) == OpCode.Arg.WINDOW) {
        window = DslValidator.window(arg, params);
      } else {
        inner = Math.max(inner, lookback(arg, byName));
      }
    }
    return inner + op.code().lookback(window);
  }
}
