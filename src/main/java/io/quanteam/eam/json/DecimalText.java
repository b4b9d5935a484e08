package io.quanteam.eam.json;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Numbers for people, rounded from the decimal a reader sees in the JSON files (the shortest one that reads back as
 * the same double, {@link PythonFloats#repr}) half-even, so one value prints the same in the report, {@code job show}
 * and {@code eam gates}.
 */
public final class DecimalText {
  private DecimalText() {}

  /** The shortest decimal of a finite double. */
  public static BigDecimal shortest(double value) {
    return new BigDecimal(PythonFloats.repr(value));
  }

  /** {@code digits} significant digits, no exponent, no trailing zeros: 0.0009594817 → "0.0009595", 1234567.8 → "1235000". */
  public static String significant(double value, int digits) {
    BigDecimal d = shortest(value).round(new MathContext(digits, RoundingMode.HALF_EVEN)).stripTrailingZeros();
    return d.scale() < 0 ? d.setScale(0).toPlainString() : d.toPlainString();
  }
}
