package io.quanteam.eam.gate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quanteam.eam.backtest.BacktestResult;
import io.quanteam.eam.backtest.Recording;
import io.quanteam.eam.backtest.RunSetup;
import io.quanteam.eam.backtest.SegmentRunner;
import io.quanteam.eam.compile.Segment;
import io.quanteam.eam.json.Json;
import io.quanteam.eam.json.PythonFloats;
import io.quanteam.eam.policy.GateSpec;
import java.util.List;
import java.util.Optional;

/**
 * {@code gate_holdout_passfail_v1}: the holdout segment is run in memory (curve only) and reduced at once to
 * {@code holdout_summary = {pass, summary, metrics_minimal {total_return, trade_count, lag_bars}}}, the only
 * holdout-derived output anywhere. The gate result itself carries no holdout number: its verdict, the threshold,
 * and a pointer to the summary.
 */
final class HoldoutGate {
  static final String NO_THRESHOLD = "holdout evaluated (minimal output); no threshold configured";

  private HoldoutGate() {}

  /** The gate result, and the summary for gate_results.json (absent when there is no holdout segment). */
  record Outcome(GateResult result, Optional<ObjectNode> summary, Optional<Segment> segment) {}

  static Outcome evaluate(GateSpec spec, GateContext ctx) {
    JsonNode threshold = spec.params().path("min_total_return");
    ObjectNode thresholds = Json.object();
    if (threshold.isNumber()) {
      thresholds.put("min_total_return", threshold.asDouble());
    } else {
      thresholds.putNull("min_total_return");
    }
    Optional<Segment> holdout = ctx.segments.stream().filter(Segment::holdout).findFirst();
    ObjectNode m = Json.object();
    if (holdout.isEmpty()) {
      m.put("holdout_present", false);
      m.put("summary", "no holdout segment in the runspec");
      return new Outcome(new GateResult(spec.gateId(), spec.gateVersion(), GateStatus.SKIPPED, m, thresholds,
          List.of("config_snapshot.json"), "skipped: the runspec has no holdout segment"), Optional.empty(),
          Optional.empty());
    }
    RunSetup setup = ctx.setup();
    BacktestResult r = SegmentRunner.run(setup, holdout.get(), Recording.CURVE_ONLY);
    double totalReturn = r.totalReturn();
    boolean pass;
    String summary;
    if (threshold.isNumber()) {
      double min = threshold.asDouble();
      pass = totalReturn >= min;
      summary = "holdout evaluated (minimal output); total_return " + (pass ? ">=" : "<") + " min_total_return "
          + PythonFloats.repr(min) + ": " + (pass ? "pass" : "fail");
    } else {
      pass = true;
      summary = NO_THRESHOLD;
    }
    ObjectNode minimal = Json.object();
    GateJson.number(minimal, "total_return", totalReturn);
    minimal.put("trade_count", r.tradeCount());
    minimal.put("lag_bars", setup.lagBars());
    ObjectNode holdoutSummary = Json.object();
    holdoutSummary.put("pass", pass);
    holdoutSummary.put("summary", summary);
    holdoutSummary.set("metrics_minimal", minimal);

    m.put("holdout_present", true);
    m.put("segment_id", holdout.get().segmentId());
    m.put("summary", summary);
    m.put("details", "holdout_summary");
    GateResult result = new GateResult(spec.gateId(), spec.gateVersion(), pass ? GateStatus.PASS : GateStatus.FAIL,
        m, thresholds, List.of("config_snapshot.json"),
        "holdout evaluated in memory with restricted output (no curve, trades or metrics written)");
    return new Outcome(result, Optional.of(holdoutSummary), holdout);
  }
}
