package io.quanteam.eam.gate;

import static org.assertj.core.api.Assertions.assertThat;

import io.quanteam.eam.json.Json;
import org.junit.jupiter.api.Test;

/** Issue 10: each failed gate said in one line — the value against its threshold, else the gate's reason. */
class GateFailuresTest {
  @Test
  void failedGatesOfTheSuiteAndOfSegmentsWithTheirValueAgainstTheThresholdOrTheirReason() {
    var results = Json.parse("""
        {"results": [
          {"gate_id": "basic_sanity", "status": "pass", "pass": true},
          {"gate_id": "psr_v1", "status": "fail", "pass": false, "thresholds": {"min_psr": 0.95},
           "metrics": {"psr": 0.912345678}},
          {"gate_id": "risk_policy_compliance_v1", "status": "fail", "pass": false,
           "thresholds": {"allow_short": false, "max_leverage": 1.0},
           "metrics": {"max_leverage_observed": 1.5}},
          {"gate_id": "gate_holdout_passfail_v1", "status": "skipped"}],
         "segment_results": [{"segment_id": "test_003", "gates": [
          {"gate_id": "gate_cost_x2_v1", "status": "fail", "pass": false, "thresholds": {"max_return_drop": 0.1},
           "metrics": {"reason": "undefined: test_003 has 1 bar(s); comparing returns needs at least 2"}},
          {"gate_id": "gate_delay_plus_1bar_v1", "status": "invalid", "pass": false, "thresholds": {},
           "metrics": {}, "evidence": {"notes": "lag re-run failed"}}]}]}
        """, "gate_results.json");
    assertThat(GateFailures.of(results)).extracting(GateFailures.Failure::line).containsExactly(
        "psr_v1 (psr 0.9123 < 0.95)",
        "risk_policy_compliance_v1 (leverage 1.5 > 1)",
        "gate_cost_x2_v1@test_003 (undefined: test_003 has 1 bar(s); comparing returns needs at least 2)",
        "gate_delay_plus_1bar_v1@test_003 (lag re-run failed)");
    assertThat(GateFailures.of(results).get(3).status()).isEqualTo("invalid");
  }

  @Test
  void aFailedHoldoutGateIsNamedWithoutAnythingOfTheHoldout() {
    var results = Json.parse("""
        {"results": [{"gate_id": "gate_holdout_passfail_v1", "status": "fail", "pass": false,
           "thresholds": {"min_total_return": 0.05},
           "metrics": {"total_return": 0.031, "reason": "holdout return 0.031 below 0.05"}}],
         "segment_results": [{"segment_id": "holdout_000", "kind": "holdout", "holdout": true, "gates": [
          {"gate_id": "gate_holdout_passfail_v1", "status": "fail", "pass": false,
           "metrics": {"reason": "holdout Sharpe 0.2 below"}}]}]}
        """, "gate_results.json");
    assertThat(GateFailures.of(results)).extracting(GateFailures.Failure::line)
        .containsExactly("gate_holdout_passfail_v1", "gate_holdout_passfail_v1@holdout_000");
  }

  /** What the agents may read (02 §11): a run whose only failure is the holdout's reads as a pass. */
  @Test
  void outsideTheHoldoutNothingOfItIsToldNotEvenItsVerdict() {
    var onlyHoldout = Json.parse("""
        {"overall_pass": false, "results": [
          {"gate_id": "basic_sanity", "status": "pass", "pass": true},
          {"gate_id": "gate_holdout_passfail_v1", "status": "fail", "pass": false},
          {"gate_id": "holdout_leak_guard_v1", "status": "fail", "pass": false}],
         "segment_results": [{"segment_id": "holdout_000", "kind": "holdout", "holdout": true, "gates": [
          {"gate_id": "gate_cost_x2_v1", "status": "fail", "pass": false}]},
          {"segment_id": "test_001", "kind": "test", "holdout": false, "gates": [
          {"gate_id": "gate_delay_plus_1bar_v1", "status": "pass", "pass": true}]}]}
        """, "gate_results.json");
    assertThat(GateFailures.outsideHoldout(onlyHoldout)).isEmpty();
    var testSliceFailed = Json.parse("""
        {"results": [{"gate_id": "psr_v1", "status": "pass", "pass": true}],
         "segment_results": [{"segment_id": "test_001", "kind": "test", "holdout": false, "gates": [
          {"gate_id": "gate_delay_plus_1bar_v1", "status": "fail", "pass": false}]}]}
        """, "gate_results.json");
    assertThat(GateFailures.outsideHoldout(testSliceFailed)).extracting(GateFailures.Failure::line)
        .containsExactly("gate_delay_plus_1bar_v1@test_001");
  }

  @Test
  void numbersAreRoundedForPeople() {
    assertThat(GateFailures.number(Json.parse("0.0897512345", "n"))).isEqualTo("0.08975");
    assertThat(GateFailures.number(Json.parse("12", "n"))).isEqualTo("12");
    assertThat(GateFailures.number(Json.parse("123456.789", "n"))).isEqualTo("123500");
    assertThat(GateFailures.number(Json.parse("0.0000123456", "n"))).isEqualTo("0.00001235");
  }
}
