package io.quanteam.eam.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quanteam.eam.contract.Contracts;
import io.quanteam.eam.contract.InvalidInputException;
import io.quanteam.eam.contract.Violation;
import io.quanteam.eam.json.CanonicalJson;
import io.quanteam.eam.json.Json;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The intent step (01 §7, 02 §11): an idea and its context ({@link IntentContext}) in, a blueprint draft out —
 * the template the idea picks ({@link TemplateChoice}, with its rationale in {@code extensions.rationale}), the
 * idea's symbols, and segments split from its dates. Input {@code {idea_spec, context}}.
 */
public final class IntentAgent extends RulesAgent {
  public static final String DRAFT = "blueprint_draft.json";
  private static final String SOURCE = "idea";

  public IntentAgent() {
    super("intent_agent", "1");
  }

  /** The agent's input for an idea. */
  public static ObjectNode input(JsonNode ideaSpec, IntentContext context) {
    ObjectNode in = Json.object();
    in.set("idea_spec", ideaSpec.deepCopy());
    in.set("context", context.toJson());
    return in;
  }

  @Override
  public AgentOutput run(JsonNode input) {
    JsonNode idea = input.path("idea_spec");
    Contracts.shared().require(idea, "idea_spec_v1", SOURCE);
    IntentContext context = IntentContext.of(input.path("context"));
    List<Violation> problems = new ArrayList<>();
    JsonNode symbols = idea.path("symbols");
    for (int i = 0; i < symbols.size(); i++) {
      if (!context.symbols().contains(symbols.get(i).asText())) {
        problems.add(new Violation(SOURCE, "/symbols/" + i, "unknown_symbol", "snapshot " + context.snapshotId()
            + " has no symbol " + symbols.get(i).asText() + " (it has " + context.symbols() + ")",
            symbols.get(i).asText()));
      }
    }
    LocalDate start = LocalDate.parse(idea.path("start").asText());
    LocalDate end = LocalDate.parse(idea.path("end").asText());
    EvaluationSplit split = null;
    if (end.isBefore(context.firstDate()) || start.isAfter(context.lastDate())) {
      problems.add(new Violation(SOURCE, "/start", "date_range", "from " + start + " to " + end + " has no day of "
          + "snapshot " + context.snapshotId() + " (" + context.firstDate() + " to " + context.lastDate() + ")",
          start.toString()));
    } else {
      // the segments stay inside the data: a holdout past the snapshot's last bar could never be run
      LocalDate from = start.isBefore(context.firstDate()) ? context.firstDate() : start;
      LocalDate to = end.isAfter(context.lastDate()) ? context.lastDate() : end;
      try {
        split = EvaluationSplit.of(from, to);
      } catch (IllegalArgumentException e) {
        problems.add(new Violation(SOURCE, "/end", "date_range", e.getMessage()
            + (from.equals(start) && to.equals(end) ? "" : " (the part of " + start + " to " + end + " that snapshot "
                + context.snapshotId() + " has data for)"), end.toString()));
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    TemplateChoice choice = TemplateChoice.of(idea);
    if (!split.trainStart().equals(start) || !split.holdoutEnd().equals(end)) {
      choice.rationale().put("dates", "the idea asks for " + start + " to " + end + "; snapshot "
          + context.snapshotId() + " has data from " + context.firstDate() + " to " + context.lastDate()
          + ", so the segments split " + split.trainStart() + " to " + split.holdoutEnd());
    }
    return new AgentOutput(List.of(new AgentOutput.File(DRAFT, "blueprint_v1", draft(idea, context, split, choice))));
  }

  private static ObjectNode draft(JsonNode idea, IntentContext context, EvaluationSplit split, TemplateChoice choice) {
    ObjectNode bp = Json.object();
    bp.put("schema_version", "blueprint_v1");
    bp.put("blueprint_id", "bp_" + CanonicalJson.sha256(idea).substring(0, 12));
    bp.put("title", idea.path("title").asText());
    bp.put("description", idea.path("hypothesis_text").asText());
    bp.put("policy_bundle_id", context.policyBundleId());
    ArrayNode symbols = bp.putObject("universe").putArray("symbols");
    idea.path("symbols").forEach(symbols::add);
    bp.putObject("bar_spec").put("frequency", "1d");
    ObjectNode data = bp.putArray("data_requirements").addObject();
    data.put("dataset_id", "ohlcv_1d");
    ArrayNode fields = data.putArray("fields");
    List.of("open", "high", "low", "close", "volume", "available_at").forEach(fields::add);
    data.put("frequency", "1d").put("adjustment", "none").putObject("asof_rule").put("mode", "asof");
    bp.set("strategy_spec", choice.template().strategySpec(choice.template().defaults()));
    ObjectNode protocol = bp.putObject("evaluation_protocol");
    protocol.set("segments", split.segments());
    protocol.putObject("purge").put("bars", 0);
    protocol.putObject("embargo").put("bars", 0);
    protocol.put("gate_suite_id", context.gateSuiteId());
    bp.putObject("report_spec").put("plots", true).put("tables", true).put("trace", true);
    ObjectNode ext = bp.putObject("extensions");
    ext.put("idea_spec_title", idea.path("title").asText());
    ext.put("evaluation_intent", idea.path("evaluation_intent").asText());
    ext.put("snapshot_id", idea.path("snapshot_id").asText());
    ext.put("strategy_template", choice.template().id());
    ext.set("rationale", choice.rationale());
    ext.put("agent_provider", "rules");
    return bp;
  }
}
