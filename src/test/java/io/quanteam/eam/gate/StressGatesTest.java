package io.quanteam.eam.gate;

import static io.quanteam.eam.gate.GateRunnerTest.result;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The delay and cost stress gates on both sides of their thresholds. */
class StressGatesTest {
  static final String TRUE = "{\"type\": \"const\", \"value\": true}";
  static final String FALSE = "{\"type\": \"const\", \"value\": false}";
  static final String CLOSE_BELOW_YESTERDAY = """
      {"type": "op", "op": "lt", "args": [{"type": "var", "var_id": "close"},
        {"type": "op", "op": "lag", "args": [{"type": "var", "var_id": "close"}, {"type": "const", "value": 1}]}]}""";
  static final String CLOSE_ABOVE_YESTERDAY = CLOSE_BELOW_YESTERDAY.replace("\"lt\"", "\"gt\"");

  @TempDir
  static Path tmp;
  static GateFixture demo;

  @BeforeAll
  static void standardDemo() {
    demo = new GateFixture(tmp.resolve("demo")).withStandardDemo();
  }

  static JsonNode gate(GateFixture f, ObjectNode bp, String snapshot, String gateId) {
    return result(f.runner().run(f.dossier(bp, snapshot), DsrTrials.first(null)).gateResults(), gateId);
  }

  @Test
  void buyAndHoldBarelyFeelsDoubledCosts() {
    JsonNode cost = gate(demo, GateFixture.blueprintWithSignals(TRUE, FALSE), "demo", "gate_cost_x2_v1");
    JsonNode m = cost.path("metrics");
    assertThat(cost.path("status").asText()).isEqualTo("pass");
    // One entry per symbol: doubling 1 bp commission and 2 bp slippage costs about 3 bp of the capital.
    assertThat(m.path("return_drop").asDouble()).isBetween(0.0, 0.001);
    assertThat(m.path("stressed_cost_policy_params").path("commission_bps").asDouble()).isEqualTo(2.0);
    assertThat(m.path("stressed_cost_policy_params").path("slippage_bps").asDouble()).isEqualTo(4.0);
    assertThat(cost.path("thresholds").path("factor").asDouble()).isEqualTo(2.0);
    assertThat(cost.path("thresholds").path("max_return_drop").asDouble()).isEqualTo(0.1);
  }

  @Test
  void tradingEveryOtherBarFailsTheCostGate() {
    // entry and exit always true: each symbol buys, sells the next bar, buys again... ~390 round trips over the
    // 781 test bars, each costing ~6 bp more when costs double: far more than the 10-point allowance.
    JsonNode cost = gate(demo, GateFixture.blueprintWithSignals(TRUE, TRUE), "demo", "gate_cost_x2_v1");
    assertThat(cost.path("status").asText()).isEqualTo("fail");
    assertThat(cost.path("metrics").path("return_drop").asDouble()).isGreaterThan(0.10);
  }

  @Test
  void buyAndHoldPassesTheDelayGate() {
    JsonNode delay = gate(demo, GateFixture.blueprintWithSignals(TRUE, FALSE), "demo", "gate_delay_plus_1bar_v1");
    assertThat(delay.path("status").asText()).isEqualTo("pass");
    assertThat(delay.path("metrics").path("stressed_lag_bars").asInt()).isEqualTo(2);
    assertThat(delay.path("metrics").path("baseline_lag_bars").asInt()).isEqualTo(1);
  }

  @Test
  void aStrategyLivingOnItsFirstBarFailsTheDelayGate() {
    // ZIG alternates +10% and −10% days (close = open·1.1, then open/1.1). Buying after a down day holds the
    // next up day with lag 1, but the next down day with lag 2.
    GateFixture f = new GateFixture(tmp.resolve("zig")).withCsvSnapshot("zig", zigzagCsv(80));
    ObjectNode bp = GateFixture.blueprintWithSignals(CLOSE_BELOW_YESTERDAY, CLOSE_ABOVE_YESTERDAY);
    ((ObjectNode) bp.get("universe")).put("timezone", "UTC").putArray("symbols").add("ZIG");
    GateFixture.fixedSplit(bp, "2024-01-01", "2024-01-20", "2024-01-21", "2024-03-20", null, null);
    JsonNode delay = gate(f, bp, "zig", "gate_delay_plus_1bar_v1");
    JsonNode m = delay.path("metrics");
    assertThat(delay.path("status").asText()).isEqualTo("fail");
    assertThat(m.path("baseline_total_return").asDouble()).isGreaterThan(1.0);
    assertThat(m.path("stressed_total_return").asDouble()).isLessThan(0.0);
  }

  static String zigzagCsv(int days) {
    StringBuilder sb = new StringBuilder("symbol,dt,open,high,low,close,volume\n");
    double close = 100;
    for (int d = 0; d < days; d++) {
      double open = close;
      close = d % 2 == 0 ? open * 1.1 : open / 1.1;
      sb.append("ZIG,").append(LocalDate.of(2024, 1, 1).plusDays(d)).append(',').append(open).append(',')
          .append(Math.max(open, close)).append(',').append(Math.min(open, close)).append(',').append(close)
          .append(",1000\n");
    }
    return sb.toString();
  }
}
