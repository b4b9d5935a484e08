package io.quanteam.eam.report;

import io.quanteam.eam.json.PythonFloats;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A "nice" y-axis: a step of 1, 2 or 5 × 10^k giving at most {@link #MAX_TICKS} intervals, the domain widened
 * to whole steps. Computed in BigDecimal so tick labels are exact decimals.
 *
 * @param min lower end of the domain (a tick)
 * @param max upper end of the domain (a tick)
 */
record ValueAxis(double min, double max, List<Tick> ticks) {
  static final int MAX_TICKS = 6;

  /** {@code label} turns a tick value into its text, e.g. a percentage. */
  static ValueAxis of(double lo, double hi, Function<BigDecimal, String> label) {
    if (!(hi > lo)) {
      double pad = lo == 0 ? 0.01 : Math.abs(lo) * 0.01;
      lo -= pad;
      hi += pad;
    }
    BigDecimal low = decimal(lo);
    BigDecimal high = decimal(hi);
    BigDecimal span = high.subtract(low);
    int exponent = span.precision() - span.scale() - 1 - 1; // one order below the span's leading digit
    BigDecimal step = null;
    BigDecimal start = null;
    BigDecimal end = null;
    for (int e = exponent; step == null; e++) {
      for (int m : new int[] {1, 2, 5}) {
        BigDecimal s = BigDecimal.valueOf(m).scaleByPowerOfTen(e);
        BigDecimal a = low.divide(s, 0, RoundingMode.FLOOR).multiply(s);
        BigDecimal b = high.divide(s, 0, RoundingMode.CEILING).multiply(s);
        if (b.subtract(a).divide(s, 0, RoundingMode.UNNECESSARY).intValueExact() <= MAX_TICKS) {
          step = s;
          start = a;
          end = b;
          break;
        }
      }
    }
    List<Tick> ticks = new ArrayList<>();
    for (BigDecimal v = start; v.compareTo(end) <= 0; v = v.add(step)) {
      ticks.add(new Tick(v.doubleValue(), label.apply(v.setScale(Math.max(0, step.stripTrailingZeros().scale())))));
    }
    return new ValueAxis(start.doubleValue(), end.doubleValue(), List.copyOf(ticks));
  }

  /** Equity labels: the tick value with as many decimals as the step needs. */
  static String plain(BigDecimal v) {
    return v.toPlainString();
  }

  /** Drawdown labels: {@code v} (already at the step's scale) as a percentage, e.g. "-12.5%". */
  static String percent(BigDecimal v) {
    BigDecimal p = v.movePointRight(2);
    return p.setScale(Math.max(0, p.scale())).toPlainString() + "%";
  }

  private static BigDecimal decimal(double v) {
    return new BigDecimal(PythonFloats.repr(v));
  }
}
