package io.quanteam.eam.workflow;

import io.quanteam.eam.agent.IntentAgent;
import io.quanteam.eam.agent.IntentContext;
import io.quanteam.eam.compile.BlueprintCompiler;
import io.quanteam.eam.contract.InvalidInputException;
import io.quanteam.eam.data.SnapshotInfo;
import io.quanteam.eam.data.SnapshotStore;
import io.quanteam.eam.job.EventType;
import io.quanteam.eam.json.Json;
import io.quanteam.eam.policy.PolicyBundle;
import io.quanteam.eam.policy.PolicyStore;

/**
 * intent (idea flow): the idea and its context (the job's bundle, the snapshot's symbols and dates) → the intent
 * agent's blueprint draft in {@code outputs/agents/intent/}, then BLUEPRINT_PROPOSED {blueprint_draft_path,
 * agent_run_path}.
 */
public final class IntentStage implements WorkflowStage {
  static final String FOLDER = "outputs/agents/intent";
  private final IntentAgent agent = new IntentAgent();
  private final PolicyStore policies;
  private final SnapshotStore snapshots;
  private final BlueprintCompiler compiler;

  public IntentStage(PolicyStore policies, SnapshotStore snapshots, BlueprintCompiler compiler) {
    this.policies = policies;
    this.snapshots = snapshots;
    this.compiler = compiler;
  }

  @Override
  public String name() {
    return "intent";
  }

  @Override
  public void execute(StageContext ctx) {
    String snapshotId = ctx.spec().path("snapshot_id").asText();
    SnapshotInfo info = snapshots.infoOf(snapshotId).orElseThrow(() -> new InvalidInputException(
        java.util.List.of(new io.quanteam.eam.contract.Violation("job " + ctx.jobId() + " job_spec.json",
            "/snapshot_id", "snapshot_not_found", "expected the id of a snapshot in the lake (see `eam snapshot list`)",
            snapshotId))));
    PolicyBundle bundle = policies.loadBundle(ctx.spec().path("policy_bundle_path")
        .asText(PolicyStore.DEFAULT_BUNDLE_PATH));
    IntentContext context = new IntentContext(bundle.bundleId(), bundle.gateSuite().policyId(), snapshotId,
        info.symbols(), info.dtMin(), info.dtMax());
    String run = AgentRuns.runOrReuse(ctx, agent, IntentAgent.input(ctx.spec(), context), FOLDER);
    // what no reviewer should be asked to approve: a draft the compiler would refuse (a segment with no bars, a test
    // range too short for the bundle's suite), named now rather than after two reviews
    String draft = FOLDER + "/" + IntentAgent.DRAFT;
    compiler.compile(ctx.readJobFile(draft), snapshotId, bundle.bundlePath(), "job " + ctx.jobId() + " " + draft);
    ctx.append(EventType.BLUEPRINT_PROPOSED, Json.object()
        .put("blueprint_draft_path", FOLDER + "/" + IntentAgent.DRAFT).put("agent_run_path", run));
  }
}
