package io.quanteam.eam.gate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quanteam.eam.backtest.BacktestEngine;
import io.quanteam.eam.backtest.CostModel;
import io.quanteam.eam.backtest.RunSetup;
import io.quanteam.eam.backtest.SegmentRunner;
import io.quanteam.eam.compile.Segment;
import io.quanteam.eam.json.Json;
import io.quanteam.eam.policy.CostPolicy;
import io.quanteam.eam.policy.GateSpec;
import java.util.List;

/**
 * The robustness gates: the segment re-run in memory one bar later ({@code gate_delay_plus_1bar_v1}) or with
 * commission and slippage scaled ({@code gate_cost_x2_v1}) may lose at most {@code max_return_drop} of total
 * return against the dossier's recorded baseline. Re-runs use the engine's total-return fast path and the
 * signals already evaluated for the segment.
 */
final class StressGates {
  static final double DEFAULT_DELAY_MAX_DROP = 0.05;
  static final double DEFAULT_COST_MAX_DROP = 0.10;
  static final double DEFAULT_COST_FACTOR = 2.0;
  static final int MIN_BARS = 2;

  private StressGates() {}

  static GateResult delay(GateSpec spec, GateContext ctx, Segment segment, List<String> artifacts) {
    double maxDrop = spec.params().path("max_return_drop").asDouble(DEFAULT_DELAY_MAX_DROP);
    RunSetup setup = ctx.setup();
    int lag = setup.lagBars();
    double stressed = BacktestEngine.totalReturn(ctx.inputs(segment), SegmentRunner.window(segment), lag + 1,
        setup.costs(), setup.timing(), setup.clock());
    ObjectNode m = Json.object();
    m.put("baseline_lag_bars", lag);
    m.put("stressed_lag_bars", lag + 1);
    return compare(spec, ctx, segment, artifacts, stressed, maxDrop, m, Json.object(),
        "re-runs the segment in memory with lag_bars+1; compares total_return with the dossier's baseline");
  }

  static GateResult cost(GateSpec spec, GateContext ctx, Segment segment, List<String> artifacts) {
    double maxDrop = spec.params().path("max_return_drop").asDouble(DEFAULT_COST_MAX_DROP);
    double factor = spec.params().path("factor").asDouble(DEFAULT_COST_FACTOR);
    RunSetup setup = ctx.setup();
    CostPolicy base = setup.bundle().cost();
    CostPolicy scaled = base.scaled(factor);
    CostModel costs = new CostModel(scaled.commissionBps(), scaled.slippageBps(), scaled.taxBps(), scaled.minFee());
    double stressed = BacktestEngine.totalReturn(ctx.inputs(segment), SegmentRunner.window(segment),
        setup.lagBars(), costs, setup.timing(), setup.clock());
    ObjectNode m = Json.object();
    m.set("baseline_cost_policy_params", base.toParamsJson());
    m.set("stressed_cost_policy_params", scaled.toParamsJson());
    return compare(spec, ctx, segment, artifacts, stressed, maxDrop, m, Json.object().put("factor", factor),
        "re-runs the segment in memory with commission and slippage x" + factor
            + "; compares total_return with the dossier's baseline");
  }

  private static GateResult compare(GateSpec spec, GateContext ctx, Segment segment, List<String> artifacts,
      double stressed, double maxDrop, ObjectNode m, ObjectNode thresholds, String notes) {
    JsonNode metrics = ctx.segmentMetrics(segment);
    JsonNode recorded = metrics.path("total_return");
    thresholds.put("max_return_drop", maxDrop);
    GateJson.number(m, "stressed_total_return", stressed);
    int bars = metrics.path("bars").asInt(0);
    // One bar is one return: a comparison on it is undefined, and an undefined statistic never passes.
    String undefined = !recorded.isNumber() ? "the dossier records no total_return for " + segment.segmentId()
        : bars < MIN_BARS ? "undefined: " + segment.segmentId() + " has " + bars + " bar(s); comparing returns needs "
            + "at least " + MIN_BARS : null;
    if (undefined != null) {
      m.putNull("baseline_total_return");
      m.putNull("return_drop");
      m.put("reason", undefined);
      return new GateResult(spec.gateId(), spec.gateVersion(), GateStatus.FAIL, m, thresholds, artifacts, notes);
    }
    double baseline = recorded.asDouble();
    m.put("baseline_total_return", baseline);
    GateJson.number(m, "return_drop", baseline - stressed);
    boolean pass = stressed >= baseline - maxDrop;
    return new GateResult(spec.gateId(), spec.gateVersion(), pass ? GateStatus.PASS : GateStatus.FAIL, m,
        thresholds, artifacts, notes);
  }
}
