package io.quanteam.eam.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import com.fasterxml.jackson.databind.JsonNode;
import io.quanteam.eam.compile.TrialIdentity;
import io.quanteam.eam.json.Json;
import io.quanteam.eam.policy.GateSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * psr_v1, dsr_v1 and min_trl_v1 on crafted test_overall metrics. Expected values worked by hand with Python's
 * statistics.NormalDist: SR = 0.1, γ3 = 0, γ4 = 3 give the variance term 1 + (3−1)/4·0.01 = 1.005;
 * PSR(0) = Z[0.1·√(T−1)/√1.005] = Z[0.99751] = 0.840741 at T = 101 and Z[3.15441] = 0.999196 at T = 1001;
 * MinTRL = 1 + 1.005·(1.6448536/0.1)² = 272.907.
 */
class StatisticalGatesTest {
  static final GateSpec PSR = new GateSpec("psr_v1", "v1", Json.parse("{\"min_psr\": 0.95, \"sr_star\": 0.0}", "p"));
  static final GateSpec DSR = new GateSpec("dsr_v1", "v1", Json.parse("{\"min_dsr\": 0.95}", "p"));
  static final GateSpec MIN_TRL = new GateSpec("min_trl_v1", "v1",
      Json.parse("{\"alpha\": 0.05, \"sr_star\": 0.0}", "p"));

  static final TrialIdentity SELF = new TrialIdentity("c0ffee000000", "demo", List.of("AAA", "BBB"));

  /** The DSR of run "run_self" (computation {@link #SELF}) with these trials recorded before it. */
  static GateResult dsr(GateSpec spec, JsonNode metrics, DsrTrials trials) {
    return StatisticalGates.dsr(spec, metrics, trials, "run_self", SELF);
  }

  static DsrTrials prior(double... srs) {
    List<PriorTrial> list = new java.util.ArrayList<>();
    for (int i = 0; i < srs.length; i++) {
      list.add(new PriorTrial("run_" + i, "comp_" + i, srs[i]));
    }
    return new DsrTrials("root", TrialSource.of(list));
  }

  static JsonNode metrics(String sr, int bars) {
    return Json.parse("{\"sr\": " + sr + ", \"skew\": 0.0, \"kurtosis\": 3.0, \"bars\": " + bars + "}", "metrics");
  }

  @Test
  void psrPassesWithALongRecordAndFailsWithAShortOne() {
    GateResult longRecord = StatisticalGates.psr(PSR, metrics("0.1", 1001));
    assertThat(longRecord.status()).isEqualTo(GateStatus.PASS);
    assertThat(longRecord.metrics().path("psr").asDouble()).isCloseTo(0.9991958616790708, offset(1e-12));
    GateResult shortRecord = StatisticalGates.psr(PSR, metrics("0.1", 101));
    assertThat(shortRecord.status()).isEqualTo(GateStatus.FAIL);
    assertThat(shortRecord.metrics().path("psr").asDouble()).isCloseTo(0.8407413278013518, offset(1e-12));
    assertThat(shortRecord.thresholds().path("min_psr").asDouble()).isEqualTo(0.95);
  }

  @Test
  void anUndefinedStatisticFailsWithItsReasonAndNoNumber() {
    GateResult nullSr = StatisticalGates.psr(PSR, Json.parse("{\"sr\": null, \"skew\": null, \"kurtosis\": null, "
        + "\"bars\": 1}", "m"));
    assertThat(nullSr.status()).isEqualTo(GateStatus.FAIL);
    assertThat(nullSr.metrics().path("psr").isNull()).isTrue();
    assertThat(nullSr.metrics().path("reason").asText()).contains("sr is null");
    // 1 − γ3·SR + (γ4−1)/4·SR² = 1 − 5·0.5 + 0 = −1.5 ≤ 0 with γ3 = 5, γ4 = 1, SR = 0.5.
    GateResult negative = StatisticalGates.psr(PSR, Json.parse("{\"sr\": 0.5, \"skew\": 5.0, \"kurtosis\": 1.0, "
        + "\"bars\": 500}", "m"));
    assertThat(negative.status()).isEqualTo(GateStatus.FAIL);
    assertThat(negative.metrics().path("reason").asText()).contains("≤ 0");
    assertThat(negative.toJson().toString()).doesNotContain("NaN");
  }

