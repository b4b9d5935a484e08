package io.quanteam.eam.workflow;

import io.quanteam.eam.backtest.DossierDamagedException;
import io.quanteam.eam.backtest.DossierVerifier;
import io.quanteam.eam.backtest.DossierWriter;
import io.quanteam.eam.backtest.RunSetup;
import io.quanteam.eam.data.SnapshotStore;
import io.quanteam.eam.job.EventType;
import io.quanteam.eam.json.Json;
import io.quanteam.eam.json.Sha256;
import io.quanteam.eam.policy.PolicyStore;

/** run: the approved runspec → its dossier (reused when it exists), then RUN_COMPLETED {run_id, dossier_path}. */
public final class RunStage implements WorkflowStage {
  private final SnapshotStore snapshots;
  private final PolicyStore policies;
  private final DossierWriter dossiers;
  private final VerifiedDossiers verified;

  public RunStage(SnapshotStore snapshots, PolicyStore policies, DossierWriter dossiers, VerifiedDossiers verified) {
    this.snapshots = snapshots;
    this.policies = policies;
    this.dossiers = dossiers;
    this.verified = verified;
  }

  @Override
  public String name() {
    return "run";
  }

  @Override
  public void execute(StageContext ctx) {
    RunSetup setup = RunSetup.prepare(ctx.readJobFile(CompileStage.RUNSPEC),
        "job " + ctx.jobId() + " " + CompileStage.RUNSPEC, snapshots, policies);
    DossierWriter.Written written;
    try {
      written = dossiers.write(setup);
    } catch (DossierDamagedException damaged) {
      written = verified.rebuildForRun(ctx, setup, damaged.dir(), damaged.problems());
    }
    String manifest = DossierPaths.relative(written.runId()) + "/" + DossierVerifier.MANIFEST;
    ctx.append(EventType.RUN_COMPLETED, Json.object().put("run_id", written.runId())
        .put("dossier_path", DossierPaths.relative(written.runId())).put("dossier_reused", written.reused())
        .put("dossier_manifest_path", manifest)
        .put("dossier_manifest_sha256", Sha256.ofFile(written.dir().resolve(DossierVerifier.MANIFEST))));
  }
}
