package io.quanteam.eam.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import io.quanteam.eam.agent.StrategySpecAgent;
import io.quanteam.eam.compile.BlueprintCompiler;
import io.quanteam.eam.policy.PolicyBundle;
import io.quanteam.eam.policy.PolicyStore;
import io.quanteam.eam.job.EventType;
import io.quanteam.eam.json.Json;

/**
 * strategy_spec (idea flow): the approved blueprint draft → the final blueprint, its signal DSL, variable dictionary
 * and calc trace plan in {@code outputs/agents/strategy_spec/}, then STRATEGY_SPEC_PROPOSED naming each.
 */
public final class StrategySpecStage implements WorkflowStage {
  static final String FOLDER = "outputs/agents/strategy_spec";
  private final StrategySpecAgent agent = new StrategySpecAgent();
  private final PolicyStore policies;

  public StrategySpecStage(PolicyStore policies) {
    this.policies = policies;
  }

  @Override
  public String name() {
    return "strategy_spec";
  }

  @Override
  public void execute(StageContext ctx) {
    // the draft as approved: the stage runner checked its hash against the approval before calling this
    JsonNode draft = ctx.readJobFile(ReviewArtifacts.pathOf("blueprint"));
    PolicyBundle bundle = policies.loadBundle(ctx.spec().path("policy_bundle_path")
        .asText(PolicyStore.DEFAULT_BUNDLE_PATH));
    String run = AgentRuns.runOrReuse(ctx, agent,
        StrategySpecAgent.input(draft, BlueprintCompiler.lagBars(draft, bundle)), FOLDER);
    ctx.append(EventType.STRATEGY_SPEC_PROPOSED, Json.object()
        .put("blueprint_final_path", FOLDER + "/" + StrategySpecAgent.FINAL)
        .put("signal_dsl_path", FOLDER + "/" + StrategySpecAgent.DSL)
        .put("variable_dictionary_path", FOLDER + "/" + StrategySpecAgent.DICTIONARY)
        .put("calc_trace_plan_path", FOLDER + "/" + StrategySpecAgent.PLAN)
        .put("agent_run_path", run));
  }
}
