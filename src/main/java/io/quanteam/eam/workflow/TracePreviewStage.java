package io.quanteam.eam.workflow;

import io.quanteam.eam.agent.StrategySpecAgent;
import io.quanteam.eam.backtest.RunSetup;
import io.quanteam.eam.data.SnapshotStore;
import io.quanteam.eam.job.EventType;
import io.quanteam.eam.json.CanonicalJson;
import io.quanteam.eam.json.Json;
import io.quanteam.eam.policy.PolicyStore;
import io.quanteam.eam.report.TracePreview;

/**
 * trace_preview (idea flow, 02 §10): the approved runspec's DSL evaluated on the calc trace plan's sample as of the
 * test segment → {@code outputs/trace_preview/calc_trace_preview.csv} and {@code trace_meta.json}, then
 * TRACE_PREVIEW_COMPLETED {calc_trace_preview_path, trace_meta_path, rows_written, assertions_pass}. A failed
 * assertion does not end the job: it is shown at the trace_preview checkpoint, where the reviewer decides.
 */
public final class TracePreviewStage implements WorkflowStage {
  static final String CSV = "outputs/trace_preview/calc_trace_preview.csv";
  static final String META = "outputs/trace_preview/trace_meta.json";
  private final SnapshotStore snapshots;
  private final PolicyStore policies;

  public TracePreviewStage(SnapshotStore snapshots, PolicyStore policies) {
    this.snapshots = snapshots;
    this.policies = policies;
  }

  @Override
  public String name() {
    return "trace_preview";
  }

  @Override
  public void execute(StageContext ctx) {
    RunSetup setup = RunSetup.prepare(ctx.readJobFile(ReviewArtifacts.pathOf("runspec")),
        "job " + ctx.jobId() + " " + ReviewArtifacts.pathOf("runspec"), snapshots, policies);
    // the plan came with the approved strategy spec; its hash is in that event (the approval covers the final
    // blueprint, the plan is derived from it): an edited plan could drop the assertions the reviewer relies on
    String plan = StrategySpecStage.FOLDER + "/" + StrategySpecAgent.PLAN;
    String recorded = ctx.latest(EventType.STRATEGY_SPEC_PROPOSED).output("calc_trace_plan_sha256");
    String now = ctx.jobs().sha256(ctx.lock(), plan);
    if (recorded != null && !recorded.equals(now)) {
      throw new ArtifactChangedException(plan + " changed after the strategy spec was proposed (sha256 " + recorded
          + ", now " + now + ")");
    }
    TracePreview.Result r = TracePreview.of(setup, ctx.readJobFile(plan));
    ctx.jobs().writeArtifact(ctx.lock(), CSV, r.csv());
    ctx.jobs().writeArtifact(ctx.lock(), META, CanonicalJson.prettyBytes(r.meta()));
    ctx.append(EventType.TRACE_PREVIEW_COMPLETED, Json.object().put("calc_trace_preview_path", CSV)
        .put("trace_meta_path", META).put("rows_written", r.rowsWritten()).put("assertions_pass", r.assertionsPass()));
  }
}