  @Test
  void dsrOfAFirstTrialHasSr0ZeroAndEqualsPsr() {
    GateResult r = dsr(DSR, metrics("0.1", 1001), DsrTrials.first("root"));
    assertThat(r.metrics().path("n_trials").asInt()).isEqualTo(1);
    assertThat(r.metrics().path("trial_sr_variance").asDouble()).isZero();
    assertThat(r.metrics().path("sr0").asDouble()).isZero();
    assertThat(r.metrics().path("dsr").asDouble()).isCloseTo(0.9991958616790708, offset(1e-12));
    assertThat(r.metrics().path("lineage_root_job_id").asText()).isEqualTo("root");
    assertThat(r.metrics().path("trial_run_ids")).containsExactly(Json.MAPPER.valueToTree("run_self"));
    assertThat(r.status()).isEqualTo(GateStatus.PASS);
  }

  @Test
  void dsrCountsThisRunAsTrialNAndUsesTheVarianceOfAllN() {
    // SRs {0.05, 0.15} before and 0.1 now: N = 3, mean 0.1, V = (0.0025 + 0.0025 + 0)/3 = 0.0016667;
    // SR0 = √V·(0.4228·Z⁻¹[2/3] + 0.5772·Z⁻¹[1 − 1/(3e)]) = 0.0348156; DSR = Z[(0.1 − SR0)·√1000/√1.005].
    GateResult r = dsr(DSR, metrics("0.1", 1001), prior(0.05, 0.15));
    assertThat(r.metrics().path("n_trials").asInt()).isEqualTo(3);
    assertThat(r.metrics().path("trial_sr_variance").asDouble()).isCloseTo(0.0016666666666666668, offset(1e-15));
    assertThat(r.metrics().path("sr0").asDouble()).isCloseTo(0.03481559776534172, offset(1e-12));
    assertThat(r.metrics().path("dsr").asDouble()).isCloseTo(0.9801173071768287, offset(1e-12));
    assertThat(r.status()).isEqualTo(GateStatus.PASS);
    // The reviewer sees the burden: how N was counted, on which data, and every trial in it.
    assertThat(r.metrics().path("trial_count_mode").asText()).isEqualTo("same_data");
    assertThat(r.metrics().path("data_snapshot_id").asText()).isEqualTo("demo");
    assertThat(r.metrics().path("universe").toString()).isEqualTo("[\"AAA\",\"BBB\"]");
    assertThat(r.metrics().path("trial_run_ids").toString()).isEqualTo("[\"run_0\",\"run_1\",\"run_self\"]");
    assertThat(r.metrics().path("same_computation_run_ids").toString()).isEqualTo("[]");
    // The same run with a short record is deflated below 0.95.
    assertThat(dsr(DSR, metrics("0.1", 301), prior(0.05, 0.15))
        .status()).isEqualTo(GateStatus.FAIL);
  }

  @Test
  void minTrlComparesBarsWithTheMinimumTrackRecordLength() {
    GateResult enough = StatisticalGates.minTrl(MIN_TRL, metrics("0.1", 273));
    assertThat(enough.metrics().path("min_trl").asDouble()).isCloseTo(272.90711713658874, offset(1e-9));
    assertThat(enough.status()).isEqualTo(GateStatus.PASS);
    assertThat(StatisticalGates.minTrl(MIN_TRL, metrics("0.1", 272)).status()).isEqualTo(GateStatus.FAIL);
    GateResult losing = StatisticalGates.minTrl(MIN_TRL, metrics("-0.02", 5000));
    assertThat(losing.status()).isEqualTo(GateStatus.FAIL);
    assertThat(losing.metrics().path("min_trl").isNull()).isTrue();
    assertThat(losing.metrics().path("reason").asText()).contains("SR* = 0");
  }
}
