package io.quanteam.eam.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.junit.jupiter.api.Test;

class MetricFormatTest {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  @Test
  void labelsSayWhetherARatioIsAnnualisedOrPerBar() {
    assertThat(MetricFormat.label("sharpe")).isEqualTo("Sharpe (ann.)");
    assertThat(MetricFormat.label("sr")).isEqualTo("SR (per bar)");
    assertThat(MetricFormat.label("cagr")).isEqualTo("CAGR (ann.)");
    assertThat(MetricFormat.label("avg_turnover")).isEqualTo("turnover / bar (avg)");
    assertThat(MetricFormat.label("something_new")).isEqualTo("something_new");
  }

  @Test
  void valuesAreRoundedByWhatTheyAre() {
    assertThat(MetricFormat.value("total_return", F.numberNode(0.44298135438416075))).isEqualTo("44.30%");
    assertThat(MetricFormat.value("max_drawdown", F.numberNode(-0.14260895917434735))).isEqualTo("-14.26%");
    assertThat(MetricFormat.value("sharpe", F.numberNode(1.1649697707546818))).isEqualTo("1.16");
    assertThat(MetricFormat.value("sr", F.numberNode(0.07338767104372925))).isEqualTo("0.0734");
    assertThat(MetricFormat.value("trade_count", F.numberNode(58))).isEqualTo("58");
    assertThat(MetricFormat.value("kurtosis", F.numberNode(5.123456))).isEqualTo("5.123");
    assertThat(MetricFormat.value("something_new", F.numberNode(0.000123456))).isEqualTo("0.0001235");
  }

  @Test
  void absentValuesShowADash() {
    assertThat(MetricFormat.value("sharpe", F.nullNode())).isEqualTo("—");
    assertThat(MetricFormat.value("sr", null)).isEqualTo("—");
    assertThat(MetricFormat.value("trade_count", F.missingNode())).isEqualTo("—");
  }
}
