package io.quanteam.eam.dsl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quanteam.eam.contract.Violation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** First pass over a DSL document: its shape (required members, node forms), collecting every problem. */
final class DslReader {
  static final String VERSION = "signal_dsl_v1";
  static final List<String> ORDER_TIMINGS = List.of("next_open", "close");

  private final String source;
  private final List<Violation> problems;

  private DslReader(String source, List<Violation> problems) {
    this.source = source;
    this.problems = problems;
  }

  /** The parsed document, or null if it is not even a JSON object (the problem is recorded). */
  static ParsedDsl read(JsonNode doc, String source, List<Violation> problems) {
    return new DslReader(source, problems).read(doc);
  }

  private ParsedDsl read(JsonNode doc) {
    if (doc == null || !doc.isObject()) {
      problem("", "malformed", "a signal DSL document must be a JSON object", doc);
      return null;
    }
    JsonNode version = doc.get("dsl_version");
    if (version == null || !VERSION.equals(version.asText(null))) {
      problem("/dsl_version", "bad_version", "dsl_version must be \"" + VERSION + "\"", version);
    }
    Map<String, Double> params = readParams(doc.get("params"));
    Map<String, Node> expressions = new LinkedHashMap<>();
    Set<String> damaged = new LinkedHashSet<>();
    JsonNode exprs = doc.get("expressions");
    if (exprs == null || !exprs.isObject()) {
      problem("/expressions", exprs == null ? "required" : "malformed",
          "expressions must be an object of name → expression", exprs);
    } else {
      for (Map.Entry<String, JsonNode> e : exprs.properties()) {
        String pointer = Pointers.child("/expressions", e.getKey());
        if (Var.BAR_FIELDS.contains(e.getKey())) {
          problem(pointer, "reserved_name", "an expression may not be named like a bar field "
              + Var.BAR_FIELDS, e.getKey());
        }
        int before = problems.size();
        Node node = readNode(e.getValue(), pointer);
        if (problems.size() == before) {
          expressions.put(e.getKey(), node);
        } else {
          damaged.add(e.getKey());
        }
      }
    }
    JsonNode signals = doc.get("signals");
    if (signals == null || !signals.isObject()) {
      problem("/signals", signals == null ? "required" : "malformed",
          "signals must be an object {entry: name, exit: name}", signals);
      signals = null;
    }
    String orderTiming = readExecution(doc.get("execution"));
    return new ParsedDsl((ObjectNode) doc, params, expressions, damaged, signalName(signals, "entry"),
        signalName(signals, "exit"), orderTiming);
  }

  private Map<String, Double> readParams(JsonNode params) {
    Map<String, Double> out = new LinkedHashMap<>();
    if (params == null) {
      return out;
    }
    if (!params.isObject()) {
      problem("/params", "malformed", "params must be an object of param_id → number", params);
      return out;
    }
    for (Map.Entry<String, JsonNode> e : params.properties()) {
      JsonNode v = e.getValue();
      if (!v.isNumber() || !Double.isFinite(v.doubleValue())) {
        problem(Pointers.child("/params", e.getKey()), "bad_param", "a param value must be a finite number", v);
      } else {
        out.put(e.getKey(), v.doubleValue());
      }
    }
    return out;
  }

  private String readExecution(JsonNode execution) {
    if (execution == null || !execution.isObject()) {
      problem("/execution", execution == null ? "required" : "malformed",
          "execution must be an object {order_timing, cost_model: {ref_policy: true}}", execution);
      return null;
    }
    String orderTiming = null;
    JsonNode timing = execution.get("order_timing");
    if (timing != null && timing.isTextual() && ORDER_TIMINGS.contains(timing.textValue())) {
      orderTiming = timing.textValue();
    } else {
      problem("/execution/order_timing", timing == null ? "required" : "order_timing",
          "order_timing must be one of " + ORDER_TIMINGS, timing);
    }
    JsonNode refPolicy = execution.path("cost_model").get("ref_policy");
    if (refPolicy == null || !refPolicy.isBoolean() || !refPolicy.booleanValue()) {
      problem("/execution/cost_model/ref_policy", "ref_policy",
          "cost_model.ref_policy must be true: costs come from the policy bundle, never from the DSL", refPolicy);
    }
    return orderTiming;
  }

  private String signalName(JsonNode signals, String which) {
    if (signals == null) {
      return null;
    }
    JsonNode v = signals.get(which);
    return v != null && v.isTextual() ? v.textValue() : null;
  }

  /** Reads one AST node; malformed parts are recorded and the returned tree is then not used. */
  private Node readNode(JsonNode json, String pointer) {
    if (json == null || !json.isObject()) {
      problem(pointer, "malformed", "an expression node must be an object with a type", json);
      return null;
    }
    String type = json.path("type").asText("");
    switch (type) {
      case "const" -> {
        JsonNode value = json.get("value");
        if (value != null && value.isBoolean()) {
          return Const.ofBoolean(pointer, value.booleanValue());
        }
        if (value != null && value.isNumber() && Double.isFinite(value.doubleValue())) {
          return Const.ofNumber(pointer, value.doubleValue());
        }
        problem(Pointers.child(pointer, "value"), "malformed", "a const value must be a finite number or a boolean",
            value);
        return null;
      }
      case "param" -> {
        String id = text(json, "param_id", pointer);
        return id == null ? null : new Param(pointer, id);
      }
      case "var" -> {
        String id = text(json, "var_id", pointer);
        return id == null ? null : new Var(pointer, id);
      }
      case "op" -> {
        String name = text(json, "op", pointer);
        JsonNode args = json.get("args");
        List<Node> nodes = new ArrayList<>();
        if (args == null || !args.isArray()) {
          problem(Pointers.child(pointer, "args"), "malformed", "an op needs an args array", args);
        } else {
          for (int i = 0; i < args.size(); i++) {
            nodes.add(readNode(args.get(i), Pointers.child(Pointers.child(pointer, "args"), i)));
          }
        }
        if (name == null || nodes.contains(null)) {
          return null;
        }
        return new Op(pointer, name, OpCode.byName(name).orElse(null), nodes);
      }
      default -> {
        problem(Pointers.child(pointer, "type"), "malformed", "type must be one of const, param, var, op",
            json.get("type"));
        return null;
      }
    }
  }

  private String text(JsonNode json, String field, String pointer) {
    JsonNode v = json.get(field);
    if (v == null || !v.isTextual() || v.textValue().isEmpty()) {
      problem(Pointers.child(pointer, field), "malformed", field + " must be a non-empty string", v);
      return null;
    }
    return v.textValue();
  }

  private void problem(String pointer, String rule, String message, JsonNode value) {
    problems.add(new Violation(source, pointer, rule, message, value == null ? null : value.toString()));
  }

  private void problem(String pointer, String rule, String message, String value) {
    problems.add(new Violation(source, pointer, rule, message, value));
  }
}
