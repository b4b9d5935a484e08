package io.quanteam.eam.gate;

import io.quanteam.eam.backtest.DossierVerifier;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quanteam.eam.contract.Contracts;
import io.quanteam.eam.data.SnapshotStore;
import io.quanteam.eam.json.AtomicFiles;
import io.quanteam.eam.json.CanonicalJson;
import io.quanteam.eam.json.FileLocks;
import io.quanteam.eam.json.Json;
import io.quanteam.eam.json.Sha256;
import io.quanteam.eam.policy.GateSpec;
import io.quanteam.eam.policy.PolicyStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;

/**
 * Runs a dossier's gate suite (02 §8) and writes {@code gate_results.json} ({@code gate_results_v2}) and
 * {@code risk_report.json} into it. The suite's gates run in order on test_overall, then the mandatory gates the
 * suite does not list; each walk-forward/fixed test segment gets the look-ahead, delay and cost gates; the
 * holdout is evaluated in memory and persisted only as its minimal summary. A failed mandatory gate is INVALID
 * (the job ends in ERROR), any other failed gate an ordinary FAIL. An existing {@code gate_results.json} is
 * never rewritten; a dossier that does not match its manifest is refused. See {@code docs/gates.md}.
 */
public final class GateRunner {
  public static final String GATE_RESULTS = "gate_results.json";

  private final SnapshotStore snapshots;
  private final PolicyStore policies;
  private final SnapshotVerifications verifications;

  /** Keep one runner per process: it memoises snapshot verifications by content (see docs/gates.md). */
  public GateRunner(SnapshotStore snapshots, PolicyStore policies) {
    this.snapshots = snapshots;
    this.policies = policies;
    this.verifications = new SnapshotVerifications(snapshots);
  }

  /** The gate results document and the risk report (absent when the suite has no risk gate), not yet written. */
  public record Evaluation(ObjectNode gateResults, Optional<ObjectNode> riskReport) {}

  /**
   * Gates the dossier, or returns its existing gate results unchanged ({@code reused = true}).
   *
   * @param trials the run's lineage and the trials recorded before it (the registry); the DSR gate counts those
   *     its {@code trials} param selects (ADR 0007)
   * @throws io.quanteam.eam.contract.InvalidInputException when the dossier is tampered, has no runspec, or its
   *     policy bundle changed since the run
   */
  public GateOutcome run(Path dossierDir, DsrTrials trials) {
    Path dir = dossierDir.toAbsolutePath().normalize();
    // Jobs sharing a runspec share its dossier: one gates it, the others find the results (never rewritten).
    return FileLocks.call(io.quanteam.eam.backtest.DossierWriter.lockFile(dir), () -> runLocked(dir, trials));
  }

  private GateOutcome runLocked(Path dir, DsrTrials trials) {
    DossierVerifier.Read read = GateContext.requireIntact(dir);
    Path target = dir.resolve(GATE_RESULTS);
    if (Files.isRegularFile(target)) {
      byte[] existing = readAllBytes(target);
      return outcome(target, Json.parse(existing, target.toString()), Sha256.hex(existing), true);
    }
    Evaluation e = evaluateIntact(dir, read, trials);
    Contracts.shared().require(e.gateResults(), "gate_results_v2", target.toString());
    e.riskReport().ifPresent(r -> Contracts.shared().require(r, "risk_report_v1",
        RiskGate.REPORT_FILE + " of run " + r.path("run_id").asText()));
    // Both forced together; gate_results.json is renamed into place last: its presence means the gating finished.
    Map<Path, byte[]> files = new LinkedHashMap<>();
    e.riskReport().ifPresent(r -> files.put(dir.resolve(RiskGate.REPORT_FILE), CanonicalJson.prettyBytes(r)));
    byte[] results = CanonicalJson.prettyBytes(e.gateResults());
    files.put(target, results);
    AtomicFiles.writeAll(files);
    // The dossier folder itself was renamed into place unforced (ADR 0006): its name is made durable with the gate
    // results, which cannot be recomputed.
    AtomicFiles.syncDirectory(dir.getParent());
    return outcome(target, e.gateResults(), Sha256.hex(results), false);
  }

  /** Every gate evaluated, nothing written (the benchmark times this; {@link #run} adds validation and I/O). */
  public Evaluation evaluate(Path dossierDir, DsrTrials trials) {
    Path dir = dossierDir.toAbsolutePath().normalize();
    return evaluateIntact(dir, GateContext.requireIntact(dir), trials);
  }

  private Evaluation evaluateIntact(Path dir, DossierVerifier.Read read, DsrTrials trials) {
    GateContext ctx = GateContext.load(dir, read, snapshots, verifications, policies);
    return new SuiteEvaluation(ctx, ctx.bundle.gateSuite(), trials).evaluate();
  }

  /** overall_pass and the INVALID gates, read back from a gate results document. */
  private static byte[] readAllBytes(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  static GateOutcome outcome(Path path, JsonNode doc, String sha256, boolean reused) {
    List<String> invalid = new ArrayList<>();
    for (JsonNode r : doc.path("results")) {
      if ("invalid".equals(r.path("status").asText())) {
        invalid.add(r.path("gate_id").asText());
      }
    }
    for (JsonNode seg : doc.path("segment_results")) {
      for (JsonNode r : seg.path("gates")) {
        if ("invalid".equals(r.path("status").asText())) {
          invalid.add(seg.path("segment_id").asText() + "/" + r.path("gate_id").asText());
        }
      }
    }
    return new GateOutcome(path, sha256, doc, doc.path("overall_pass").asBoolean(false), !invalid.isEmpty(), invalid,
        reused);
  }

  static ArrayNode toJson(List<GateResult> results) {
    ArrayNode a = Json.MAPPER.createArrayNode();
    results.forEach(r -> a.add(r.toJson()));
    return a;
  }

  static GateSpec defaultSpec(String gateId) {
    return new GateSpec(gateId, "v1", Json.object());
  }
}
