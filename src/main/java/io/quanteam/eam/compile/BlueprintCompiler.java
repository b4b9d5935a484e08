package io.quanteam.eam.compile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quanteam.eam.contract.Contracts;
import io.quanteam.eam.contract.InvalidInputException;
import io.quanteam.eam.contract.Violation;
import io.quanteam.eam.data.Snapshot;
import io.quanteam.eam.data.SnapshotStore;
import io.quanteam.eam.dsl.SignalDsl;
import io.quanteam.eam.dsl.SignalProgram;
import io.quanteam.eam.json.CanonicalJson;
import io.quanteam.eam.json.Json;
import io.quanteam.eam.policy.PolicyBundle;
import io.quanteam.eam.policy.PolicyStore;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Blueprint + snapshot + policy bundle → {@code run_spec_v2} (02 §4). Everything the runner needs is resolved
 * here, and anything the engine cannot execute is refused with the JSON pointer of the offending field.
 */
public final class BlueprintCompiler {
  public static final String COMPILER_VERSION = "eam_compiler_v1";
  public static final String ADAPTER_ID = "eam_signal_engine_v1";
  public static final String DATASET_ID = "ohlcv_1d";

  private final PolicyStore policies;
  private final SnapshotStore snapshots;

  public BlueprintCompiler(PolicyStore policies, SnapshotStore snapshots) {
    this.policies = policies;
    this.snapshots = snapshots;
  }

