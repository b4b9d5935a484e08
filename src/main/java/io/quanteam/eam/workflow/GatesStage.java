package io.quanteam.eam.workflow;

import io.quanteam.eam.backtest.DossierVerifier;
import io.quanteam.eam.contract.InvalidInputException;
import io.quanteam.eam.gate.DsrTrials;
import io.quanteam.eam.gate.GateOutcome;
import io.quanteam.eam.gate.GateRunner;
import io.quanteam.eam.job.EventType;
import io.quanteam.eam.json.Json;
import io.quanteam.eam.registry.Registry;
import java.nio.file.Path;

/**
 * gates: the bundle's gate suite on the dossier → GATES_COMPLETED {gate_results_path, gate_results_sha256,
 * overall_pass, invalid, invalid_gates, gates_reused}. DSR counts the registry's earlier trials as its suite says
 * (by default every trial on the run's snapshot and universe; ADR 0007).
 * Jobs sharing a runspec share its dossier and its gate results: the first job to gate the run decides them
 * ({@code gates_reused} tells the others). An INVALID run ends in ERROR at the registry stage, after its trial.
 */
public final class GatesStage implements WorkflowStage {
  private final GateRunner gates;
  private final Registry registry;
  private final VerifiedDossiers dossiers;
  private final Path artifactRoot;

  public GatesStage(GateRunner gates, Registry registry, VerifiedDossiers dossiers) {
    this.gates = gates;
    this.registry = registry;
    this.dossiers = dossiers;
    this.artifactRoot = dossiers.artifactRoot();
  }

  /** Rethrows {@code e} unless the gate runner refused the dossier as tampered. */
  private static void requireTampered(InvalidInputException e) {
    if (e.violations().stream().noneMatch(v -> "dossier_tampered".equals(v.rule()))) {
      throw e;
    }
  }

  @Override
  public String name() {
    return "gates";
  }

  @Override
  public void execute(StageContext ctx) {
    // The manifest must be the one the run recorded; the gate runner checks every file against it. A damaged
    // dossier is restored from the approved runspec (ADR 0006), then gated.
    Path dossier = dossiers.verified(ctx, java.util.Set.of()).dir();
    DsrTrials trials = new DsrTrials(ctx.lineageRoot(), registry.trialSource());
    GateOutcome outcome;
    try {
      outcome = gates.run(dossier, trials);
    } catch (InvalidInputException e) {
      requireTampered(e);
      // The gate runner checks every file (this stage checked only the manifest): restore, then gate once more.
      dossiers.restore(ctx, dossier, DossierVerifier.problems(dossier));
      try {
        outcome = gates.run(dossier, trials);
      } catch (InvalidInputException again) {
        requireTampered(again);
        throw new ArtifactChangedException(again.getMessage());
      }
    }
    var out = Json.object()
        .put("gate_results_path", artifactRoot.relativize(outcome.gateResultsPath()).toString())
        .put("gate_results_sha256", outcome.gateResultsSha256())
        .put("overall_pass", outcome.overallPass())
        .put("gates_reused", outcome.reused())
        .put("invalid", outcome.invalid());
    var invalid = out.putArray("invalid_gates");
    outcome.invalidGates().forEach(invalid::add);
    // An INVALID run still gets its trial recorded: the registry stage records it, then ends the job in ERROR.
    ctx.append(EventType.GATES_COMPLETED, out);
  }
}
