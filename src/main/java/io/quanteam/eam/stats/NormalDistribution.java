package io.quanteam.eam.stats;

/**
 * Standard normal CDF and quantile, accurate to about 1e-16 relative, computed only with IEEE
 * arithmetic and {@link StrictMath} so every JDK gives the same bits.
 */
public final class NormalDistribution {
  private static final double SQRT_32 = 5.656854249492380195206754896838;
  private static final double ONE_OVER_SQRT_2PI = 0.398942280401432677939946059934;

  // W. J. Cody, "Rational Chebyshev approximations for the error function", Math. Comp. 1969, in the
  // normal-CDF form of Cody's ALGORITHM 715 (SPECFUN, ACM TOMS 1993), as also used by R's pnorm.
  private static final double[] A = {
      2.2352520354606839287, 161.02823106855587881, 1067.6894854603709582,
      18154.981253343561249, 0.065682337918207449113};
  private static final double[] B = {
      47.20258190468824187, 976.09855173777669322, 10260.932208618978205,
      45507.789335026729956};
  private static final double[] C = {
      0.39894151208813466764, 8.8831497943883759412, 93.506656132177855979,
      597.27027639480026226, 2494.5375852903726711, 6848.1904505362823326,
      11602.651437647350124, 9842.7148383839780218, 1.0765576773720192317e-8};
  private static final double[] D = {
      22.266688044328115691, 235.38790178262499861, 1519.377599407554805,
      6485.558298266760755, 18615.571640885098091, 34900.952721145977266,
      38912.003286093271411, 19685.429676859990727};
  private static final double[] P = {
      0.21589853405795699, 0.1274011611602473639, 0.022235277870649807,
      0.001421619193227893466, 2.9112874951168792e-5, 0.02307344176494017303};
  private static final double[] Q = {
      1.28426009614491121, 0.468238212480865118, 0.0659881378689285515,
      0.00378239633202758244, 7.29751555083966205e-5};

  private NormalDistribution() {
  }

  /** P(Z ≤ x) for a standard normal Z; NaN stays NaN. */
  public static double cdf(double x) {
    if (Double.isNaN(x)) {
      return Double.NaN;
    }
    double y = Math.abs(x);
    if (y > 40) {
      return x > 0 ? 1 : 0; // the tail is below the smallest subnormal double
    }
    if (y <= 0.67448975) {
      double xnum = 0;
      double xden = 0;
      if (y > 1.1102230246251565e-16) {
        double xsq = x * x;
        xnum = A[4] * xsq;
        xden = xsq;
        for (int i = 0; i < 3; i++) {
          xnum = (xnum + A[i]) * xsq;
          xden = (xden + B[i]) * xsq;
        }
      }
      return 0.5 + x * (xnum + A[3]) / (xden + B[3]);
    }
    double tail;
    if (y <= SQRT_32) {
      double xnum = C[8] * y;
      double xden = y;
      for (int i = 0; i < 7; i++) {
        xnum = (xnum + C[i]) * y;
        xden = (xden + D[i]) * y;
      }
      tail = gaussianFactor(y) * (xnum + C[7]) / (xden + D[7]);
    } else {
      double xsq = 1 / (y * y);
      double xnum = P[5] * xsq;
      double xden = xsq;
      for (int i = 0; i < 4; i++) {
        xnum = (xnum + P[i]) * xsq;
        xden = (xden + Q[i]) * xsq;
      }
      double ratio = xsq * (xnum + P[4]) / (xden + Q[4]);
      tail = gaussianFactor(y) * (ONE_OVER_SQRT_2PI - ratio) / y;
    }
    return x > 0 ? 1 - tail : tail;
  }

  /** exp(−y²/2), split at y rounded down to 1/16 so the exponent's rounding error stays small. */
  private static double gaussianFactor(double y) {
    double head = Math.floor(y * 16) / 16;
    double del = (y - head) * (y + head);
    return StrictMath.exp(-head * head * 0.5) * StrictMath.exp(-del * 0.5);
  }

  /**
   * The x with cdf(x) = p: −∞ at 0, +∞ at 1.
   *
   * @throws IllegalArgumentException when p is NaN or outside [0, 1]
   */
  public static double inverseCdf(double p) {
    if (!(p >= 0 && p <= 1)) {
      throw new IllegalArgumentException("probability must lie in [0, 1], got " + p);
    }
    if (p == 0) {
      return Double.NEGATIVE_INFINITY;
    }
    if (p == 1) {
      return Double.POSITIVE_INFINITY;
    }
    // M. J. Wichura, Algorithm AS 241 (PPND16), Applied Statistics 37(3), 1988, 477-484.
    double q = p - 0.5;
    if (Math.abs(q) <= 0.425) {
      double r = 0.180625 - q * q;
      return q * (((((((r * 2509.0809287301226727 + 33430.575583588128105) * r
          + 67265.770927008700853) * r + 45921.953931549871457) * r
          + 13731.693765509461125) * r + 1971.5909503065514427) * r
          + 133.14166789178437745) * r + 3.387132872796366608)
          / (((((((r * 5226.495278852545925 + 28729.085735721942674) * r
          + 39307.89580009271061) * r + 21213.794301586595867) * r
          + 5394.1960214247511077) * r + 687.1870074920579083) * r
          + 42.313330701600911252) * r + 1.0);
    }
    double r = StrictMath.sqrt(-StrictMath.log(q < 0 ? p : 1 - p));
    double value;
    if (r <= 5) {
      r -= 1.6;
      value = (((((((r * 7.7454501427834140764e-4 + 0.0227238449892691845833) * r
          + 0.24178072517745061177) * r + 1.27045825245236838258) * r
          + 3.64784832476320460504) * r + 5.7694972214606914055) * r
          + 4.6303378461565452959) * r + 1.42343711074968357734)
          / (((((((r * 1.05075007164441684324e-9 + 5.475938084995344946e-4) * r
          + 0.0151986665636164571966) * r + 0.14810397642748007459) * r
          + 0.68976733498510000455) * r + 1.6763848301838038494) * r
          + 2.05319162663775882187) * r + 1.0);
    } else {
      r -= 5;
      value = (((((((r * 2.01033439929228813265e-7 + 2.71155556874348757815e-5) * r
          + 0.0012426609473880784386) * r + 0.026532189526576123093) * r
          + 0.29656057182850489123) * r + 1.7848265399172913358) * r
          + 5.4637849111641143699) * r + 6.6579046435011037772)
          / (((((((r * 2.04426310338993978564e-15 + 1.4215117583164458887e-7) * r
          + 1.8463183175100546818e-5) * r + 7.868691311456132591e-4) * r
          + 0.0148753612908506148525) * r + 0.13692988092273580531) * r
          + 0.59983220655588793769) * r + 1.0);
    }
    return q < 0 ? -value : value;
  }
}
