package io.quanteam.eam.dsl;

/**
 * Rolling-window kernels over {@code x[t−n+1..t]}: NaN for t < n−1, and NaN for every window that holds a
 * non-finite value (NaN = missing; ±∞ is treated the same, since a running sum cannot take it out again).
 */
final class WindowKernels {
  private WindowKernels() {}

  /**
   * Mean of the window, O(n): a running sum with Neumaier compensation for both the added and the removed
   * value, so the error stays at a few ulps of the window sum however long the series (a plain running sum
   * drifts, recomputing per window is O(n·w)).
   */
  static double[] sma(double[] x, int w) {
    int n = x.length;
    double[] out = new double[n];
    double sum = 0.0;
    double comp = 0.0;
    int missing = 0;
    for (int t = 0; t < n; t++) {
      double v = x[t];
      if (Double.isFinite(v)) {
        double s = sum + v;
        comp += Math.abs(sum) >= Math.abs(v) ? (sum - s) + v : (v - s) + sum;
        sum = s;
      } else {
        missing++;
      }
      if (t >= w) {
        double o = -x[t - w];
        if (Double.isFinite(o)) {
          double s = sum + o;
          comp += Math.abs(sum) >= Math.abs(o) ? (sum - s) + o : (o - s) + sum;
          sum = s;
        } else {
          missing--;
        }
      }
      out[t] = t >= w - 1 && missing == 0 ? (sum + comp) / w : Double.NaN;
    }
    return out;
  }

  /** Sample standard deviation (n−1 divisor); n = 1 → NaN. Two-pass per window, O(n·w), exact enough. */
  static double[] std(double[] x, int w) {
    return moments(x, w, false);
  }

  /** (x[t] − mean) / std of the window; std = 0 (all values equal) → NaN. */
  static double[] zscore(double[] x, int w) {
    return moments(x, w, true);
  }

  private static double[] moments(double[] x, int w, boolean zscore) {
    int n = x.length;
    double[] out = new double[n];
    int lastMissing = -1;
    for (int t = 0; t < n; t++) {
      if (!Double.isFinite(x[t])) {
        lastMissing = t;
      }
      int start = t - w + 1;
      if (start < 0 || lastMissing >= start || w == 1) {
        out[t] = Double.NaN;
        continue;
      }
      double sum = 0.0;
      boolean allEqual = true;
      for (int i = start; i <= t; i++) {
        sum += x[i];
        allEqual &= x[i] == x[start];
      }
      double mean = sum / w;
      double std = 0.0;
      // A constant window's mean can miss the constant by an ulp; its deviation must still be exactly 0.
      if (!allEqual) {
        double ss = 0.0;
        for (int i = start; i <= t; i++) {
          double d = x[i] - mean;
          ss += d * d;
        }
        std = Math.sqrt(ss / (w - 1));
      }
      if (zscore) {
        out[t] = std == 0.0 ? Double.NaN : (x[t] - mean) / std;
      } else {
        out[t] = std;
      }
    }
    return out;
  }

  static double[] highest(double[] x, int w) {
    return extreme(x, w, true);
  }

  static double[] lowest(double[] x, int w) {
    return extreme(x, w, false);
  }

  /** Monotonic deque of candidate indices: O(n) amortised, each index pushed and popped at most once. */
  private static double[] extreme(double[] x, int w, boolean max) {
    int n = x.length;
    double[] out = new double[n];
    int[] deque = new int[n];
    int head = 0;
    int tail = 0;
    int lastMissing = -1;
    for (int t = 0; t < n; t++) {
      double v = x[t];
      if (!Double.isFinite(v)) {
        lastMissing = t;
      } else {
        while (tail > head && (max ? x[deque[tail - 1]] <= v : x[deque[tail - 1]] >= v)) {
          tail--;
        }
        deque[tail++] = t;
      }
      int start = t - w + 1;
      while (head < tail && deque[head] < start) {
        head++;
      }
      out[t] = start >= 0 && lastMissing < start ? x[deque[head]] : Double.NaN;
    }
    return out;
  }
}
