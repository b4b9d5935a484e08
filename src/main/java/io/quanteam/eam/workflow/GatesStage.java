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
 * gates: the bundle's gate suite on the dossier → GATES_COMPLETED {gate_results_path, gate_results_sha256,
 * overall_pass, invalid, invalid_gates, gates_reused}. DSR counts the registry's earlier trials of the job's lineage.
 * Jobs sharing a runspec share its dossier and its gate results: the first job to gate the run decides them
 * ({@code gates_reused} tells the others). An INVALID run ends in ERROR at the registry stage, after its trial.
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
    var out = Json.object()
        .put("gate_results_path", artifactRoot.relativize(outcome.gateResultsPath()).toString())
        .put("gate_results_sha256", Sha256.ofFile(outcome.gateResultsPath()))
        .put("overall_pass", outcome.overallPass())
        .put("gates_reused", outcome.reused())
        .put("invalid", outcome.invalid());
    var invalid = out.putArray("invalid_gates");
    outcome.invalidGates().forEach(invalid::add);
    // An INVALID run still gets its trial recorded: the registry stage records it, then ends the job in ERROR.
    ctx.append(EventType.GATES_COMPLETED, out);
  }
}
