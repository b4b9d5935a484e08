package io.quanteam.eam.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.quanteam.eam.json.DecimalText;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Number formatting for reports: fixed, locale-free rounding so the same dossier gives the same bytes.
 *
 * <p>A double is first written as its shortest round-trip decimal ({@link DecimalText#shortest}, the text a
 * reader sees in the JSON files) and that decimal is rounded HALF_EVEN: percentages and ratios to 2 decimals,
 * prices to 4 decimals, free-form gate values to 4 significant digits. Null or non-finite values show as "—".
 */
final class DisplayNumbers {
  static final String NONE = "—";

  private DisplayNumbers() {}

  /** 0.44298 → "44.30%". */
  static String percent(double fraction) {
    if (!Double.isFinite(fraction)) {
      return NONE;
    }
    return decimal(fraction).movePointRight(2).setScale(2, RoundingMode.HALF_EVEN).toPlainString() + "%";
  }

  static String percent(JsonNode node) {
    return isNumber(node) ? percent(node.doubleValue()) : NONE;
  }

  static String fixed(double value, int scale) {
    if (!Double.isFinite(value)) {
      return NONE;
    }
    return decimal(value).setScale(scale, RoundingMode.HALF_EVEN).toPlainString();
  }

  /** Ratios (Sharpe, Sortino, Calmar, profit factor) to 2 decimals. */
  static String ratio(JsonNode node) {
    return isNumber(node) ? fixed(node.doubleValue(), 2) : NONE;
  }

  static String integer(JsonNode node) {
    return node != null && node.isIntegralNumber() ? node.bigIntegerValue().toString() : NONE;
  }

  /** A value of unknown scale (gate metrics and thresholds): integers as they are, other numbers to 4 significant digits. */
  static String general(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return NONE;
    }
    if (node.isIntegralNumber()) {
      return node.bigIntegerValue().toString();
    }
    if (node.isNumber()) {
      double v = node.doubleValue();
      if (!Double.isFinite(v)) {
        return NONE;
      }
      return DecimalText.significant(v, 4);
    }
    return node.asText();
  }

  /** Coordinates in SVG: 1 decimal. */
  static String coordinate(double px) {
    return fixed(px, 1);
  }

  static boolean isNumber(JsonNode node) {
    return node != null && node.isNumber() && Double.isFinite(node.doubleValue());
  }

  private static BigDecimal decimal(double v) {
    return DecimalText.shortest(v);
  }
}
