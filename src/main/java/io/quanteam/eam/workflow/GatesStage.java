package io.quanteam.eam.workflow;

import io.quanteam.eam.contract.InvalidInputException;
import io.quanteam.eam.gate.DsrTrials;
import io.quanteam.eam.gate.GateOutcome;
import io.quanteam.eam.gate.GateRunner;
import io.quanteam.eam.job.EventType;
import io.quanteam.eam.json.Json;
import io.quanteam.eam.json.Sha256;
import io.quanteam.eam.registry.Registry;
import java.nio.file.Path;

/**
 * gates: the bundle's gate suite on the dossier → GATES_COMPLETED {gate_results_path, overall_pass}. DSR counts
 * the registry's earlier trials of the job's lineage. A run whose mandatory gates fail is INVALID: the job then
 * ends in ERROR {reason: INVALID_RUN} after the gate results are recorded.
 */
public final class GatesStage implements WorkflowStage {
  private final GateRunner gates;
  private final Registry registry;
  private final Path artifactRoot;

  public GatesStage(GateRunner gates, Registry registry, Path artifactRoot) {
    this.gates = gates;
    this.registry = registry;
    this.artifactRoot = artifactRoot;
  }

  @Override
  public String name() {
    return "gates";
  }

  @Override
  public void execute(StageContext ctx) {
    // The manifest must be the one the run recorded; the gate runner then checks every file against it.
    DossierPaths.requireRecorded(ctx, EventType.RUN_COMPLETED, "dossier_manifest", artifactRoot);
    Path dossier = DossierPaths.of(ctx, artifactRoot);
    String lineage = ctx.lineageRoot();
    String runId = ctx.latest(EventType.RUN_COMPLETED).output("run_id");
    GateOutcome outcome;
    try {
      outcome = gates.run(dossier, new DsrTrials(lineage, registry.priorTrialSrs(lineage, runId)));
    } catch (InvalidInputException e) {
      if (e.violations().stream().anyMatch(v -> "dossier_tampered".equals(v.rule()))) {
        throw new ArtifactChangedException(e.getMessage());
      }
      throw e;
    }
    ctx.append(EventType.GATES_COMPLETED, Json.object()
        .put("gate_results_path", artifactRoot.relativize(outcome.gateResultsPath()).toString())
        .put("gate_results_sha256", Sha256.ofFile(outcome.gateResultsPath()))
        .put("overall_pass", outcome.overallPass()));
    if (outcome.invalid()) {
      ctx.fail("INVALID_RUN", "the run is invalid: mandatory gate(s) failed: "
          + String.join(", ", outcome.invalidGates()) + " (see " + artifactRoot.relativize(outcome.gateResultsPath())
          + ")");
    }
  }
}
