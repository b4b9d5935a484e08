package io.quanteam.eam.dsl;

import io.quanteam.eam.contract.Violation;
import io.quanteam.eam.json.PythonFloats;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Second pass: the semantic rules (known ops and names, arity, types, integer windows, no cycles, boolean
 * signals). Runs on every well-formed expression and records every problem it finds.
 */
final class DslValidator {
  /** Largest window or lag accepted: far beyond any daily history, small enough that look-backs add up safely. */
  static final int MAX_WINDOW = 1_000_000;

  private final ParsedDsl dsl;
  private final String source;
  private final List<Violation> problems;
  private final Set<String> onCycle = new HashSet<>();
  private final Map<String, ValueType> types = new HashMap<>();
  private final Set<String> typing = new HashSet<>();

  private DslValidator(ParsedDsl dsl, String source, List<Violation> problems) {
    this.dsl = dsl;
    this.source = source;
    this.problems = problems;
  }

  static void validate(ParsedDsl dsl, String source, List<Violation> problems) {
    DslValidator v = new DslValidator(dsl, source, problems);
    v.findCycles();
    for (Node node : dsl.expressions().values()) {
      v.check(node);
    }
    if (dsl.json().path("signals").isObject()) {
      v.checkSignal("entry", dsl.entry());
      v.checkSignal("exit", dsl.exit());
    }
  }

  /** Window or lag value of a validated WINDOW argument. */
  static int window(Node node, Map<String, Double> params) {
    if (node instanceof Const c) {
      return (int) c.number();
    }
    if (node instanceof Param p) {
      return (int) params.get(p.paramId()).doubleValue();
    }
    throw new IllegalStateException("not a window node: " + node.pointer());
  }

  private void findCycles() {
    Map<String, Integer> state = new HashMap<>();
    Set<String> reported = new HashSet<>();
    for (String name : dsl.expressions().keySet()) {
      visit(name, new ArrayList<>(), state, reported);
    }
  }

  /** Depth-first over var references; a reference back into the current path closes a cycle. */
  private void visit(String name, List<String> path, Map<String, Integer> state, Set<String> reported) {
    state.put(name, 1);
    path.add(name);
    List<Var> refs = new ArrayList<>();
    collectRefs(dsl.expressions().get(name), refs);
    for (Var ref : refs) {
      String target = ref.varId();
      int s = state.getOrDefault(target, 0);
      if (s == 1) {
        List<String> cycle = new ArrayList<>(path.subList(path.indexOf(target), path.size()));
        onCycle.addAll(cycle);
        if (reported.add(rotationKey(cycle))) {
          cycle.add(target);
          problem(ref.pointer(), "cycle", "expressions refer to each other in a cycle: "
              + String.join(" -> ", cycle), target);
        }
      } else if (s == 0) {
        visit(target, path, state, reported);
      }
    }
    path.remove(path.size() - 1);
    state.put(name, 2);
  }

  private static String rotationKey(List<String> cycle) {
    int start = cycle.indexOf(cycle.stream().min(String::compareTo).orElseThrow());
    List<String> rotated = new ArrayList<>(cycle.subList(start, cycle.size()));
    rotated.addAll(cycle.subList(0, start));
    return String.join("\u0000", rotated);
  }

  private void collectRefs(Node node, List<Var> refs) {
    if (node instanceof Var v && !v.isBarField() && dsl.expressions().containsKey(v.varId())) {
      refs.add(v);
    } else if (node instanceof Op op) {
      op.args().forEach(a -> collectRefs(a, refs));
    }
  }

  /** The type a named expression produces, or null when unknown (malformed, on a cycle). */
  private ValueType typeOf(String name) {
    Node node = dsl.expressions().get(name);
    if (node == null || onCycle.contains(name) || !typing.add(name)) {
      return null;
    }
    ValueType t = types.computeIfAbsent(name, k -> infer(node));
    typing.remove(name);
    return t;
  }

  private ValueType infer(Node node) {
    if (node instanceof Const c) {
      return c.type();
    }
    if (node instanceof Var v) {
      return v.isBarField() ? ValueType.NUMBER : typeOf(v.varId());
    }
    if (node instanceof Op op) {
      return op.code() == null ? null : op.code().result();
    }
    return ValueType.NUMBER;
  }

