package io.quanteam.eam.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GateTablesTest {
  private static String cell(String gateJson) {
    return GateTables.keyMetric(SampleDossier.json(gateJson));
  }

  @Test
  void thresholdsPairWithTheMetricTheyBound() {
    assertThat(cell("{\"gate_id\":\"g\",\"metrics\":{\"return_drop\":0.0009594817531821676,\"factor\":2.0},"
        + "\"thresholds\":{\"factor\":2.0,\"max_return_drop\":0.1}}"))
        .isEqualTo("factor 2\nreturn_drop = 0.0009595 vs max_return_drop 0.1");
    assertThat(cell("{\"gate_id\":\"g\",\"metrics\":{\"max_turnover_observed\":0.58377,\"max_turnover_limit\":1.0},"
        + "\"thresholds\":{\"max_turnover\":1.0}}")).isEqualTo("max_turnover_observed = 0.5838 vs max_turnover 1");
  }

  @Test
  void unknownGateWithoutThresholdsShowsItsFirstScalarMetrics() {
    assertThat(cell("{\"gate_id\":\"custom_v1\",\"metrics\":{\"a\":1,\"b\":{\"nested\":1},\"c\":[1,2],"
        + "\"d\":[1,2,3,4],\"e\":true,\"f\":9}}")).isEqualTo("a = 1\nc = 1, 2\nd = 4 items");
    assertThat(cell("{\"gate_id\":\"custom_v1\",\"metrics\":{}}")).isEqualTo("—");
  }

  @Test
  void failureReasonComesFirst() {
    assertThat(cell("{\"gate_id\":\"psr_v1\",\"metrics\":{\"psr\":null,\"reason\":\"constant returns\"},"
        + "\"thresholds\":{\"min_psr\":0.95}}")).isEqualTo("reason: constant returns\npsr = — vs min_psr 0.95");
  }

  @Test
  void holdoutGateShowsThresholdsButNoMetrics() {
    assertThat(cell("{\"gate_id\":\"gate_holdout_passfail_v1\",\"metrics\":{\"total_return\":0.31,"
        + "\"reason\":\"holdout return 0.31 below\"},\"thresholds\":{\"min_total_return\":0.05}}"))
        .isEqualTo("metrics withheld (holdout): see the holdout summary\nmin_total_return 0.05");
  }
}
