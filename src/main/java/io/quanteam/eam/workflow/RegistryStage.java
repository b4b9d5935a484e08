package io.quanteam.eam.workflow;

import io.quanteam.eam.job.EventType;
import io.quanteam.eam.job.JobEvent;
import io.quanteam.eam.json.Json;
import io.quanteam.eam.registry.RecordOutcome;
import io.quanteam.eam.registry.Registry;
import io.quanteam.eam.registry.TrialInput;
import java.nio.file.Path;

/**
 * registry: the trial (always, once per run) and the card (passing runs) → REGISTRY_UPDATED {trial_recorded,
 * card_id}; for an INVALID run, the trial and then ERROR {step: gates, reason: INVALID_RUN}.
 */
public final class RegistryStage implements WorkflowStage {
  private static final String METRICS = "metrics.json";
  private static final String CONFIG = "config_snapshot.json";

  private final Registry registry;
  private final VerifiedDossiers dossiers;
  private final Path artifactRoot;

  public RegistryStage(Registry registry, VerifiedDossiers dossiers) {
    this.registry = registry;
    this.dossiers = dossiers;
    this.artifactRoot = dossiers.artifactRoot();
  }

  @Override
  public String name() {
    return "registry";
  }

  @Override
  public void execute(StageContext ctx) {
    // The registry reads these two dossier files, as checked (and the gate results, checked against GATES_COMPLETED).
    VerifiedDossiers.Checked dossier = dossiers.verified(ctx, java.util.Set.of(METRICS, CONFIG));
    byte[] gateResults = DossierPaths.readRecorded(ctx, EventType.GATES_COMPLETED, "gate_results", artifactRoot);
    RecordOutcome outcome = registry.recordTrial(new TrialInput(
        Json.parse(dossier.file(METRICS), dossier.dir().resolve(METRICS).toString()),
        Json.parse(dossier.file(CONFIG), dossier.dir().resolve(CONFIG).toString()),
        Json.parse(gateResults, ctx.latest(EventType.GATES_COMPLETED).output("gate_results_path")), ctx.lineageRoot(),
        ctx.jobId(), null));
    JobEvent gated = ctx.latest(EventType.GATES_COMPLETED);
    if (gated.outputs().path("invalid").asBoolean(false)) {
      // Recorded as an invalid trial above; the job ends here (02 §8), also when re-run after a crash.
      ctx.jobs().fail(ctx.lock(), "gates", "INVALID_RUN", "the run is invalid: mandatory gate(s) failed: "
          + gated.outputs().path("invalid_gates") + " (see " + gated.output("gate_results_path") + ")");
      return;
    }
    var out = Json.object().put("trial_recorded", outcome.trialRecorded());
    if (outcome.cardId() == null) {
      out.putNull("card_id");
    } else {
      out.put("card_id", outcome.cardId());
    }
    ctx.append(EventType.REGISTRY_UPDATED, out);
  }
}
