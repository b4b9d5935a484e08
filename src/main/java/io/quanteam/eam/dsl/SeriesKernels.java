package io.quanteam.eam.dsl;

/**
 * Kernels that look back along the series: shifts, recursions and crosses. Recursions (ema, rsi) restart
 * after a missing (non-finite) input as if the series began again after it, so leading NaNs of a nested
 * input (e.g. ema of an sma) only delay the seed instead of poisoning the whole column.
 */
final class SeriesKernels {
  private SeriesKernels() {}

  /** x[t−k]; NaN for t < k. */
  static double[] lag(double[] x, int k) {
    int n = x.length;
    double[] out = new double[n];
    for (int t = 0; t < n; t++) {
      out[t] = t < k ? Double.NaN : x[t - k];
    }
    return out;
  }

  /** x[t]/x[t−k] − 1; NaN for t < k and where x[t−k] == 0. */
  static double[] pctChange(double[] x, int k) {
    int n = x.length;
    double[] out = new double[n];
    for (int t = 0; t < n; t++) {
      if (t < k || x[t - k] == 0.0) {
        out[t] = Double.NaN;
      } else {
        out[t] = x[t] / x[t - k] - 1.0;
      }
    }
    return out;
  }

  /**
   * α = 2/(n+1); seeded with the mean of the first n consecutive finite values (at t = n−1 for a clean
   * series), then e[t] = α·x[t] + (1−α)·e[t−1]. A non-finite input gives NaN and restarts the seeding.
   */
  static double[] ema(double[] x, int w) {
    int n = x.length;
    double[] out = new double[n];
    double alpha = 2.0 / (w + 1);
    double keep = 1.0 - alpha;
    int run = 0;
    double e = Double.NaN;
    for (int t = 0; t < n; t++) {
      double v = x[t];
      if (!Double.isFinite(v)) {
        run = 0;
        out[t] = Double.NaN;
        continue;
      }
      run++;
      if (run < w) {
        out[t] = Double.NaN;
        continue;
      }
      if (run == w) {
        double sum = 0.0;
        for (int i = t - w + 1; i <= t; i++) {
          sum += x[i];
        }
        e = sum / w;
      } else {
        e = alpha * v + keep * e;
      }
      out[t] = e;
    }
    return out;
  }

  /**
   * Wilder's RSI: d[t] = x[t] − x[t−1]; the first averages are simple means of the gains and losses of n
   * consecutive changes (t = n for a clean series), then avg = (avg·(n−1) + value)/n; RSI = 100 − 100/(1 +
   * gain/loss), 100 when the average loss is 0. A change with a non-finite end gives NaN and restarts.
   */
  static double[] rsi(double[] x, int w) {
    int n = x.length;
    double[] out = new double[n];
    int run = 0;
    double gain = 0.0;
    double loss = 0.0;
    for (int t = 0; t < n; t++) {
      if (t == 0 || !Double.isFinite(x[t]) || !Double.isFinite(x[t - 1])) {
        run = 0;
        out[t] = Double.NaN;
        continue;
      }
      run++;
      if (run < w) {
        out[t] = Double.NaN;
        continue;
      }
      if (run == w) {
        double gains = 0.0;
        double losses = 0.0;
        for (int i = t - w + 1; i <= t; i++) {
          double d = x[i] - x[i - 1];
          if (d > 0) {
            gains += d;
          } else if (d < 0) {
            losses -= d;
          }
        }
        gain = gains / w;
        loss = losses / w;
      } else {
        double d = x[t] - x[t - 1];
        gain = (gain * (w - 1) + (d > 0 ? d : 0.0)) / w;
        loss = (loss * (w - 1) + (d < 0 ? -d : 0.0)) / w;
      }
      out[t] = loss == 0.0 ? 100.0 : 100.0 - 100.0 / (1.0 + gain / loss);
    }
    return out;
  }

  /** a[t−1] ≤ b[t−1] and a[t] > b[t]; false at t = 0 and wherever an operand is NaN. */
  static boolean[] crossAbove(double[] a, double[] b) {
    int n = a.length;
    boolean[] out = new boolean[n];
    for (int t = 1; t < n; t++) {
      out[t] = a[t - 1] <= b[t - 1] && a[t] > b[t];
    }
    return out;
  }

  /** a[t−1] ≥ b[t−1] and a[t] < b[t]; false at t = 0 and wherever an operand is NaN. */
  static boolean[] crossBelow(double[] a, double[] b) {
    int n = a.length;
    boolean[] out = new boolean[n];
    for (int t = 1; t < n; t++) {
      out[t] = a[t - 1] >= b[t - 1] && a[t] < b[t];
    }
    return out;
  }
}