  /** Checks a node and its children; returns its type, or null when unknown (already reported). */
  private ValueType check(Node node) {
    if (node instanceof Const c) {
      return c.type();
    }
    if (node instanceof Param p) {
      if (!declared(p.paramId())) {
        unknownParam(p);
      }
      return ValueType.NUMBER;
    }
    if (node instanceof Var v) {
      if (v.isBarField()) {
        return ValueType.NUMBER;
      }
      if (!dsl.hasExpression(v.varId())) {
        problem(v.pointer(), "unknown_var", "var_id must be a bar field " + Var.BAR_FIELDS
            + " or an expression name " + allNames(), v.varId());
        return null;
      }
      return typeOf(v.varId());
    }
    return checkOp((Op) node);
  }

  private ValueType checkOp(Op op) {
    OpCode code = op.code();
    if (code == null) {
      problem(op.pointer(), "unknown_op", "known ops: " + Arrays.stream(OpCode.values())
          .map(OpCode::dslName).collect(Collectors.joining(", ")), op.name());
      op.args().forEach(this::check);
      return null;
    }
    int n = op.args().size();
    if (n < code.minArgs() || n > code.maxArgs()) {
      problem(op.pointer(), "arity", op.name() + " takes " + code.arityText() + ", got " + n, op.name());
      op.args().forEach(this::check);
      return code.result();
    }
    for (int i = 0; i < n; i++) {
      Node arg = op.args().get(i);
      OpCode.Arg kind = code.arg(i);
      if (kind == OpCode.Arg.WINDOW) {
        checkWindow(op, arg);
        continue;
      }
      ValueType expected = kind == OpCode.Arg.NUMBER ? ValueType.NUMBER : ValueType.BOOLEAN;
      ValueType actual = check(arg);
      if (actual != null && actual != expected) {
        problem(arg.pointer(), "type", "argument " + i + " of " + op.name() + " must be a " + expected.word()
            + ", got a " + actual.word(), describe(arg));
      }
    }
    return code.result();
  }

  private void checkWindow(Op op, Node arg) {
    String what = "the window of " + op.name() + " must be an integer from 1 to " + MAX_WINDOW;
    if (arg instanceof Const c) {
      if (c.type() != ValueType.NUMBER || !isWindow(c.number())) {
        problem(c.pointer(), "window_not_integer", what, describe(c));
      }
    } else if (arg instanceof Param p) {
      Double value = dsl.params().get(p.paramId());
      if (!declared(p.paramId())) {
        unknownParam(p);
      } else if (value != null && !isWindow(value)) {
        problem(p.pointer(), "window_not_integer", what + " (param " + p.paramId() + ")", number(value));
      }
    } else {
      problem(arg.pointer(), "window_not_integer", what + ", given as a const or a param", describe(arg));
    }
  }

  private static boolean isWindow(double v) {
    return v >= 1 && v <= MAX_WINDOW && v == Math.rint(v);
  }

  private void checkSignal(String which, String name) {
    String pointer = "/signals/" + which;
    if (name == null) {
      problem(pointer, "missing_signal", "signals." + which + " must name an expression " + allNames(), null);
    } else if (!dsl.hasExpression(name)) {
      problem(pointer, "missing_signal", "signals." + which + " names no expression; expressions are "
          + allNames(), name);
    } else if (typeOf(name) == ValueType.NUMBER) {
      problem(pointer, "type", "signals." + which + " must name a boolean expression; \"" + name
          + "\" is a number", name);
    }
  }

  private boolean declared(String paramId) {
    return dsl.json().path("params").has(paramId);
  }

  private List<String> allNames() {
    List<String> names = new ArrayList<>(dsl.expressions().keySet());
    names.addAll(dsl.damaged());
    names.sort(String::compareTo);
    return names;
  }

  private static String describe(Node node) {
    if (node instanceof Const c) {
      return c.type() == ValueType.NUMBER ? number(c.number()) : Boolean.toString(c.bool());
    }
    if (node instanceof Param p) {
      return "param " + p.paramId();
    }
    if (node instanceof Var v) {
      return "var " + v.varId();
    }
    return "op " + ((Op) node).name();
  }

  private static String number(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : PythonFloats.repr(v);
  }

  private void unknownParam(Param p) {
    problem(p.pointer(), "unknown_param", "no param named \"" + p.paramId() + "\" in params "
        + new TreeSet<>(fieldNames()), p.paramId());
  }

  private List<String> fieldNames() {
    List<String> names = new ArrayList<>();
    dsl.json().path("params").fieldNames().forEachRemaining(names::add);
    return names;
  }

  private void problem(String pointer, String rule, String message, String value) {
    problems.add(new Violation(source, pointer, rule, message, value));
  }
}
