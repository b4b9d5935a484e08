package io.quanteam.eam.json;

import com.fasterxml.jackson.core.io.schubfach.DoubleToDecimal;
import java.math.BigDecimal;

/**
 * Formats a double exactly as Python's {@code repr(float)} does: shortest round-trip digits, fixed notation
 * for decimal exponents in [-4, 16), scientific ({@code 1e-05}, {@code 1.5e+300}) otherwise.
 *
 * <p>The digits come from Jackson's copy of the Schubfach algorithm, so the output does not depend on the
 * JDK's {@code Double.toString} (which is not shortest before Java 19).
 */
public final class PythonFloats {
  private PythonFloats() {}

  public static String repr(double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      throw new IllegalArgumentException("non-finite number " + value + " cannot be written as JSON");
    }
    if (value == 0.0) {
      return (1.0 / value < 0) ? "-0.0" : "0.0";
    }
    Decimal d = shortest(Math.abs(value));
    String body = layout(d.digits, d.pointPosition);
    return value < 0 ? "-" + body : body;
  }

  /** digits without leading/trailing zeros; value = 0.DIGITS × 10^pointPosition. */
  private record Decimal(String digits, int pointPosition) {}

  private static Decimal shortest(double v) {
    Decimal d = parse(DoubleToDecimal.toString(v));
    if (d.digits.length() == 2) {
      // Schubfach (as specified for Java's Double.toString) may prefer a closer 2-digit decimal where a
      // 1-digit one also round-trips; Python always takes the shortest.
      Decimal one = oneDigitCandidate(v, d);
      if (one != null) {
        return one;
      }
    }
    return d;
  }

  private static Decimal oneDigitCandidate(double v, Decimal two) {
    BigDecimal exact = new BigDecimal(v);
    BigDecimal best = null;
    int first = two.digits.charAt(0) - '0';
    for (int lead = first; lead <= first + 1; lead++) {
      BigDecimal candidate = BigDecimal.valueOf(lead).scaleByPowerOfTen(two.pointPosition - 1);
      if (Double.parseDouble(candidate.toString()) == v) {
        if (best == null
            || candidate.subtract(exact).abs().compareTo(best.subtract(exact).abs()) < 0) {
          best = candidate;
        }
      }
    }
    if (best == null) {
      return null;
    }
    return parse(best.toString());
  }

  /** Parses Java-style ("1.25E-5", "123.0", "10", "1E+3") into digits and point position. */
  private static Decimal parse(String s) {
    int exp = 0;
    int e = s.indexOf('E');
    String mantissa = s;
    if (e >= 0) {
      exp = Integer.parseInt(s.substring(e + 1));
      mantissa = s.substring(0, e);
    }
    int dot = mantissa.indexOf('.');
    String intPart = dot < 0 ? mantissa : mantissa.substring(0, dot);
    String fracPart = dot < 0 ? "" : mantissa.substring(dot + 1);
    String all = intPart + fracPart;
    int point = intPart.length() + exp;
    int lead = 0;
    while (lead < all.length() - 1 && all.charAt(lead) == '0') {
      lead++;
    }
    all = all.substring(lead);
    point -= lead;
    int end = all.length();
    while (end > 1 && all.charAt(end - 1) == '0') {
      end--;
    }
    return new Decimal(all.substring(0, end), point);
  }

  private static String layout(String digits, int point) {
    StringBuilder sb = new StringBuilder(24);
    if (point <= -4 || point > 16) {
      sb.append(digits.charAt(0));
      if (digits.length() > 1) {
        sb.append('.').append(digits, 1, digits.length());
      }
      int exp = point - 1;
      sb.append('e').append(exp < 0 ? '-' : '+');
      int abs = Math.abs(exp);
      if (abs < 10) {
        sb.append('0');
      }
      sb.append(abs);
    } else if (point <= 0) {
      sb.append("0.");
      for (int i = 0; i < -point; i++) {
        sb.append('0');
      }
      sb.append(digits);
    } else if (point >= digits.length()) {
      sb.append(digits);
      for (int i = digits.length(); i < point; i++) {
        sb.append('0');
      }
      sb.append(".0");
    } else {
      sb.append(digits, 0, point).append('.').append(digits, point, digits.length());
    }
    return sb.toString();
  }
}