  /**
   * Compiles; {@code source} names the blueprint in error messages (a file path or a job input). A null
   * {@code bundlePath} means the bundle the blueprint names ({@code policy_bundle_id}; unknown → refused there).
   */
  public Compiled compile(JsonNode blueprint, String snapshotId, String bundlePath, String source) {
    Contracts.shared().require(blueprint, "blueprint_v1", source);
    if (bundlePath == null) {
      try {
        bundlePath = policies.bundlePathOf(blueprint.path("policy_bundle_id").asText());
      } catch (InvalidInputException e) {
        throw e.at(source, "/policy_bundle_id");
      }
    }
    PolicyBundle bundle = policies.loadBundle(bundlePath);
    List<Violation> problems = new ArrayList<>();

    String declaredBundle = blueprint.path("policy_bundle_id").asText();
    if (!declaredBundle.equals(bundle.bundleId())) {
      problems.add(new Violation(source, "/policy_bundle_id", "policy_bundle_mismatch",
          "the blueprint names bundle " + declaredBundle + " but " + bundlePath + " is " + bundle.bundleId(),
          declaredBundle));
    }
    String suite = blueprint.path("evaluation_protocol").path("gate_suite_id").asText();
    if (!suite.equals(bundle.gateSuite().policyId())) {
      problems.add(new Violation(source, "/evaluation_protocol/gate_suite_id", "gate_suite_mismatch",
          "bundle " + bundle.bundleId() + " uses gate suite " + bundle.gateSuite().policyId(), suite));
    }

    // Checked again on the runspec below; here too, so that it is reported with the blueprint's other problems.
    String timing = blueprint.path("strategy_spec").path("execution").path("order_timing").asText();
    RunspecCheck.execution(timing, bundle, source).forEach(v -> problems.add(new Violation(v.source(),
        blueprintPointer(v.pointer(), blueprint), v.rule(), v.message(), v.value())));
    SignalProgram program = parseDsl(blueprint.path("strategy_spec"), source, problems);
    int lag = lagBars(blueprint, bundle);

    Snapshot snapshot = snapshots.load(snapshotId);
    // the contract already refuses repeated symbols
    List<String> symbols = RunspecCheck.symbols(blueprint.path("universe").path("symbols"), "/universe/symbols",
        snapshot, source, problems);
    EvaluationProtocol protocol = new ProtocolReader(source, problems).read(blueprint.path("evaluation_protocol"));
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    RunspecCheck.BarDates dates = RunspecCheck.BarDates.of(snapshot, symbols);
    List<Segment> segments = SegmentPlanner.plan(protocol, snapshot.zone(), dates::between,
        RunspecCheck.minTestSliceBars(bundle));
    ObjectNode runspec = runspec(blueprint, bundle, snapshot, symbols, program, lag, protocol, segments);
    // The runner's own check, on the compiler's output: one set of rules, reported at the blueprint's fields.
    for (Violation v : RunspecCheck.problems(runspec, bundle, snapshot, source)) {
      problems.add(new Violation(v.source(), blueprintPointer(v.pointer(), runspec), v.rule(), v.message(),
          v.value()));
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    Contracts.shared().require(runspec, "run_spec_v2", "compiled runspec of " + source);
    return new Compiled(runspec, CanonicalJson.sha256(runspec).substring(0, 12));
  }

  /** Where in the blueprint a runspec field came from (RunspecCheck speaks of the runspec). */
  static String blueprintPointer(String runspecPointer, JsonNode runspec) {
    String[] parts = runspecPointer.split("/", -1);
    if (parts.length < 2) {
      return runspecPointer;
    }
    return switch (parts[1]) {
      case "signal_dsl" -> "/strategy_spec" + runspecPointer.substring("/signal_dsl".length());
      case "symbols" -> "/universe" + runspecPointer;
      case "lag_bars" -> "/strategy_spec/execution/lag_bars";
      case "segments" -> parts.length > 3 && "list".equals(parts[2])
          ? "/evaluation_protocol/segments/" + runspec.path("segments").path("list").path(Integer.parseInt(parts[3]))
              .path("kind").asText()
          : "/evaluation_protocol" + runspecPointer;
      default -> runspecPointer;
    };
  }

  /** The compiler's output and the run id it implies ({@code sha256(canonical(runspec))[:12]}). */
  public record Compiled(ObjectNode runspec, String runId) {}

  private static SignalProgram parseDsl(JsonNode dsl, String source, List<Violation> problems) {
    try {
      return SignalDsl.parse(dsl, source);
    } catch (InvalidInputException e) {
      for (Violation v : e.violations()) {
        problems.add(new Violation(v.source(), "/strategy_spec" + v.pointer(), v.rule(), v.message(), v.value()));
      }
      return null;
    }
  }

  /** L = max(1, policy trade_lag_bars_default, blueprint lag_bars); the contract refuses an explicit lag below 1. */
  public static int lagBars(JsonNode blueprint, PolicyBundle bundle) {
    int lag = Math.max(1, bundle.asof().tradeLagBarsDefault());
    return Math.max(lag, blueprint.path("strategy_spec").path("execution").path("lag_bars").asInt(1));
  }

  private static ObjectNode runspec(JsonNode blueprint, PolicyBundle bundle, Snapshot snapshot, List<String> symbols,
      SignalProgram program, int lag, EvaluationProtocol protocol, List<Segment> segments) {
    ObjectNode rs = Json.object();
    rs.put("schema_version", "run_spec_v2");
    ObjectNode ref = rs.putObject("blueprint_ref");
    ref.put("blueprint_id", blueprint.path("blueprint_id").asText());
    ref.put("blueprint_hash", CanonicalJson.sha256(blueprint));
    rs.put("policy_bundle_id", bundle.bundleId());
    rs.put("policy_bundle_sha256", bundle.bundleSha256());
    rs.put("data_snapshot_id", snapshot.snapshotId());
    rs.put("dataset_id", DATASET_ID);
    ArrayNode syms = rs.putArray("symbols");
    symbols.forEach(syms::add);
    rs.set("signal_dsl", program.toJson());
    ObjectNode params = rs.putObject("params");
    for (Map.Entry<String, Double> e : program.params().entrySet()) {
      double v = e.getValue();
      // Keep whole-number params (windows) as integers, as the blueprint wrote them.
      if (v == Math.rint(v) && Math.abs(v) < 1e15) {
        params.put(e.getKey(), (long) v);
      } else {
        params.put(e.getKey(), v);
      }
    }
    rs.put("lag_bars", lag);
    ObjectNode ep = rs.putObject("evaluation_protocol");
    ep.put("protocol", protocol.protocol().wire());
    ep.put("purge_days", protocol.purgeDays());
    ep.put("embargo_days", protocol.embargoDays());
    putNullable(ep, "train_window_days", protocol.trainWindowDays());
    putNullable(ep, "test_window_days", protocol.testWindowDays());
    putNullable(ep, "step_days", protocol.stepDays());
    rs.set("segments", segmentsJson(protocol, segments, snapshot));
    rs.putObject("adapter").put("adapter_id", ADAPTER_ID);
    ObjectNode out = rs.putObject("output_spec");
    out.put("write_dossier", true);
    ObjectNode artifacts = out.putObject("artifacts");
    for (String[] a : DOSSIER_ARTIFACTS) {
      artifacts.put(a[0], a[1]);
    }
    ObjectNode ext = rs.putObject("extensions");
    ext.put("compiler_version", COMPILER_VERSION);
    ext.put("blueprint_title", blueprint.path("title").asText());
    ext.put("timezone", snapshot.zone().getId());
    ext.put("gate_suite_id", bundle.gateSuite().policyId());
    // policy_bundle_sha256 covers the bundle file only (reference parity); these let the runner notice an edited,
    // re-locked policy that the bundle names (costs or timing changing under the same run id).
    ObjectNode policyFiles = ext.putObject("policy_file_sha256");
    bundle.policyFileSha256().forEach(policyFiles::put);
    return rs;
  }

  static final String[][] DOSSIER_ARTIFACTS = {
      {"dossier_manifest", "dossier_manifest.json"}, {"config_snapshot", "config_snapshot.json"},
      {"data_manifest", "data_manifest.json"}, {"metrics", "metrics.json"}, {"curve", "curve.csv"},
      {"trades", "trades.csv"}, {"positions", "positions.csv"}, {"turnover", "turnover.csv"},
      {"exposure", "exposure.json"}, {"segments_summary", "segments_summary.json"}};

  private static ObjectNode segmentsJson(EvaluationProtocol p, List<Segment> segments, Snapshot snapshot) {
    ObjectNode s = Json.object();
    Segment overall = SegmentPlanner.testOverall(p, snapshot.zone());
    s.set("train", range(p.trainStart(), p.trainEnd().minusDays(p.embargoDays()),
        p.trainAsOf() != null ? p.trainAsOf() : Segment.endOfDay(p.trainEnd().minusDays(p.embargoDays()), snapshot.zone())));
    s.set("test", range(overall.start(), overall.end(), overall.asOf()));
    if (p.hasHoldout()) {
      s.set("holdout", range(p.holdoutStart(), p.holdoutEnd(),
          p.holdoutAsOf() != null ? p.holdoutAsOf() : Segment.endOfDay(p.holdoutEnd(), snapshot.zone())));
    }
    ArrayNode list = s.putArray("list");
    segments.forEach(seg -> list.add(seg.toJson()));
    return s;
  }

  private static ObjectNode range(LocalDate start, LocalDate end, String asOf) {
    ObjectNode n = Json.object();
    n.put("start", start.toString());
    n.put("end", end.toString());
    n.put("as_of", asOf);
    return n;
  }

  private static void putNullable(ObjectNode n, String key, Integer v) {
    if (v == null) {
      n.putNull(key);
    } else {
      n.put(key, v);
    }
  }
}
