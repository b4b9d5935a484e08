package io.quanteam.eam.data;

import io.quanteam.eam.json.PythonFloats;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;

/**
 * Numbers in lake CSV files. Written with exactly six decimals when that text parses back to the identical
 * double (so prices like {@code 100.300000} read like the reference's files), else as Python's {@code repr}
 * (so an import is never lossy); a missing value (NaN) is an empty cell. Magnitudes of 1e15 and more always
 * take the repr: six decimals of a huge double would spell out its whole binary expansion. Read with a strict decimal grammar
 * ({@code [+-]digits[.digits][e[+-]digits]}) — no hex, no {@code Infinity}, no Java type suffixes.
 */
public final class CsvNumbers {
  private static final double SCALE = 1e6;
  /** Below 2^33 a double's ulp is finer than 1e-6, so at most one 6-decimal text can parse back to it. */
  private static final double FAST_LIMIT = 0x1p33;
  private static final double SIX_DECIMALS_LIMIT = 1e15;
  private static final double[] POW10 = {
      1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18,
      1e19, 1e20, 1e21, 1e22};

  private CsvNumbers() {}

  /** The cell text of {@code v}: six decimals when lossless, else Python repr; NaN is the empty string. */
  public static String format(double v) {
    StringBuilder sb = new StringBuilder(24);
    append(sb, v);
    return sb.toString();
  }

  public static void append(StringBuilder sb, double v) {
    if (Double.isNaN(v)) {
      return;
    }
    if (Math.abs(v) < FAST_LIMIT) {
      long m = Math.round(v * SCALE);
      // m / 1e6 is the correctly rounded value of the 6-decimal text, i.e. what parsing that text returns.
      if (Double.doubleToRawLongBits(m / SCALE) == Double.doubleToRawLongBits(v)) {
        appendScaled(sb, m);
        return;
      }
    }
    if (Math.abs(v) < SIX_DECIMALS_LIMIT) {
      String six = new BigDecimal(v).setScale(6, RoundingMode.HALF_EVEN).toPlainString();
      if (Double.doubleToRawLongBits(Double.parseDouble(six)) == Double.doubleToRawLongBits(v)) {
        sb.append(six);
        return;
      }
    }
    sb.append(PythonFloats.repr(v));
  }

  private static void appendScaled(StringBuilder sb, long m) {
    if (m < 0) {
      sb.append('-');
      m = -m;
    }
    sb.append(m / 1_000_000).append('.');
    String frac = Long.toString(m % 1_000_000);
    for (int i = frac.length(); i < 6; i++) {
      sb.append('0');
    }
    sb.append(frac);
  }

  /**
   * Parses {@code b[start, end)} as a decimal number; returns NaN when the text is not one (or overflows), so
   * callers handle null tokens before calling.
   */
  static double parse(byte[] b, int start, int end) {
    int i = start;
    boolean negative = false;
    if (i < end && (b[i] == '+' || b[i] == '-')) {
      negative = b[i] == '-';
      i++;
    }
    long mantissa = 0;
    int significant = 0;
    int fracDigits = 0;
    boolean anyDigit = false;
    boolean slow = false;
    boolean inFraction = false;
    for (; i < end; i++) {
      byte c = b[i];
      if (c == '.' && !inFraction) {
        inFraction = true;
        continue;
      }
      if (c < '0' || c > '9') {
        break;
      }
      anyDigit = true;
      if (significant < 18) {
        mantissa = mantissa * 10 + (c - '0');
        if (mantissa != 0) {
          significant++;
        }
        if (inFraction) {
          fracDigits++;
        }
      } else {
        slow = true;
      }
    }
    if (!anyDigit) {
      return Double.NaN;
    }
    int exponent = 0;
    if (i < end && (b[i] == 'e' || b[i] == 'E')) {
      i++;
      boolean expNegative = false;
      if (i < end && (b[i] == '+' || b[i] == '-')) {
        expNegative = b[i] == '-';
        i++;
      }
      int expStart = i;
      for (; i < end && b[i] >= '0' && b[i] <= '9'; i++) {
        if (exponent < 100_000) {
          exponent = exponent * 10 + (b[i] - '0');
        }
      }
      if (i == expStart) {
        return Double.NaN;
      }
      exponent = expNegative ? -exponent : exponent;
    }
    if (i != end) {
      return Double.NaN;
    }
    int pow = exponent - fracDigits;
    // Clinger's fast path: an exact integer mantissa (< 2^53) and a power of ten up to 22 give the correctly
    // rounded result with one multiplication or division; anything else goes to the JDK's exact parser.
    if (!slow && mantissa < (1L << 53) && pow >= -22 && pow <= 22) {
      double value = pow < 0 ? mantissa / POW10[-pow] : mantissa * POW10[pow];
      return negative ? -value : value;
    }
    double value = Double.parseDouble(new String(b, start, end - start, StandardCharsets.US_ASCII));
    return Double.isInfinite(value) ? Double.NaN : value;
  }
}
