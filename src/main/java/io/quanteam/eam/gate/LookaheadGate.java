package io.quanteam.eam.gate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quanteam.eam.backtest.RunSetup;
import io.quanteam.eam.backtest.SymbolInput;
import io.quanteam.eam.compile.Segment;
import io.quanteam.eam.dsl.SignalValues;
import io.quanteam.eam.json.Json;
import io.quanteam.eam.policy.GateSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code gate_no_lookahead_v1} on one segment: {@link LookaheadCheck} over every symbol's bars as the engine
 * received them (recomputed from the snapshot), a cross-check that their number equals the {@code rows_visible} the
 * run recorded in {@code data_manifest.json}, and the recorded evidence: dates published by as_of
 * ({@link RecordedAvailability}) and every fill driven by a signal published by its fill time ({@link FillAvailability}).
 */
final class LookaheadGate {
  static final int DEFAULT_CUT_POINTS = 5;

  private LookaheadGate() {}

  static GateResult evaluate(GateSpec spec, GateContext ctx, Segment segment, List<String> artifacts) {
    int cutPoints = spec.params().path("cut_points").asInt(DEFAULT_CUT_POINTS);
    long asOf = segment.asOfEpochSecond();
    SignalFunction program = ctx.setup().program()::evaluate;
    LookaheadReport report = ctx.lookahead(segment, cutPoints, () -> {
      List<LookaheadReport> parts = new ArrayList<>();
      for (SymbolInput in : ctx.inputs(segment)) {
        SignalValues full = new SignalValues(in.entryRaw(), in.exitRaw(), Map.of());
        parts.add(LookaheadCheck.check(in.bars(), full, asOf, segment.start(), segment.end(), cutPoints, program));
      }
      return LookaheadReport.merge(parts);
    });

    ObjectNode m = Json.object();
    m.put("snapshot_id", ctx.snapshotId);
    ObjectNode seg = m.putObject("segment");
    seg.put("start", segment.start().toString());
    seg.put("end", segment.end().toString());
    seg.put("as_of", segment.asOf());
    m.put("rows_checked", report.rowsChecked());
    m.put("cut_points", cutPoints);
    m.put("truncated_evaluations", report.cutPoints());
    String base = "test_overall".equals(segment.segmentId()) ? "" : "segments/" + segment.segmentId() + "/";
    List<LookaheadReport.Violation> recordedLate = RecordedAvailability.check(ctx.bytesOrDisk(base + "curve.csv"),
        ctx.bytesOrDisk(base + "trades.csv"), ctx.setup().snapshot().bars(), asOf);
    m.put("recorded_rows_after_as_of", recordedLate.size());
    RunSetup setup = ctx.setup();
    FillAvailability.Result fills = FillAvailability.check(ctx.bytesOrDisk(base + "trades.csv"), ctx.inputs(segment),
        setup.lagBars(), setup.timing(), setup.clock());
    m.put("fills_checked", fills.fillsChecked());
    m.put("fills_without_available_signal", fills.violations().size());
    List<LookaheadReport.Violation> all = new ArrayList<>(report.violations());
    all.addAll(recordedLate);
    all.addAll(fills.violations());
    int violations = all.size();
    JsonNode recorded = recordedRowsVisible(ctx, segment);
    if (recorded != null) {
      m.set("rows_visible_recorded", recorded);
      if (recorded.asInt() != report.rowsChecked()) {
        violations++;
        m.put("rows_visible_mismatch", true);
      }
    }
    m.put("violations_count", violations);
    if (all.isEmpty()) {
      m.putNull("first_violation");
    } else {
      LookaheadReport.Violation v = all.get(0);
      m.putObject("first_violation").put("symbol", v.symbol()).put("date", v.date().toString())
          .put("rule", v.rule().wire());
    }
    return new GateResult(spec.gateId(), spec.gateVersion(), violations == 0 ? GateStatus.PASS : GateStatus.FAIL,
        m, Json.object().put("max_violations", 0), artifacts,
        "rows used, and every date and fill the dossier records, have available_at <= as_of; every recorded fill is "
            + "driven by a signal whose inputs were published by its fill time; signals re-evaluated on data cut at "
            + cutPoints + " points per symbol equal the full-run signals up to each cut");
  }

  /** The data manifest's rows_visible for this segment, or null when the run recorded none for it. */
  private static JsonNode recordedRowsVisible(GateContext ctx, Segment segment) {
    for (JsonNode s : ctx.dataManifest.path("segments")) {
      if (s.path("segment_id").asText().equals(segment.segmentId()) && s.path("rows_visible").isInt()) {
        return s.path("rows_visible");
      }
    }
    return null;
  }
}
