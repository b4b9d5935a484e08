package io.quanteam.eam.gate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quanteam.eam.backtest.BacktestResult;
import io.quanteam.eam.backtest.Metrics;
import io.quanteam.eam.backtest.Recording;
import io.quanteam.eam.backtest.RunSetup;
import io.quanteam.eam.backtest.SegmentRunner;
import io.quanteam.eam.compile.Segment;
import io.quanteam.eam.json.Json;
import io.quanteam.eam.json.PythonFloats;
import io.quanteam.eam.policy.GateSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code gate_holdout_passfail_v1}: the holdout segment is run in memory (curve only) and reduced at once to
 * {@code holdout_summary = {pass, summary, metrics_minimal {total_return, trade_count, lag_bars}}}, the only
 * holdout-derived output anywhere. The gate result itself carries no holdout number: its verdict, the thresholds,
 * and a pointer to the summary. Two criteria, each applied when the suite sets it: {@code min_total_return} (the
 * holdout's total return at least this) and {@code max_sharpe_drop} (the holdout's annualised Sharpe at least the
 * test range's minus this: a strategy whose edge collapses out of sample fails). An undefined Sharpe on either side
 * fails the second criterion, with the reason.
 */
final class HoldoutGate {
  static final String NO_THRESHOLD = "holdout evaluated (minimal output); no threshold configured";

  private HoldoutGate() {}

  /** The gate result, and the summary for gate_results.json (absent when there is no holdout segment). */
  record Outcome(GateResult result, Optional<ObjectNode> summary, Optional<Segment> segment) {}

  private static void putNumberOrNull(ObjectNode n, String key, JsonNode v) {
    if (v.isNumber()) {
      n.put(key, v.asDouble());
    } else {
      n.putNull(key);
    }
  }

  static Outcome evaluate(GateSpec spec, GateContext ctx) {
    JsonNode minReturn = spec.params().path("min_total_return");
    JsonNode maxSharpeDrop = spec.params().path("max_sharpe_drop");
    ObjectNode thresholds = Json.object();
    putNumberOrNull(thresholds, "min_total_return", minReturn);
    if (!maxSharpeDrop.isMissingNode()) {
      putNumberOrNull(thresholds, "max_sharpe_drop", maxSharpeDrop);
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
    List<String> verdicts = new ArrayList<>();
    boolean pass = true;
    // A threshold the suite states but that is no number must not silently switch its criterion off.
    for (String key : List.of("min_total_return", "max_sharpe_drop")) {
      JsonNode v = spec.params().path(key);
      if (!v.isMissingNode() && !v.isNull() && !v.isNumber()) {
        pass = false;
        String text = v.toString();
        verdicts.add(key + " is not a number (" + (text.length() > 20 ? text.substring(0, 20) + "…" : text)
            + "): fail");
      }
    }
    if (minReturn.isNumber()) {
      boolean ok = totalReturn >= minReturn.asDouble();
      pass &= ok;
      verdicts.add("total_return " + (ok ? ">=" : "<") + " min_total_return " + PythonFloats.repr(minReturn.asDouble())
          + ": " + (ok ? "pass" : "fail"));
    }
    if (maxSharpeDrop.isNumber()) {
      Double holdoutSharpe = Metrics.sharpe(r);
      JsonNode testSharpe = ctx.overallMetrics.path("sharpe");
      String drop = PythonFloats.repr(maxSharpeDrop.asDouble());
      if (holdoutSharpe == null || !testSharpe.isNumber()) {
        pass = false;
        verdicts.add("sharpe undefined on the " + (testSharpe.isNumber() ? "holdout" : "test range")
            + ", so max_sharpe_drop " + drop + " cannot be checked: fail");
      } else {
        boolean ok = holdoutSharpe >= testSharpe.asDouble() - maxSharpeDrop.asDouble();
        pass &= ok;
        verdicts.add("sharpe " + (ok ? ">=" : "<") + " test sharpe - max_sharpe_drop " + drop + ": "
            + (ok ? "pass" : "fail"));
      }
    }
    String summary = verdicts.isEmpty() ? NO_THRESHOLD
        : "holdout evaluated (minimal output); " + String.join("; ", verdicts);
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
