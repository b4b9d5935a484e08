package io.quanteam.eam.gate;

import static io.quanteam.eam.gate.GateRunnerTest.result;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.quanteam.eam.json.Json;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * risk_policy_compliance_v1 with edited risk policies. The MA crossover on the standard demo holds at most 4
 * positions, draws down 14.26%, turns over at most 58% and is fully invested at most (gross exposure
 * 1.0000000000000002, within the 1e-9 tolerance of max_leverage 1.0).
 */
class RiskGateTest {
  @TempDir
  Path tmp;

  GateOutcome gateWithRisk(String from, String to) {
    GateFixture f = new GateFixture(tmp).withStandardDemo().withEditedPolicy("risk_policy_v1.yaml", from, to);
    return f.runner().run(f.dossier(GateFixture.maCrossoverBlueprint(), "demo"), DsrTrials.first(null));
  }

  @Test
  void tooManyPositionsFail() {
    GateOutcome o = gateWithRisk("max_positions: 20", "max_positions: 3");
    JsonNode risk = result(o.gateResults(), "risk_policy_compliance_v1");
    assertThat(risk.path("status").asText()).isEqualTo("fail");
    assertThat(o.invalid()).isFalse();
    assertThat(risk.path("metrics").path("max_positions_observed").asInt()).isEqualTo(4);
    assertThat(risk.path("metrics").path("violations").path("max_positions").asInt()).isPositive();
    assertThat(risk.path("metrics").path("violations").path("max_drawdown").asInt()).isZero();
    assertThat(risk.path("thresholds").path("max_positions").asInt()).isEqualTo(3);
    JsonNode report = Json.read(o.gateResultsPath().resolveSibling("risk_report.json"));
    assertThat(report.path("pass").asBoolean()).isFalse();
    assertThat(report.path("rules").path("max_positions").path("limit").asInt()).isEqualTo(3);
    assertThat(report.path("rules").path("max_positions").path("violations").asInt())
        .isEqualTo(risk.path("metrics").path("violations").path("max_positions").asInt());
  }

  @Test
  void aDeeperDrawdownThanAllowedFails() {
    GateOutcome o = gateWithRisk("max_drawdown: 0.2", "max_drawdown: 0.1");
    JsonNode risk = result(o.gateResults(), "risk_policy_compliance_v1");
    assertThat(risk.path("status").asText()).isEqualTo("fail");
    assertThat(risk.path("metrics").path("max_drawdown_observed").asDouble()).isLessThan(-0.1);
    assertThat(risk.path("metrics").path("violations").path("max_drawdown").asInt()).isPositive();
  }

  @Test
  void limitsAtTheObservedValuesPassThanksToTheTolerance() {
    // max_turnover exactly at the observed maximum passes; leverage 1.0 vs 1.0000000000000002 passes.
    GateOutcome o = gateWithRisk("max_turnover: 1.0", "max_turnover: 0.5837771700208279");
    JsonNode risk = result(o.gateResults(), "risk_policy_compliance_v1");
    assertThat(risk.path("metrics").path("max_turnover_observed").asDouble()).isEqualTo(0.5837771700208279);
    assertThat(risk.path("metrics").path("max_leverage_observed").asDouble()).isGreaterThan(1.0);
    assertThat(risk.path("status").asText()).isEqualTo("pass");
  }

  @Test
  void aTurnoverLimitJustBelowTheObservedMaximumFails() {
    GateOutcome o = gateWithRisk("max_turnover: 1.0", "max_turnover: 0.58");
    JsonNode risk = result(o.gateResults(), "risk_policy_compliance_v1");
    assertThat(risk.path("status").asText()).isEqualTo("fail");
    assertThat(risk.path("metrics").path("violations").path("max_turnover").asInt()).isPositive();
  }
}
