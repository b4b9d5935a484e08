package io.quanteam.eam.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quanteam.eam.contract.Contracts;
import io.quanteam.eam.dsl.SignalDsl;
import io.quanteam.eam.json.CanonicalJson;
import io.quanteam.eam.json.Json;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The strategy_spec step (01 §7, 02 §11): the approved blueprint draft in ({@code {blueprint_draft}}), out the final
 * blueprint (the draft, naming the draft's hash), its signal DSL, a variable dictionary (every bar field it reads,
 * every named expression, and the lagged entry and exit the engine trades on) and the calc trace plan (the test
 * segment's first days for up to two symbols, and a {@code lag_enforced} assertion on each lagged signal).
 */
public final class StrategySpecAgent extends RulesAgent {
  public static final String FINAL = "blueprint_final.json";
  public static final String DSL = "signal_dsl.json";
  public static final String DICTIONARY = "variable_dictionary.json";
  public static final String PLAN = "calc_trace_plan.json";
  private static final List<String> BAR_FIELDS = List.of("open", "high", "low", "close", "volume");
  private static final Set<String> BOOLEAN_OPS = Set.of("and", "or", "not", "gt", "ge", "lt", "le", "eq", "ne",
      "cross_above", "cross_below", "crosses_above", "crosses_below");

  public StrategySpecAgent() {
    super("strategy_spec_agent", "1");
  }

  /**
   * The input for an approved draft: {@code {blueprint_draft, context: {lag_bars}}}, the lag the compiler will use
   * (max(1, the bundle's trade_lag_bars_default, the DSL's lag_bars)), so the dictionary and the plan say what the
   * engine does.
   */
  public static ObjectNode input(JsonNode approvedDraft, int lagBars) {
    ObjectNode in = Json.object();
    in.set("blueprint_draft", approvedDraft.deepCopy());
    in.putObject("context").put("lag_bars", lagBars);
    return in;
  }

  @Override
  public AgentOutput run(JsonNode input) {
    JsonNode draft = input.path("blueprint_draft");
    Contracts.shared().require(draft, "blueprint_v1", "blueprint_draft");
    JsonNode dsl = draft.path("strategy_spec");
    SignalDsl.parse(dsl, "blueprint_draft/strategy_spec"); // names the expression a reviewer's edit broke
    ObjectNode fin = draft.deepCopy();
    ((ObjectNode) fin.with("extensions")).put("blueprint_draft_sha256", CanonicalJson.sha256(draft));
    int lag = Math.max(1, Math.max(input.path("context").path("lag_bars").asInt(1),
        dsl.path("execution").path("lag_bars").asInt(1)));
    return new AgentOutput(List.of(
        new AgentOutput.File(FINAL, "blueprint_v1", fin),
        new AgentOutput.File(DSL, "signal_dsl_v1", dsl.deepCopy()),
        new AgentOutput.File(DICTIONARY, "variable_dictionary_v1", dictionary(dsl, lag)),
        new AgentOutput.File(PLAN, "calc_trace_plan_v1", plan(draft, dsl, lag))));
  }

  private static ObjectNode dictionary(JsonNode dsl, int lag) {
    ObjectNode d = Json.object();
    d.put("schema_version", "variable_dictionary_v1");
    ArrayNode vars = d.putArray("variables");
    for (String field : fields(dsl)) {
      ObjectNode v = vars.addObject();
      v.put("var_id", field).put("kind", "field").put("dtype", field.equals("available_at") ? "datetime" : "float");
      ObjectNode source = v.putObject("source").put("dataset_id", "ohlcv_1d").put("field", field)
          .put("adjustment", "none").put("frequency", "1d");
      source.putObject("asof_rule").put("mode", "asof");
      v.putObject("alignment").put("lag_bars", 0);
      v.putObject("missing_policy").put("mode", "nan");
    }
    JsonNode expressions = dsl.path("expressions");
    for (Iterator<Map.Entry<String, JsonNode>> it = expressions.fields(); it.hasNext();) {
      Map.Entry<String, JsonNode> e = it.next();
      ObjectNode v = vars.addObject();
      v.put("var_id", e.getKey()).put("kind", "feature").put("dtype", bool(e.getValue(), expressions) ? "bool" : "float");
      v.putObject("compute").set("ast", e.getValue().deepCopy());
      v.putObject("alignment").put("lag_bars", 0);
      v.putObject("missing_policy").put("mode", "nan");
      v.put("notes", "as the DSL names it; a comparison with a missing value is false");
    }
    for (String side : List.of("entry", "exit")) {
      ObjectNode v = vars.addObject();
      v.put("var_id", side + "_lagged").put("kind", "signal").put("dtype", "bool");
      ObjectNode ast = Json.object().put("type", "op").put("op", "lag");
      ast.putArray("args").add(Json.object().put("type", "var").put("var_id", dsl.path("signals").path(side).asText()))
          .add(Json.object().put("type", "const").put("value", lag));
      v.putObject("compute").set("ast", ast);
      v.putObject("alignment").put("lag_bars", lag);
      v.putObject("missing_policy").put("mode", "false");
      v.put("notes", "the " + side + " signal " + lag + " bar(s) later: what the engine trades on");
    }
    return d;
  }

  /** The bar fields the expressions read, in the order of {@link #BAR_FIELDS}, then {@code available_at}. */
  private static List<String> fields(JsonNode dsl) {
    Set<String> used = new LinkedHashSet<>();
    collectVars(dsl.path("expressions"), used);
    List<String> fields = new ArrayList<>();
    for (String f : BAR_FIELDS) {
      if (used.contains(f) && !dsl.path("expressions").has(f)) {
        fields.add(f);
      }
    }
    if (!fields.contains("close")) {
      fields.add(0, "close"); // the trace shows the price a signal acts on, whatever the signal reads
    }
    fields.add("available_at");
    return fields;
  }

  private static void collectVars(JsonNode node, Set<String> into) {
    if (node.isObject() && "var".equals(node.path("type").asText())) {
      into.add(node.path("var_id").asText());
    }
    node.forEach(child -> collectVars(child, into));
  }

  private static boolean bool(JsonNode ast, JsonNode expressions) {
    return switch (ast.path("type").asText()) {
      case "const" -> ast.path("value").isBoolean();
      case "op" -> BOOLEAN_OPS.contains(ast.path("op").asText());
      case "var" -> expressions.has(ast.path("var_id").asText())
          && bool(expressions.get(ast.path("var_id").asText()), Json.object()); // one level: no cycles here
      default -> false;
    };
  }

  private static ObjectNode plan(JsonNode draft, JsonNode dsl, int lag) {
    ObjectNode p = Json.object();
    p.put("schema_version", "calc_trace_plan_v1");
    ObjectNode sample = p.putArray("samples").addObject();
    ArrayNode symbols = sample.putArray("symbols");
    JsonNode universe = draft.path("universe").path("symbols");
    for (int i = 0; i < Math.min(2, universe.size()); i++) {
      symbols.add(universe.get(i).asText());
    }
    JsonNode test = draft.path("evaluation_protocol").path("segments").path("test");
    sample.put("start", test.path("start").asText()).put("end", test.path("end").asText());
    sample.put("max_rows", io.quanteam.eam.report.TracePreview.DEFAULT_MAX_ROWS);
    ObjectNode step = p.putArray("steps").addObject();
    step.put("step_id", "signals").put("title", "Each signal and what it is computed from").put("type", "table");
    step.putObject("render").put("mode", "table");
    ArrayNode vars = step.putArray("variables");
    fields(dsl).forEach(vars::add);
    dsl.path("expressions").fieldNames().forEachRemaining(vars::add);
    vars.add("entry_lagged").add("exit_lagged");
    ArrayNode assertions = p.putArray("assertions");
    for (String side : List.of("entry", "exit")) {
      ObjectNode a = assertions.addObject();
      a.put("assertion_id", "lag_enforced_" + side).put("type", "lag_enforced");
      a.putArray("variables").add(side + "_lagged");
      a.put("min_lag_bars", lag);
    }
    p.putObject("extensions").put("agent_provider", "rules");
    return p;
  }
}
