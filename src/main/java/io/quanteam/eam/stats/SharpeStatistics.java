package io.quanteam.eam.stats;

/**
 * Probabilistic and deflated Sharpe ratio and minimum track record length (Bailey and López de Prado
 * 2012, 2014), on per-bar Sharpe ratios with γ3 = skew and γ4 = Pearson kurtosis (spec §8).
 * Inputs that make a statistic meaningless give an undefined {@link StatResult} with a reason.
 */
public final class SharpeStatistics {
  /** The Euler–Mascheroni constant γ of the expected-maximum approximation. */
  public static final double EULER_GAMMA = 0.5772156649015329;

  private static final String VARIANCE_TERM = "variance term 1 − γ3·SR + (γ4−1)/4·SR²";

  private SharpeStatistics() {
  }

  /** PSR(SR*) = Z[(SR − SR*)·√(T−1) / √(1 − γ3·SR + (γ4−1)/4·SR²)]. */
  public static StatResult psr(double sr, double srStar, int t, double skew, double kurtosis) {
    String bad = firstNonFinite(sr, srStar, skew, kurtosis);
    if (bad != null) {
      return StatResult.undefined(bad);
    }
    if (t < 2) {
      return StatResult.undefined("T = " + t + " bars; PSR needs T ≥ 2");
    }
    double term = varianceTerm(sr, skew, kurtosis);
    if (!(term > 0)) {
      return StatResult.undefined(VARIANCE_TERM + " = " + StatResult.brief(term) + " ≤ 0");
    }
    double z = (sr - srStar) * StrictMath.sqrt(t - 1.0) / StrictMath.sqrt(term);
    return StatResult.of(NormalDistribution.cdf(z));
  }

  /**
   * E[max of N independent standard normals] ≈ (1−γ)·Z⁻¹[1 − 1/N] + γ·Z⁻¹[1 − 1/(N·e)].
   *
   * @throws IllegalArgumentException when n &lt; 2 (the approximation diverges at N = 1)
   */
  public static double expectedMaxOfNormals(int n) {
    if (n < 2) {
      throw new IllegalArgumentException("expected maximum needs N ≥ 2 trials, got " + n);
    }
    return (1 - EULER_GAMMA) * NormalDistribution.inverseCdf(1 - 1.0 / n)
        + EULER_GAMMA * NormalDistribution.inverseCdf(1 - 1 / (n * Math.E));
  }

  /**
   * SR0 = √V · E[max of N standard normals], the SR the best of N skill-less trials is expected to
   * reach; 0 when N ≤ 1.
   *
   * @throws IllegalArgumentException when the variance is negative or NaN
   */
  public static double sr0(double variance, int n) {
    if (!(variance >= 0)) {
      throw new IllegalArgumentException("trial SR variance must be ≥ 0, got " + variance);
    }
    return n <= 1 ? 0 : StrictMath.sqrt(variance) * expectedMaxOfNormals(n);
  }

  /** Variance of the trial SRs with the 1/N divisor; 0 for no trials, NaN when an entry is NaN. */
  public static double trialVariance(double[] trialSrs) {
    int n = trialSrs.length;
    if (n == 0) {
      return 0;
    }
    double sum = 0;
    for (double s : trialSrs) {
      sum += s;
    }
    double mean = sum / n;
    double ss = 0;
    for (double s : trialSrs) {
      ss += (s - mean) * (s - mean);
    }
    return ss / n;
  }

  /** DSR = PSR(SR0) with N = trialSrs.length and V = {@link #trialVariance(double[])}. */
  public static StatResult dsr(double sr, int t, double skew, double kurtosis, double[] trialSrs) {
    for (int i = 0; i < trialSrs.length; i++) {
      if (!Double.isFinite(trialSrs[i])) {
        return StatResult.undefined(
            "trial SR #" + i + " = " + StatResult.brief(trialSrs[i]) + " is not a finite number");
      }
    }
    return dsr(sr, t, skew, kurtosis, trialSrs.length, trialVariance(trialSrs));
  }

  /** DSR = PSR(SR0(V, N)); N ≤ 1 gives SR0 = 0, so DSR = PSR(0). */
  public static StatResult dsr(double sr, int t, double skew, double kurtosis, int n, double variance) {
    if (!(variance >= 0) || variance == Double.POSITIVE_INFINITY) {
      return StatResult.undefined(
          "trial SR variance V = " + StatResult.brief(variance) + " is not a finite number ≥ 0");
    }
    return psr(sr, sr0(variance, n), t, skew, kurtosis);
  }

  /**
   * MinTRL = 1 + (1 − γ3·SR + (γ4−1)/4·SR²)·(Z⁻¹[1−α]/(SR − SR*))², in bars.
   *
   * @throws IllegalArgumentException when alpha is not in (0, 1)
   */
  public static StatResult minTrl(double sr, double srStar, double skew, double kurtosis,
      double alpha) {
    if (!(alpha > 0 && alpha < 1)) {
      throw new IllegalArgumentException("alpha must lie in (0, 1), got " + alpha);
    }
    String bad = firstNonFinite(sr, srStar, skew, kurtosis);
    if (bad != null) {
      return StatResult.undefined(bad);
    }
    if (sr <= srStar) {
      return StatResult.undefined("SR = " + StatResult.brief(sr) + " ≤ SR* = "
          + StatResult.brief(srStar) + ": no track record length shows SR > SR*");
    }
    double term = varianceTerm(sr, skew, kurtosis);
    if (!(term > 0)) {
      return StatResult.undefined(VARIANCE_TERM + " = " + StatResult.brief(term) + " ≤ 0");
    }
    double ratio = NormalDistribution.inverseCdf(1 - alpha) / (sr - srStar);
    double value = 1 + term * ratio * ratio;
    if (!Double.isFinite(value)) {
      return StatResult.undefined("MinTRL overflows: SR − SR* = "
          + StatResult.brief(sr - srStar) + " is too close to 0");
    }
    return StatResult.of(value);
  }

  private static double varianceTerm(double sr, double skew, double kurtosis) {
    return 1 - skew * sr + (kurtosis - 1) / 4 * sr * sr;
  }

  /** The reason naming the first non-finite input, or null when all are finite. */
  private static String firstNonFinite(double sr, double srStar, double skew, double kurtosis) {
    double[] values = {sr, srStar, skew, kurtosis};
    String[] names = {"SR", "SR*", "skew γ3", "kurtosis γ4"};
    for (int i = 0; i < values.length; i++) {
      if (!Double.isFinite(values[i])) {
        return names[i] + " = " + StatResult.brief(values[i]) + " is not a finite number";
      }
    }
    return null;
  }
}
