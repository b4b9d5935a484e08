package io.quanteam.eam.gate;

import static io.quanteam.eam.gate.GateRunnerTest.result;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quanteam.eam.contract.Contracts;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * gate_holdout_passfail_v1 around its threshold. The tiny demo's buy and hold over the holdout 2024-01-01..10
 * (lag 1: buy both symbols at the 01-02 open with 2 bp slippage and 1 bp commission, hold to the 01-10 close)
 * returns 0.5·101.4/(100.1·1.0002·1.0001) + 0.5·111.4/(110.1·1.0002·1.0001) − 1 ≈ 0.01209.
 */
class HoldoutGateTest {
  static final double HOLDOUT_RETURN = 0.5 * 101.4 / (100.1 * 1.0002 * 1.0001)
      + 0.5 * 111.4 / (110.1 * 1.0002 * 1.0001) - 1;

  @TempDir
  Path tmp;

  GateOutcome gate(String minTotalReturn, ObjectNode blueprint) {
    GateFixture f = new GateFixture(tmp).withTinyDemo();
    if (minTotalReturn != null) {
      f.withEditedPolicy("gate_suite_v1.yaml", "min_total_return: null", "min_total_return: " + minTotalReturn);
    }
    return f.runner().run(f.dossier(blueprint, "tiny"), DsrTrials.first(null));
  }

  @Test
  void noThresholdPassesAndReportsTheMinimalMetrics() {
    GateOutcome o = gate(null, TinyBlueprints.buyAndHold());
    JsonNode summary = o.gateResults().path("holdout_summary");
    assertThat(summary.path("pass").asBoolean()).isTrue();
    assertThat(summary.path("summary").asText()).isEqualTo("holdout evaluated (minimal output); no threshold configured");
    assertThat(summary.path("metrics_minimal").path("total_return").asDouble())
        .isCloseTo(HOLDOUT_RETURN, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(summary.path("metrics_minimal").path("trade_count").asInt()).isZero();
    assertThat(summary.path("metrics_minimal").path("lag_bars").asInt()).isEqualTo(1);
    JsonNode gate = result(o.gateResults(), "gate_holdout_passfail_v1");
    assertThat(gate.path("status").asText()).isEqualTo("pass");
    assertThat(gate.path("thresholds").path("min_total_return").isNull()).isTrue();
    assertThat(gate.path("metrics").toString()).doesNotContain("total_return");
  }

  @Test
  void aThresholdBelowTheHoldoutReturnPasses() {
    GateOutcome o = gate("0.012", TinyBlueprints.buyAndHold());
    assertThat(o.gateResults().path("holdout_summary").path("pass").asBoolean()).isTrue();
    assertThat(result(o.gateResults(), "gate_holdout_passfail_v1").path("status").asText()).isEqualTo("pass");
    assertThat(o.gateResults().path("holdout_summary").path("summary").asText())
        .isEqualTo("holdout evaluated (minimal output); total_return >= min_total_return 0.012: pass");
  }

  @Test
  void aThresholdAboveTheHoldoutReturnFailsAsAnOrdinaryFail() {
    GateOutcome o = gate("0.0121", TinyBlueprints.buyAndHold());
    assertThat(o.gateResults().path("holdout_summary").path("pass").asBoolean()).isFalse();
    assertThat(result(o.gateResults(), "gate_holdout_passfail_v1").path("status").asText()).isEqualTo("fail");
    assertThat(o.invalid()).isFalse();
    assertThat(o.overallPass()).isFalse();
    JsonNode holdoutEntry = o.gateResults().path("segment_results").get(o.gateResults().path("segment_results").size() - 1);
    assertThat(holdoutEntry.path("segment_id").asText()).isEqualTo("holdout_000");
    assertThat(holdoutEntry.path("overall_pass").asBoolean()).isFalse();
  }

  GateOutcome gateWithSharpeDrop(String maxSharpeDrop, ObjectNode blueprint) {
    GateFixture f = new GateFixture(tmp).withTinyDemo();
    f.withEditedPolicy("gate_suite_v1.yaml", "min_total_return: null",
        "min_total_return: null\n        max_sharpe_drop: " + maxSharpeDrop);
    return f.runner().run(f.dossier(blueprint, "tiny"), DsrTrials.first(null));
  }

  @Test
  void aHoldoutSharpeNotCollapsingAgainstTheTestRangePasses() {
    // The tiny blueprint's holdout is its test range: the same Sharpe, so no drop at all.
    GateOutcome o = gateWithSharpeDrop("0.0", TinyBlueprints.buyAndHold());
    assertThat(o.gateResults().path("holdout_summary").path("summary").asText()).isEqualTo(
        "holdout evaluated (minimal output); sharpe >= test sharpe - max_sharpe_drop 0.0: pass");
    JsonNode gate = result(o.gateResults(), "gate_holdout_passfail_v1");
    assertThat(gate.path("status").asText()).isEqualTo("pass");
    assertThat(gate.path("thresholds").path("max_sharpe_drop").asDouble()).isZero();
    assertThat(gate.path("metrics").toString()).doesNotContain("sharpe\":");
    assertThat(Contracts.shared().check(o.gateResults(), "gate_results_v2", "g")).isEmpty();
  }

  @Test
  void aHoldoutSharpeBelowTheTestRangesByMoreThanTheAllowedDropFailsWithoutPersistingIt() {
    // A negative drop demands the holdout beat the test range: the same Sharpe does not.
    GateOutcome o = gateWithSharpeDrop("-0.5", TinyBlueprints.buyAndHold());
    JsonNode summary = o.gateResults().path("holdout_summary");
    assertThat(summary.path("pass").asBoolean()).isFalse();
    assertThat(summary.path("summary").asText()).isEqualTo(
        "holdout evaluated (minimal output); sharpe < test sharpe - max_sharpe_drop -0.5: fail");
    assertThat(summary.path("metrics_minimal").size()).isEqualTo(3);
    assertThat(result(o.gateResults(), "gate_holdout_passfail_v1").path("status").asText()).isEqualTo("fail");
    assertThat(o.invalid()).isFalse();
  }

  @Test
  void aThresholdThatIsNoNumberFailsInsteadOfSwitchingTheCriterionOff() {
    GateOutcome o = gateWithSharpeDrop("\"0.5\"", TinyBlueprints.buyAndHold());
    assertThat(o.gateResults().path("holdout_summary").path("pass").asBoolean()).isFalse();
    assertThat(o.gateResults().path("holdout_summary").path("summary").asText())
        .isEqualTo("holdout evaluated (minimal output); max_sharpe_drop is not a number (\"0.5\"): fail");
  }

  @Test
  void noHoldoutSegmentMeansSkippedAndNoSummary() {
    ObjectNode bp = TinyBlueprints.buyAndHold();
    ((ObjectNode) bp.path("evaluation_protocol").path("segments")).remove("holdout");
    GateOutcome o = gate(null, bp);
    JsonNode gate = result(o.gateResults(), "gate_holdout_passfail_v1");
    assertThat(gate.path("status").asText()).isEqualTo("skipped");
    assertThat(gate.path("pass").asBoolean()).isTrue();
    assertThat(o.gateResults().has("holdout_summary")).isFalse();
    assertThat(o.gateResults().path("segment_results").findValuesAsText("kind")).doesNotContain("holdout");
    assertThat(Contracts.shared().check(o.gateResults(), "gate_results_v2", "g")).isEmpty();
  }
}
