package io.quanteam.eam.stats;

import io.quanteam.eam.json.PythonFloats;
import java.math.BigDecimal;
import java.math.MathContext;

/**
 * A statistic that is either a finite number or undefined with a human reason (which a gate reports as
 * its FAIL reason). An undefined result never leaks NaN: {@link #value()} throws instead.
 *
 * @param defined whether {@code value} holds a finite number
 * @param value the statistic; NaN internally when undefined, unreachable through {@link #value()}
 * @param reason why the statistic is undefined; empty when defined
 */
public record StatResult(boolean defined, double value, String reason) {

  public StatResult {
    if (reason == null) {
      throw new IllegalArgumentException("reason must not be null (use \"\" when defined)");
    }
    if (defined && !Double.isFinite(value)) {
      throw new IllegalArgumentException("a defined statistic must be finite, got " + value);
    }
    if (defined && !reason.isEmpty()) {
      throw new IllegalArgumentException("a defined statistic carries no reason");
    }
    if (!defined && reason.isBlank()) {
      throw new IllegalArgumentException("an undefined statistic needs a reason");
    }
  }

  public static StatResult of(double value) {
    return new StatResult(true, value, "");
  }

  public static StatResult undefined(String reason) {
    return new StatResult(false, Double.NaN, reason);
  }

  /**
   * The statistic.
   *
   * @throws IllegalStateException when undefined, with the reason as message
   */
  @Override
  public double value() {
    if (!defined) {
      throw new IllegalStateException("statistic is undefined: " + reason);
    }
    return value;
  }

  /** A double for a reason text: six significant digits, JDK-independent (Python repr of the rounding). */
  static String brief(double x) {
    if (!Double.isFinite(x)) {
      return Double.isNaN(x) ? "NaN" : x > 0 ? "+inf" : "-inf";
    }
    return PythonFloats.repr(new BigDecimal(x).round(new MathContext(6)).doubleValue());
  }
}
