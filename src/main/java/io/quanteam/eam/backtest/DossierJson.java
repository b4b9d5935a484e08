package io.quanteam.eam.backtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quanteam.eam.compile.BlueprintCompiler;
import io.quanteam.eam.compile.Segment;
import io.quanteam.eam.data.SymbolBars;
import io.quanteam.eam.json.Json;
import java.util.Map;

/** The JSON documents of a dossier, built from a run's results; no I/O here. */
final class DossierJson {
  private DossierJson() {}

  static ObjectNode segmentMetrics(RunSetup setup, Segment seg, SegmentMetrics m) {
    ObjectNode n = Json.object();
    n.put("schema_version", "segment_metrics_v1");
    n.put("run_id", setup.runId());
    n.put("segment_id", seg.segmentId());
    n.put("kind", seg.kind().wire());
    n.put("holdout", false);
    n.put("start", seg.start().toString());
    n.put("end", seg.end().toString());
    n.put("as_of", seg.asOf());
    n.put("lag_bars", setup.lagBars());
    n.put("adapter_id", BlueprintCompiler.ADAPTER_ID);
    n.setAll(m.toJson());
    return n;
  }

  static ObjectNode segmentSummaryEntry(Segment seg, SegmentMetrics m, String base) {
    ObjectNode n = seg.toJson();
    ObjectNode artifacts = n.putObject("artifacts");
    artifacts.put("metrics", base + "metrics.json");
    artifacts.put("curve", base + "curve.csv");
    artifacts.put("trades", base + "trades.csv");
    JsonNode all = m.toJson();
    ObjectNode brief = n.putObject("metrics");
    for (String key : new String[] {"total_return", "sharpe", "max_drawdown", "trade_count", "bars"}) {
      brief.set(key, all.get(key));
    }
    return n;
  }

  /** A holdout appears in the summary by its range only: no artifacts, no metrics. */
  static ObjectNode holdoutSummaryEntry(Segment seg) {
    ObjectNode n = seg.toJson();
    n.putObject("artifacts");
    return n;
  }

  static ObjectNode segmentsSummary(RunSetup setup, ArrayNode entries) {
    ObjectNode n = Json.object();
    n.put("schema_version", "segments_summary_v1");
    n.put("run_id", setup.runId());
    n.set("segments", entries);
    n.putObject("extensions").put("protocol",
        setup.runspec().path("evaluation_protocol").path("protocol").asText("fixed_split"));
    return n;
  }

  static ObjectNode exposure(BacktestResult r, SegmentMetrics m) {
    ObjectNode n = Json.object();
    n.put("schema_version", "exposure_v1");
    n.put("segment_id", r.window().segmentId());
    n.put("bars", r.bars());
    n.set("exposure", m.toJson().get("exposure"));
    int maxHeld = 0;
    double maxGross = 0;
    double sumGross = 0;
    for (int k = 0; k < r.bars(); k++) {
      maxHeld = Math.max(maxHeld, r.heldCount()[k]);
      maxGross = Math.max(maxGross, r.grossExposure()[k]);
      sumGross += r.grossExposure()[k];
    }
    n.put("max_positions_held", maxHeld);
    n.put("max_gross_exposure", maxGross);
    n.put("avg_gross_exposure", r.bars() == 0 ? 0.0 : sumGross / r.bars());
    n.put("open_positions", r.openPositions());
    return n;
  }

  static ObjectNode configSnapshot(RunSetup setup, String appVersion) {
    ObjectNode n = Json.object();
    n.put("schema_version", "config_snapshot_v1");
    n.put("run_id", setup.runId());
    n.set("runspec", setup.runspec());
    n.put("policy_bundle_id", setup.bundle().bundleId());
    n.put("policy_bundle_sha256", setup.bundle().bundleSha256());
    ObjectNode files = n.putObject("policy_file_sha256");
    setup.bundle().policyFileSha256().forEach(files::put);
    n.put("signal_dsl_fingerprint", setup.program().fingerprint());
    n.put("app_version", appVersion);
    n.put("adapter_id", BlueprintCompiler.ADAPTER_ID);
    return n;
  }

  static ObjectNode dataManifest(RunSetup setup) {
    ObjectNode n = Json.object();
    n.put("schema_version", "data_manifest_v1");
    n.put("snapshot_id", setup.snapshot().snapshotId());
    n.put("dataset_id", BlueprintCompiler.DATASET_ID);
    n.put("file", "ohlcv_1d.csv");
    n.put("sha256", setup.snapshot().csvSha256());
    n.put("timezone", setup.snapshot().zone().getId());
    n.put("asof_rule", "available_at<=as_of");
    ArrayNode syms = n.putArray("symbols");
    setup.symbols().forEach(syms::add);
    ArrayNode segs = n.putArray("segments");
    for (Segment seg : setup.segments()) {
      if (!seg.holdout()) {
        segs.add(rowsSeen(setup, seg));
      }
    }
    segs.add(rowsSeen(setup, setup.testOverall()));
    return n;
  }

  /** Rows per segment: how many bars exist up to the segment end, and how many were visible as of it. */
  private static ObjectNode rowsSeen(RunSetup setup, Segment seg) {
    long asOf = seg.asOfEpochSecond();
    long end = seg.end().toEpochDay();
    long start = seg.start().toEpochDay();
    int visible = 0;
    int inSegment = 0;
    int afterAsOf = 0;
    for (String s : setup.symbols()) {
      SymbolBars b = setup.snapshot().bars().get(s);
      for (int i = 0; i < b.size(); i++) {
        if (b.availableAt()[i] <= asOf) {
          visible++;
          if (b.epochDays()[i] >= start && b.epochDays()[i] <= end) {
            inSegment++;
          }
        } else if (b.epochDays()[i] <= end) {
          afterAsOf++;
        }
      }
    }
    ObjectNode n = Json.object();
    n.put("segment_id", seg.segmentId());
    n.put("as_of", seg.asOf());
    n.put("rows_visible", visible);
    n.put("rows_in_segment", inSegment);
    n.put("rows_not_yet_available", afterAsOf);
    return n;
  }

  static ObjectNode manifest(RunSetup setup, Map<String, String> hashes, String createdAt) {
    ObjectNode n = Json.object();
    n.put("schema_version", "dossier_v1");
    n.put("run_id", setup.runId());
    n.put("blueprint_hash", setup.runspec().path("blueprint_ref").path("blueprint_hash").asText());
    n.put("policy_bundle_id", setup.bundle().bundleId());
    n.put("data_snapshot_id", setup.snapshot().snapshotId());
    n.put("append_only", true);
    if (createdAt != null) {
      n.put("created_at", createdAt);
    }
    ObjectNode artifacts = n.putObject("artifacts");
    artifacts.put("dossier_manifest", DossierVerifier.MANIFEST);
    for (String name : hashes.keySet()) {
      if (!name.startsWith("segments/")) {
        artifacts.put(name.substring(0, name.lastIndexOf('.')), name);
      }
    }
    ObjectNode h = n.putObject("hashes");
    hashes.forEach(h::put);
    return n;
  }
}
