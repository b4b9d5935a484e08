package io.quanteam.eam.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.quanteam.eam.json.Json;
import org.junit.jupiter.api.Test;

class DisplayNumbersTest {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  @Test
  void percentagesRoundHalfEvenOnTheShortestDecimal() {
    assertThat(DisplayNumbers.percent(0.44298135438416075)).isEqualTo("44.30%");
    assertThat(DisplayNumbers.percent(0.00125)).isEqualTo("0.12%"); // tie → even
    assertThat(DisplayNumbers.percent(0.00135)).isEqualTo("0.14%"); // tie → even
    assertThat(DisplayNumbers.percent(-0.14260895917434735)).isEqualTo("-14.26%");
    assertThat(DisplayNumbers.percent(-0.00001)).isEqualTo("0.00%"); // no "-0.00%"
    assertThat(DisplayNumbers.percent(1e-7)).isEqualTo("0.00%");
    assertThat(DisplayNumbers.percent(12.5)).isEqualTo("1250.00%");
  }

  @Test
  void missingOrNullValuesShowADash() {
    assertThat(DisplayNumbers.percent(F.nullNode())).isEqualTo("—");
    assertThat(DisplayNumbers.percent((com.fasterxml.jackson.databind.JsonNode) null)).isEqualTo("—");
    assertThat(DisplayNumbers.ratio(F.nullNode())).isEqualTo("—");
    assertThat(DisplayNumbers.integer(F.missingNode())).isEqualTo("—");
    assertThat(DisplayNumbers.general(F.nullNode())).isEqualTo("—");
    assertThat(DisplayNumbers.percent(Double.NaN)).isEqualTo("—");
  }

  @Test
  void ratiosHaveTwoDecimals() {
    assertThat(DisplayNumbers.ratio(F.numberNode(1.1649697707546818))).isEqualTo("1.16");
    assertThat(DisplayNumbers.ratio(F.numberNode(0.885))).isEqualTo("0.88");
    assertThat(DisplayNumbers.ratio(F.numberNode(3))).isEqualTo("3.00");
  }

  @Test
  void generalValuesKeepIntegersAndFourSignificantDigits() {
    assertThat(DisplayNumbers.general(F.numberNode(20))).isEqualTo("20");
    assertThat(DisplayNumbers.general(F.numberNode(2.0))).isEqualTo("2");
    assertThat(DisplayNumbers.general(F.numberNode(0.0009594817531821676))).isEqualTo("0.0009595");
    assertThat(DisplayNumbers.general(F.numberNode(1234567.8))).isEqualTo("1235000");
    assertThat(DisplayNumbers.general(F.booleanNode(true))).isEqualTo("true");
    assertThat(DisplayNumbers.general(Json.parse("\"text\"", "t"))).isEqualTo("text");
  }

  @Test
  void integersPrintAsIntegersOnly() {
    assertThat(DisplayNumbers.integer(F.numberNode(58))).isEqualTo("58");
    assertThat(DisplayNumbers.integer(F.numberNode(58.0))).isEqualTo("—");
  }
}
