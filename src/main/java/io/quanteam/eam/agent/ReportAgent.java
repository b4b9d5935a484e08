package io.quanteam.eam.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quanteam.eam.dsl.DslText;
import io.quanteam.eam.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The report step's narrative (02 §11): a headline and a few sentences from the run's test figures and its gates —
 * what was traded, how it did, which gates failed and what that means. Input {@code {run_id, blueprint, figures:
 * {total_return, sharpe, max_drawdown, trade_count}, outcome: {gates_passed, failed_gate_ids}}}, the outcome as the
 * improvement agent reads it (the gates outside the holdout); a holdout-named gate in it is refused, so none can slip
 * in.
 */
public final class ReportAgent extends RulesAgent {
  public static final String SUMMARY = "report_summary.json";

  public ReportAgent() {
    super("report_agent", "1");
  }

  public static ObjectNode input(String runId, JsonNode blueprint, ObjectNode figures, ObjectNode outcome) {
    ObjectNode in = Json.object();
    in.put("run_id", runId);
    in.set("blueprint", blueprint.deepCopy());
    in.set("figures", figures);
    in.set("outcome", outcome);
    return in;
  }

  @Override
  public AgentOutput run(JsonNode input) {
    io.quanteam.eam.contract.Contracts.shared().require(input.path("blueprint"), "blueprint_v1", "blueprint");
    List<String> failed = new ArrayList<>();
    for (JsonNode g : input.path("outcome").path("failed_gate_ids")) {
      if (g.asText().toLowerCase(Locale.ROOT).contains("holdout")) {
        throw new IllegalArgumentException("the report agent reads no holdout result; its input names " + g.asText());
      }
      failed.add(g.asText());
    }
    JsonNode bp = input.path("blueprint");
    JsonNode f = input.path("figures");
    String template = bp.path("extensions").path("strategy_template").asText("the strategy");
    List<String> symbols = new ArrayList<>();
    bp.path("universe").path("symbols").forEach(s -> symbols.add(s.asText()));
    boolean pass = failed.isEmpty();
    ObjectNode doc = Json.object();
    doc.put("schema_version", "report_summary_v1");
    doc.put("run_id", input.path("run_id").asText());
    doc.put("gates_passed", pass);
    doc.put("headline", template + " on " + String.join(", ", symbols) + ": " + percent(f.path("total_return"))
        + " over the test range, " + (pass ? "every gate outside the holdout passed" : "gates failed ("
            + String.join(", ", failed) + ")"));
    ArrayNode narrative = doc.putArray("narrative");
    JsonNode spec = bp.path("strategy_spec");
    narrative.add("The strategy entered on " + DslText.of(spec, spec.path("signals").path("entry").asText())
        + " and left on " + DslText.of(spec, spec.path("signals").path("exit").asText()) + ", orders at "
        + spec.path("execution").path("order_timing").asText() + ".");
    narrative.add("Over the test range it returned " + percent(f.path("total_return")) + " with a Sharpe ratio of "
        + number(f.path("sharpe")) + " and a worst drawdown of " + percent(f.path("max_drawdown")) + ", in "
        + f.path("trade_count").asText("?") + " closed trade(s).");
    narrative.add(pass ? "It passed every gate of its suite outside the holdout; the holdout's verdict is on the run "
        + "page, and nothing of it is read here." : "It failed " + failed.size() + " gate(s): " + String.join(", ", failed) + "."
        + meaning(failed));
    ObjectNode figures = doc.putObject("figures");
    for (String k : List.of("total_return", "sharpe", "max_drawdown")) {
      if (f.path(k).isNumber()) {
        figures.put(k, f.path(k).asDouble());
      }
    }
    if (f.path("trade_count").canConvertToInt()) {
      figures.put("trade_count", f.path("trade_count").asInt());
    }
    failed.forEach(doc.putArray("failed_gate_ids")::add);
    return new AgentOutput(List.of(new AgentOutput.File(SUMMARY, "report_summary_v1", doc)));
  }

  /** What the kinds of failed gates say, one clause per kind present. */
  private static String meaning(List<String> failed) {
    StringBuilder sb = new StringBuilder();
    if (failed.stream().anyMatch(g -> g.startsWith("psr") || g.startsWith("dsr") || g.startsWith("min_trl"))) {
      sb.append(" The statistical gates say its Sharpe ratio is not yet distinguishable from luck over this many bars"
          + " and trials.");
    }
    if (failed.stream().anyMatch(g -> g.contains("delay") || g.contains("cost"))) {
      sb.append(" The robustness gates say the result depends on fills or costs it cannot count on.");
    }
    if (failed.stream().anyMatch(g -> g.contains("risk"))) {
      sb.append(" The risk gate says it broke a limit of the risk policy.");
    }
    if (failed.stream().anyMatch(g -> g.contains("lookahead") || g.contains("integrity") || g.contains("sanity")
        || g.contains("determinism"))) {
      sb.append(" An evidence gate failed: the run itself cannot be trusted until that is explained.");
    }
    return sb.toString();
  }

  private static String percent(JsonNode v) {
    return v.isNumber() ? String.format(Locale.ROOT, "%+.2f %%", v.asDouble() * 100) : "n/a";
  }

  private static String number(JsonNode v) {
    return v.isNumber() ? String.format(Locale.ROOT, "%.2f", v.asDouble()) : "n/a";
  }
}
