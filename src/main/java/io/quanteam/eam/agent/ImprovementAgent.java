package io.quanteam.eam.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quanteam.eam.contract.Contracts;
import io.quanteam.eam.contract.InvalidInputException;
import io.quanteam.eam.dsl.SignalDsl;
import io.quanteam.eam.dsl.SignalProgram;
import io.quanteam.eam.json.CanonicalJson;
import io.quanteam.eam.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The improvement step (02 §11): deterministic neighbours of the approved parameters — each parameter 25 % down,
 * then 25 % up, rounded to a whole number, one parameter at a time, in the DSL's parameter order —, repeats and
 * the unchanged dropped, and so is any the DSL refuses (a window under 1 bar) or its template calls invalid (a fast
 * average not shorter than the slow one); at most {@code max_proposals} of them, each a complete blueprint. Input
 * {@code {blueprint, base_job_id, base_run_id, budget: {budget_policy_id, max_proposals}, outcome: {gates_passed,
 * failed_gate_ids}}} — the run's outcome without any holdout result.
 */
public final class ImprovementAgent extends RulesAgent {
  public static final String PROPOSALS = "improvement_proposals.json";
  /** How far each neighbour moves a parameter. */
  static final double STEP = 0.25;

  public ImprovementAgent() {
    super("improvement_agent", "1");
  }

  public static ObjectNode input(JsonNode blueprint, String baseJobId, String baseRunId, String budgetPolicyId,
      int maxProposals, ObjectNode outcome) {
    ObjectNode in = Json.object();
    in.set("blueprint", blueprint.deepCopy());
    in.put("base_job_id", baseJobId);
    in.put("base_run_id", baseRunId);
    in.putObject("budget").put("budget_policy_id", budgetPolicyId).put("max_proposals", maxProposals);
    in.set("outcome", outcome);
    return in;
  }

  @Override
  public AgentOutput run(JsonNode input) {
    JsonNode blueprint = input.path("blueprint");
    Contracts.shared().require(blueprint, "blueprint_v1", "blueprint");
    SignalProgram program = SignalDsl.parse(blueprint.path("strategy_spec"), "blueprint/strategy_spec");
    Optional<StrategyTemplate> template = StrategyTemplate.byId(
        blueprint.path("extensions").path("strategy_template").asText(""));
    int max = input.path("budget").path("max_proposals").asInt(0);
    String baseJob = input.path("base_job_id").asText();
    String baseRun = input.path("base_run_id").asText();
    Map<String, Double> base = program.params();
    ArrayNode proposals = Json.MAPPER.createArrayNode();
    Set<Map<String, Double>> seen = new LinkedHashSet<>();
    seen.add(base);
    for (String param : new ArrayList<>(base.keySet())) {
      for (double factor : new double[] {1 - STEP, 1 + STEP}) {
        if (proposals.size() >= max) {
          break;
        }
        double value = Math.rint(base.get(param) * factor);
        Map<String, Double> params = new LinkedHashMap<>(base);
        params.put(param, value);
        if (!seen.add(params) || !valid(program, template, param, value, params)) {
          continue;
        }
        proposals.add(proposal(blueprint, baseJob, baseRun, param, base.get(param), value, params, input));
      }
    }
    ObjectNode doc = Json.object();
    doc.put("schema_version", "improvement_proposals_v1");
    doc.put("base_job_id", baseJob);
    doc.put("base_run_id", baseRun);
    doc.put("budget_policy_id", input.path("budget").path("budget_policy_id").asText());
    doc.set("proposals", proposals);
    doc.putObject("extensions").put("max_proposals", max).put("agent_provider", "rules")
        .put("gates_passed", input.path("outcome").path("gates_passed").asBoolean());
    return new AgentOutput(List.of(new AgentOutput.File(PROPOSALS, "improvement_proposals_v1", doc)));
  }

  private static boolean valid(SignalProgram program, Optional<StrategyTemplate> template, String param, double value,
      Map<String, Double> params) {
    try {
      program.withParams(Map.of(param, value));
    } catch (InvalidInputException e) {
      return false; // a window the DSL refuses
    }
    return template.map(t -> t.valid(params)).orElse(true);
  }

  private static ObjectNode proposal(JsonNode blueprint, String baseJob, String baseRun, String param, double from,
      double to, Map<String, Double> params, JsonNode input) {
    ObjectNode numbers = Json.object();
    params.forEach((k, v) -> putNumber(numbers, k, v));
    String id = "p_" + CanonicalJson.sha256(numbers).substring(0, 8);
    ObjectNode bp = blueprint.deepCopy();
    bp.put("blueprint_id", (blueprint.path("blueprint_id").asText() + "__" + id));
    ObjectNode spec = (ObjectNode) bp.get("strategy_spec");
    spec.set("params", numbers.deepCopy());
    ObjectNode ext = bp.has("extensions") ? (ObjectNode) bp.get("extensions") : bp.putObject("extensions");
    ObjectNode p = ext.putObject("proposal");
    p.put("base_job_id", baseJob).put("base_run_id", baseRun).put("proposal_id", id);
    ObjectNode change = p.putObject("changed").putObject(param);
    putNumber(change, "from", from);
    putNumber(change, "to", to);
    ObjectNode out = Json.object();
    out.put("proposal_id", id);
    out.put("title", param + " " + plain(from) + " → " + plain(to));
    out.put("rationale", "a neighbour of the approved parameters (" + param + " " + (to < from ? "−" : "+")
        + Math.round(STEP * 100) + " %, rounded): does the result hold when " + param + " moves? The run it comes "
        + "from " + (input.path("outcome").path("gates_passed").asBoolean()
            ? "passed its gates outside the holdout" : "failed " + String.join(", ", texts(input.path("outcome")
                .path("failed_gate_ids")))));
    ArrayNode refs = out.putArray("rationale_refs");
    refs.add("blueprint_final.json:/strategy_spec/params/" + param);
    refs.add("gate_results.json:/results");
    out.set("params", numbers);
    out.set("blueprint", bp);
    return out;
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  private static void putNumber(ObjectNode o, String key, double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      o.put(key, (long) v);
    } else {
      o.put(key, v);
    }
  }

  private static String plain(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }
}
