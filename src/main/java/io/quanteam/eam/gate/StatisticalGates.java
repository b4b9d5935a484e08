package io.quanteam.eam.gate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quanteam.eam.compile.TrialIdentity;
import io.quanteam.eam.json.Json;
import io.quanteam.eam.policy.GateSpec;
import io.quanteam.eam.stats.SharpeStatistics;
import io.quanteam.eam.stats.StatResult;
import java.util.List;

/**
 * psr_v1, dsr_v1 and min_trl_v1 on test_overall's per-bar sr, skew, kurtosis and bars as {@code metrics.json}
 * records them. An undefined statistic (a null input, a non-positive variance term, SR ≤ SR* for MinTRL) fails
 * the gate with the reason in its metrics, never NaN.
 */
final class StatisticalGates {
  static final double DEFAULT_MIN_PSR = 0.95;
  static final double DEFAULT_MIN_DSR = 0.95;
  static final double DEFAULT_ALPHA = 0.05;
  private static final List<String> ARTIFACTS = List.of("metrics.json");

  private StatisticalGates() {}

  /** test_overall's inputs, or the reason they are unusable. */
  record Inputs(Double sr, Double skew, Double kurtosis, int bars) {
    static Inputs of(JsonNode metrics) {
      return new Inputs(number(metrics.path("sr")), number(metrics.path("skew")), number(metrics.path("kurtosis")),
          metrics.path("bars").asInt(0));
    }

    /** Null when all are present, else the reason naming the first null one. */
    String missing() {
      if (sr == null) {
        return "metrics.json sr is null (fewer than 2 bars or constant equity)";
      }
      if (skew == null || kurtosis == null) {
        return "metrics.json skew/kurtosis is null (constant returns)";
      }
      return null;
    }

    void into(ObjectNode m) {
      GateJson.number(m, "sr", sr);
      GateJson.number(m, "skew", skew);
      GateJson.number(m, "kurtosis", kurtosis);
      m.put("bars", bars);
    }

    private static Double number(JsonNode n) {
      return n.isNumber() ? n.asDouble() : null;
    }
  }

  static GateResult psr(GateSpec spec, JsonNode metrics) {
    double min = spec.params().path("min_psr").asDouble(DEFAULT_MIN_PSR);
    double srStar = spec.params().path("sr_star").asDouble(0.0);
    Inputs in = Inputs.of(metrics);
    ObjectNode m = Json.object();
    in.into(m);
    m.put("sr_star", srStar);
    StatResult psr = in.missing() != null ? StatResult.undefined(in.missing())
        : SharpeStatistics.psr(in.sr, srStar, in.bars, in.skew, in.kurtosis);
    boolean pass = record(m, "psr", psr) && psr.value() >= min;
    return result(spec, pass, m, Json.object().put("min_psr", min).put("sr_star", srStar),
        "probabilistic Sharpe ratio PSR(SR*) of test_overall (Bailey & Lopez de Prado 2012)");
  }

  /**
   * DSR of this run among the trials its {@code trials} param counts (ADR 0007). The metrics name the mode, the data
   * (snapshot, universe), the lineage, N, V and the ids of the N trials, so a reviewer sees the whole burden.
   */
  static GateResult dsr(GateSpec spec, JsonNode metrics, DsrTrials trials, String runId, TrialIdentity self) {
    double min = spec.params().path("min_dsr").asDouble(DEFAULT_MIN_DSR);
    Inputs in = Inputs.of(metrics);
    ObjectNode m = Json.object();
    in.into(m);
    if (trials.lineageRootJobId() == null) {
      m.putNull("lineage_root_job_id");
    } else {
      m.put("lineage_root_job_id", trials.lineageRootJobId());
    }
    m.put("data_snapshot_id", self.dataSnapshotId());
    m.set("universe", GateJson.strings(self.universe()));
    ObjectNode thresholds = Json.object().put("min_dsr", min);
    String mode = TrialCount.mode(spec.params());
    if (mode == null) {
      JsonNode param = spec.params().path(TrialCount.PARAM);
      String given = param.isTextual() ? param.textValue() : param.toString();
      m.put("trial_count_mode", given);
      record(m, "dsr", StatResult.undefined("params." + TrialCount.PARAM + " is " + given + "; expected "
          + TrialCount.SAME_DATA + " or " + TrialCount.LINEAGE));
      return result(spec, false, m, thresholds, "deflated Sharpe ratio: unknown trial counting mode");
    }
    TrialCount count = TrialCount.of(mode, trials, runId, self);
    int n = count.n();
    m.put("trial_count_mode", mode);
    m.put("n_trials", n);
    m.set("trial_run_ids", GateJson.strings(count.countedRunIds()));
    m.set("same_computation_run_ids", GateJson.strings(count.sameComputationRunIds()));
    StatResult dsr;
    if (in.missing() != null) {
      m.putNull("trial_sr_variance");
      m.putNull("sr0");
      dsr = StatResult.undefined(in.missing() + "; this run cannot join the trial set");
    } else {
      double[] all = new double[n];
      for (int i = 0; i < n - 1; i++) {
        all[i] = count.priorSrs().get(i);
      }
      all[n - 1] = in.sr;
      double variance = SharpeStatistics.trialVariance(all);
      GateJson.number(m, "trial_sr_variance", variance);
      boolean finite = Double.isFinite(variance);
      GateJson.number(m, "sr0", finite ? SharpeStatistics.sr0(variance, n) : Double.NaN);
      dsr = SharpeStatistics.dsr(in.sr, in.bars, in.skew, in.kurtosis, all);
    }
    boolean pass = record(m, "dsr", dsr) && dsr.value() >= min;
    return result(spec, pass, m, thresholds, "deflated Sharpe ratio PSR(SR0): N = "
        + (TrialCount.SAME_DATA.equals(mode) ? "every trial recorded on this snapshot and universe"
            : "the trials of this lineage")
        + " with this run, each computation once (trial_run_ids); V = their SR variance (1/N)");
  }

  static GateResult minTrl(GateSpec spec, JsonNode metrics) {
    double alpha = spec.params().path("alpha").asDouble(DEFAULT_ALPHA);
    double srStar = spec.params().path("sr_star").asDouble(0.0);
    Inputs in = Inputs.of(metrics);
    ObjectNode m = Json.object();
    in.into(m);
    m.put("sr_star", srStar);
    m.put("alpha", alpha);
    StatResult trl = in.missing() != null ? StatResult.undefined(in.missing())
        : SharpeStatistics.minTrl(in.sr, srStar, in.skew, in.kurtosis, alpha);
    boolean pass = record(m, "min_trl", trl) && in.bars >= trl.value();
    return result(spec, pass, m, Json.object().put("alpha", alpha).put("sr_star", srStar),
        "bars of test_overall >= minimum track record length MinTRL(SR*, alpha)");
  }

  /** Writes the statistic (or null with its reason); true when it is defined. */
  private static boolean record(ObjectNode m, String key, StatResult s) {
    if (s.defined()) {
      m.put(key, s.value());
      return true;
    }
    m.putNull(key);
    m.put("reason", s.reason());
    return false;
  }

  private static GateResult result(GateSpec spec, boolean pass, ObjectNode m, ObjectNode thresholds, String notes) {
    return new GateResult(spec.gateId(), spec.gateVersion(), pass ? GateStatus.PASS : GateStatus.FAIL, m,
        thresholds, ARTIFACTS, notes);
  }
}
