package io.quanteam.eam.stats;

/**
 * Sample moments of a per-bar return series, as the statistical gates use them (spec §7).
 *
 * @param n number of returns
 * @param mean arithmetic mean; NaN when n = 0
 * @param std standard deviation with the n−1 divisor; NaN when n &lt; 2
 * @param sr per-bar Sharpe ratio mean/std; NaN when n &lt; 2 or std = 0
 * @param skew m3/m2^1.5 with 1/n central moments; NaN when m2 = 0
 * @param kurtosis Pearson kurtosis m4/m2² (3 for a normal) with 1/n central moments; NaN when m2 = 0
 */
public record SeriesMoments(int n, double mean, double std, double sr, double skew, double kurtosis) {

  /** Two-pass moments; NaN inputs propagate to NaN moments. */
  public static SeriesMoments of(double[] returns) {
    int n = returns.length;
    if (n == 0) {
      return new SeriesMoments(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }
    double sum = 0;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (double r : returns) {
      sum += r;
      min = Math.min(min, r);
      max = Math.max(max, r);
    }
    double mean = sum / n;
    double s2 = 0;
    double s3 = 0;
    double s4 = 0;
    // A constant series must give exactly zero spread, whatever rounding the mean picked up
    // (NaN bounds compare unequal, so NaN inputs still reach the loop and propagate).
    if (min != max) {
      for (double r : returns) {
        double d = r - mean;
        double d2 = d * d;
        s2 += d2;
        s3 += d2 * d;
        s4 += d2 * d2;
      }
    }
    double std = n < 2 ? Double.NaN : StrictMath.sqrt(s2 / (n - 1));
    double sr = std > 0 ? mean / std : Double.NaN;
    double m2 = s2 / n;
    double skew = m2 > 0 ? (s3 / n) / (m2 * StrictMath.sqrt(m2)) : Double.NaN;
    double kurtosis = m2 > 0 ? (s4 / n) / (m2 * m2) : Double.NaN;
    return new SeriesMoments(n, mean, std, sr, skew, kurtosis);
  }
}
