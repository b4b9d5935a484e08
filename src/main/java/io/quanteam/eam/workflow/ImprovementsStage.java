package io.quanteam.eam.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quanteam.eam.agent.ImprovementAgent;
import io.quanteam.eam.agent.StrategySpecAgent;
import io.quanteam.eam.job.EventType;
import io.quanteam.eam.json.Json;
import io.quanteam.eam.policy.BudgetPolicy;
import io.quanteam.eam.policy.PolicyStore;

/**
 * improvements (idea flow, 01 §7–8): within the job's budget, the improvement agent's proposals for the approved
 * final blueprint → {@code outputs/agents/improvement/improvement_proposals.json}, then IMPROVEMENTS_PROPOSED
 * {improvement_proposals_path, proposal_count, agent_run_path}. When the budget allows none — {@code
 * max_proposals_per_job} 0, or a child's generation would reach {@code max_total_iterations} (which counts the root:
 * 1 allows no child) — STOPPED_BUDGET {reason, limit,
 * counters} instead, which ends the flow (no review of proposals that cannot be made). The agent sees the run's
 * outcome without any holdout result.
 */
public final class ImprovementsStage implements WorkflowStage {
  static final String FOLDER = "outputs/agents/improvement";
  private final ImprovementAgent agent = new ImprovementAgent();
  private final PolicyStore policies;
  private final VerifiedDossiers dossiers;

  public ImprovementsStage(PolicyStore policies, VerifiedDossiers dossiers) {
    this.policies = policies;
    this.dossiers = dossiers;
  }

  @Override
  public String name() {
    return "improvements";
  }

  @Override
  public void execute(StageContext ctx) {
    BudgetPolicy budget = policies.loadBudget(ctx.spec().path("budget_policy_path").asText(null));
    int generation = ctx.spec().path("extensions").path("lineage").path("generation").asInt(0);
    if (budget.maxProposalsPerJob() <= 0) {
      ctx.jobs().append(ctx.lock(), EventType.STOPPED_BUDGET, Json.object().put("reason", "max_proposals_per_job")
          .put("limit", budget.maxProposalsPerJob()).put("current_proposal_count", 0)
          .put("budget_policy_id", budget.policyId()), "STOP: the budget allows no proposals");
      return;
    }
    if (generation + 1 >= budget.maxTotalIterations()) {
      // as the reference: max_total_iterations counts the root, so 1 stops before any proposal
      ctx.jobs().append(ctx.lock(), EventType.STOPPED_BUDGET, Json.object().put("reason", "max_total_iterations")
          .put("limit", budget.maxTotalIterations()).put("attempted_child_generation", generation + 1)
          .put("current_generation", generation).put("budget_policy_id", budget.policyId()),
          "STOP: max_total_iterations reached (no more spawn allowed)");
      return;
    }
    JsonNode blueprint = ctx.readJobFile(StrategySpecStage.FOLDER + "/" + StrategySpecAgent.FINAL);
    String runId = ctx.latest(EventType.RUN_COMPLETED).outputs().path("run_id").asText();
    ObjectNode input = ImprovementAgent.input(blueprint, ctx.jobId(), runId, budget.policyId(),
        budget.maxProposalsPerJob(), outcome(ctx));
    String run = AgentRuns.runOrReuse(ctx, agent, input, FOLDER);
    JsonNode proposals = ctx.readJobFile(FOLDER + "/" + ImprovementAgent.PROPOSALS);
    ctx.append(EventType.IMPROVEMENTS_PROPOSED, Json.object()
        .put("improvement_proposals_path", FOLDER + "/" + ImprovementAgent.PROPOSALS)
        .put("proposal_count", proposals.path("proposals").size()).put("agent_run_path", run));
  }

  /**
   * {gates_passed, failed_gate_ids}: the gates outside the holdout (the run's overall verdict includes the
   * holdout's, so it stays out too).
   */
  private ObjectNode outcome(StageContext ctx) {
    return OutsideHoldout.outcome(Json.read(dossiers.verified(ctx, null).dir().resolve("gate_results.json")));
  }
}
