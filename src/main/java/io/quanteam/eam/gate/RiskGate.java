package io.quanteam.eam.gate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quanteam.eam.backtest.BacktestEngine;
import io.quanteam.eam.backtest.BacktestResult;
import io.quanteam.eam.json.Json;
import io.quanteam.eam.policy.GateSpec;
import io.quanteam.eam.policy.RiskPolicy;
import java.util.List;

/**
 * {@code risk_policy_compliance_v1}: test_overall's leverage (gross exposure: position value / equity at the
 * close), positions held, turnover and drawdown against the risk policy, from the in-memory replay that
 * determinism_guard proves equal to the dossier. A date counts as a violation when its value exceeds the limit
 * by more than {@link #TOLERANCE} (floating noise such as a gross exposure of 1.0000000000000002).
 */
final class RiskGate {
  static final double TOLERANCE = 1e-9;
  static final String REPORT_FILE = "risk_report.json";

  private RiskGate() {}

  /** The gate result and the {@code risk_report.json} it is evidence for. */
  record Outcome(GateResult result, ObjectNode report) {}

  /** One rule's worst value over the segment, the date it occurred, and how many dates broke the limit. */
  private record Rule(double observed, int worstIndex, int violations) {}

  static Outcome evaluate(GateSpec spec, GateContext ctx) {
    BacktestResult r = ctx.overallReplay();
    RiskPolicy policy = ctx.setup().bundle().risk();
    int n = r.bars();
    double[] leverage = r.grossExposure();
    double[] positions = new double[n];
    for (int k = 0; k < n; k++) {
      positions[k] = r.heldCount()[k];
    }
    double[] drawdownDepth = new double[n];
    double peak = BacktestEngine.INITIAL_CAPITAL;
    for (int k = 0; k < n; k++) {
      peak = Math.max(peak, r.equity()[k]);
      drawdownDepth[k] = -(r.equity()[k] / peak - 1);
    }
    Rule lev = worst(leverage, policy.maxLeverage());
    Rule pos = worst(positions, policy.maxPositions());
    Rule turn = worst(r.turnover(), policy.maxTurnover());
    Rule dd = worst(drawdownDepth, policy.maxDrawdown());
    // The drawdown is reported as in metrics.json: a non-positive number (0 when equity never fell below C0's peak).
    double maxDrawdown = dd.observed > 0 ? -dd.observed : 0.0;
    int total = lev.violations + pos.violations + turn.violations + dd.violations;

    ObjectNode m = Json.object();
    m.put("risk_policy_id", policy.policyId());
    m.put("max_leverage_limit", policy.maxLeverage());
    GateJson.number(m, "max_leverage_observed", lev.observed);
    m.put("max_positions_limit", policy.maxPositions());
    m.put("max_positions_observed", (int) pos.observed);
    m.put("max_turnover_limit", policy.maxTurnover());
    GateJson.number(m, "max_turnover_observed", turn.observed);
    m.put("max_drawdown_limit", policy.maxDrawdown());
    GateJson.number(m, "max_drawdown_observed", maxDrawdown);
    m.put("tolerance", TOLERANCE);
    ObjectNode v = m.putObject("violations");
    v.put("max_leverage", lev.violations);
    v.put("max_positions", pos.violations);
    v.put("max_turnover", turn.violations);
    v.put("max_drawdown", dd.violations);

    ObjectNode thresholds = Json.object();
    thresholds.put("max_leverage", policy.maxLeverage());
    thresholds.put("max_positions", policy.maxPositions());
    thresholds.put("max_turnover", policy.maxTurnover());
    thresholds.put("max_drawdown", policy.maxDrawdown());
    thresholds.put("allow_short", ctx.setup().bundle().execution().allowShort());

    ObjectNode report = Json.object();
    report.put("schema_version", "risk_report_v1");
    report.put("run_id", ctx.runId);
    report.put("segment_id", ctx.testOverall.segmentId());
    report.put("risk_policy_id", policy.policyId());
    report.put("bars", n);
    report.put("tolerance", TOLERANCE);
    report.put("pass", total == 0);
    report.put("violations_total", total);
    ObjectNode rules = report.putObject("rules");
    rule(rules, "max_leverage", lev.observed, policy.maxLeverage(), lev, r);
    rule(rules, "max_positions", pos.observed, policy.maxPositions(), pos, r);
    rule(rules, "max_turnover", turn.observed, policy.maxTurnover(), turn, r);
    rule(rules, "max_drawdown", maxDrawdown, policy.maxDrawdown(), dd, r);
    ((ObjectNode) rules.get("max_positions")).put("observed", (int) pos.observed).put("limit", policy.maxPositions());

    GateResult result = new GateResult(spec.gateId(), spec.gateVersion(),
        total == 0 ? GateStatus.PASS : GateStatus.FAIL, m, thresholds,
        List.of(REPORT_FILE, "positions.csv", "turnover.csv", "exposure.json", "curve.csv", "config_snapshot.json"),
        "test_overall replayed in memory: max gross exposure, positions held, turnover and |max_drawdown| against "
            + "the risk policy; observed values, limits and worst dates in risk_report.json");
    return new Outcome(result, report);
  }

  private static Rule worst(double[] values, double limit) {
    int worstIndex = -1;
    double observed = 0.0;
    int violations = 0;
    for (int k = 0; k < values.length; k++) {
      if (worstIndex < 0 || values[k] > observed) {
        observed = values[k];
        worstIndex = k;
      }
      if (values[k] > limit + TOLERANCE) {
        violations++;
      }
    }
    return new Rule(observed, worstIndex, violations);
  }

  private static void rule(ObjectNode rules, String name, double observed, double limit, Rule rule,
      BacktestResult r) {
    ObjectNode n = rules.putObject(name);
    GateJson.number(n, "observed", observed);
    n.put("limit", limit);
    n.put("violations", rule.violations);
    if (rule.worstIndex < 0) {
      n.putNull("worst_dt");
    } else {
      n.put("worst_dt", r.date(rule.worstIndex).toString());
    }
  }
}
