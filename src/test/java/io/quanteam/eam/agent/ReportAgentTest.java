package io.quanteam.eam.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quanteam.eam.contract.Contracts;
import io.quanteam.eam.json.Json;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The report agent's narrative: the figures it is given, the gates that failed and what they mean; no holdout. */
class ReportAgentTest {
  private static final JsonNode BLUEPRINT = Json.read(Path.of("contracts/examples/blueprint_v1_ma_crossover_ok.json"));

  private static ObjectNode figures() {
    return Json.object().put("total_return", 0.1234).put("sharpe", 0.91).put("max_drawdown", -0.082)
        .put("trade_count", 15);
  }

  @Test
  void theNarrativeQuotesTheFiguresAndExplainsOnlyTheGatesThatFailed() {
    ObjectNode gates = Json.object().put("gates_passed", false);
    gates.putArray("failed_gate_ids").add("psr_v1");
    JsonNode doc = new ReportAgent().run(ReportAgent.input("5c4a865aa2ef", BLUEPRINT, figures(), gates))
        .document(ReportAgent.SUMMARY);
    assertThat(Contracts.shared().check(doc, "report_summary_v1", "summary")).isEmpty();
    assertThat(doc.path("headline").asText()).contains("+12.34 %").contains("gates failed (psr_v1)");
    String text = doc.path("narrative").toString();
    assertThat(text).contains("Sharpe ratio of 0.91").contains("-8.20 %").contains("15 closed trade(s)")
        .contains("statistical gates").doesNotContain("robustness");
    assertThat(doc.path("failed_gate_ids").toString()).isEqualTo("[\"psr_v1\"]");
  }

  @Test
  void aHoldoutGateInItsInputIsRefused() {
    ObjectNode gates = Json.object().put("gates_passed", false);
    gates.putArray("failed_gate_ids").add("gate_holdout_passfail_v1");
    assertThatThrownBy(() -> new ReportAgent().run(ReportAgent.input("5c4a865aa2ef", BLUEPRINT, figures(), gates)))
        .hasMessageContaining("no holdout result");
  }
}
