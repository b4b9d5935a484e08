package io.quanteam.eam.dsl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Set;

/**
 * A blueprint's signal as people write it: {@code cross_above(sma(close, 10), sma(close, 30))} — named
 * expressions inlined where a variable refers to one, parameters replaced by their values. For review pages; the
 * strategy's meaning is the JSON tree, this is only how it reads.
 */
public final class DslText {
  private static final int MAX_DEPTH = 64;

  private final JsonNode expressions;
  private final JsonNode params;

  private DslText(JsonNode strategySpec) {
    this.expressions = strategySpec.path("expressions");
    this.params = strategySpec.path("params");
  }

  /** The text of the expression {@code name} of {@code strategySpec} (a blueprint's {@code strategy_spec}). */
  public static String of(JsonNode strategySpec, String name) {
    DslText t = new DslText(strategySpec);
    return t.text(t.expressions.path(name), new HashSet<>(Set.of(name)), 0);
  }

  private String text(JsonNode node, Set<String> inlining, int depth) {
    if (depth > MAX_DEPTH || node == null || node.isMissingNode()) {
      return "…";
    }
    switch (node.path("type").asText("")) {
      case "const":
        return node.path("value").asText();
      case "param": {
        String id = node.path("param_id").asText();
        JsonNode v = params.get(id);
        return v == null ? id : v.asText();
      }
      case "var": {
        String id = node.path("var_id").asText();
        if (expressions.has(id) && inlining.add(id)) {
          String inner = text(expressions.get(id), inlining, depth + 1);
          inlining.remove(id);
          return inner;
        }
        return id;
      }
      case "op": {
        StringBuilder sb = new StringBuilder(node.path("op").asText()).append('(');
        JsonNode args = node.path("args");
        for (int i = 0; i < args.size(); i++) {
          sb.append(i == 0 ? "" : ", ").append(text(args.get(i), inlining, depth + 1));
        }
        return sb.append(')').toString();
      }
      default:
        return "…";
    }
  }
}
