package io.quanteam.eam.gate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quanteam.eam.backtest.DossierCsv;
import io.quanteam.eam.backtest.DossierVerifier;
import io.quanteam.eam.backtest.DossierReproduction;
import io.quanteam.eam.data.VerifyReport;
import io.quanteam.eam.json.Json;
import io.quanteam.eam.json.Sha256;
import io.quanteam.eam.policy.GateSpec;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/** The evidence gates: the dossier is complete, replays to the same curve, and its data snapshot is intact. */
final class IntegrityGates {
  /** basic_sanity's list when the suite gives none (the files every dossier has had since v1). */
  static final List<String> DEFAULT_REQUIRED = List.of("config_snapshot.json", "metrics.json", "curve.csv",
      "trades.csv", "dossier_manifest.json");
  private static final List<String> CONFIG_FIELDS = List.of("runspec", "policy_bundle_sha256", "policy_file_sha256",
      "app_version");

  private IntegrityGates() {}

  static GateResult basicSanity(GateSpec spec, GateContext ctx) {
    List<String> required = new ArrayList<>();
    JsonNode listed = spec.params().path("require_artifacts");
    if (listed.isArray()) {
      listed.forEach(n -> required.add(n.asText()));
    } else {
      required.addAll(DEFAULT_REQUIRED);
    }
    List<String> missing = new ArrayList<>();
    for (String name : required) {
      if (!Files.isRegularFile(ctx.dir.resolve(name).normalize()) || !ctx.dir.resolve(name).normalize()
          .startsWith(ctx.dir)) {
        missing.add(name);
      }
    }
    ObjectNode m = Json.object();
    m.set("required_artifacts", GateJson.strings(required));
    m.set("missing_artifacts", GateJson.strings(missing));
    if (!missing.isEmpty()) {
      m.put("reason", "missing " + String.join(", ", missing));
    }
    return new GateResult(spec.gateId(), spec.gateVersion(), missing.isEmpty() ? GateStatus.PASS : GateStatus.FAIL,
        m, null, required, "every required dossier artifact exists");
  }

  /**
   * The config snapshot holds what a replay needs, and re-running the whole runspec in memory reproduces every
   * result file of the dossier (metrics, curves, trades, positions, turnover, exposure, segment files, summaries,
   * data manifest) byte for byte — so the gates that read metrics.json read numbers the data really gives.
   */
  static GateResult determinism(GateSpec spec, GateContext ctx) {
    boolean requireConfig = spec.params().path("require_config_snapshot").asBoolean(true);
    List<String> missing = new ArrayList<>();
    for (String field : CONFIG_FIELDS) {
      JsonNode v = ctx.configSnapshot.path(field);
      boolean present = v.isObject() ? !v.isEmpty() : v.isTextual() && !v.asText().isBlank();
      if (!present) {
        missing.add(field);
      }
    }
    ObjectNode m = Json.object();
    m.put("require_config_snapshot", requireConfig);
    m.set("missing_config_fields", GateJson.strings(missing));
    String stored = ctx.read.manifest().path("hashes").path("curve.csv").asText();
    String replayed = Sha256.hex(DossierCsv.curve(ctx.overallReplay()));
    m.put("stored_curve_sha256", stored);
    m.put("replayed_curve_sha256", replayed);
    boolean curveMatches = stored.equals(replayed);
    m.put("curve_reproduced", curveMatches);
    // The dossier was checked against its manifest before any gate ran, so the checked bytes are the recorded files.
    DossierReproduction reproduction = DossierReproduction.of(ctx.setup(), ctx.read);
    List<String> differing = reproduction.differing();
    m.put("files_reproduced", reproduction.compared().size() - differing.size());
    m.set("files_differing", GateJson.strings(differing));
    boolean pass = curveMatches && differing.isEmpty() && (!requireConfig || missing.isEmpty());
    if (!pass) {
      List<String> why = new ArrayList<>();
      if (!differing.isEmpty()) {
        why.add("re-running the runspec does not reproduce " + String.join(", ", differing));
      } else if (!curveMatches) {
        why.add("re-running the test range does not reproduce curve.csv");
      }
      if (requireConfig && !missing.isEmpty()) {
        why.add("config_snapshot.json lacks " + String.join(", ", missing));
      }
      m.put("reason", String.join("; ", why));
    }
    List<String> artifacts = new ArrayList<>(List.of("config_snapshot.json"));
    artifacts.addAll(reproduction.compared());
    return new GateResult(spec.gateId(), spec.gateVersion(), pass ? GateStatus.PASS : GateStatus.FAIL, m, null,
        artifacts, "config snapshot complete; re-running the runspec in memory reproduces every result file of the "
            + "dossier byte for byte");
  }

  /** The snapshot's files still match its manifest, and the run recorded the dataset sha256 the manifest has. */
  static GateResult snapshotIntegrity(GateSpec spec, GateContext ctx) {
    ObjectNode m = Json.object();
    m.put("snapshot_id", ctx.snapshotId);
    List<String> mismatches = new ArrayList<>();
    if (ctx.snapshotReport == null) {
      mismatches.add(ctx.snapshotError);
    } else {
      ctx.snapshotReport.mismatches().stream().map(VerifyReport.Mismatch::describe).forEach(mismatches::add);
    }
    String recorded = ctx.dataManifest.path("sha256").asText();
    m.put("data_manifest_sha256", recorded);
    if (ctx.snapshotReport != null) {
      // verify() succeeded, so the manifest exists; its dataset hash is what the run must have read.
      String manifestSha = ctx.snapshotManifestSha256;
      m.put("snapshot_manifest_sha256", manifestSha);
      if (!recorded.equals(manifestSha)) {
        mismatches.add("data_manifest.json sha256 " + recorded + " differs from the snapshot manifest's "
            + manifestSha);
      }
    }
    m.set("mismatches", GateJson.strings(mismatches));
    m.put("mismatch_count", mismatches.size());
    if (!mismatches.isEmpty()) {
      m.put("reason", mismatches.get(0) + (mismatches.size() > 1 ? " (and " + (mismatches.size() - 1) + " more)" : ""));
    }
    return new GateResult(spec.gateId(), spec.gateVersion(),
        mismatches.isEmpty() ? GateStatus.PASS : GateStatus.FAIL, m, null, List.of("data_manifest.json"),
        "snapshot file sha256, row count, symbols and ranges equal its manifest; the run read that dataset");
  }
}
