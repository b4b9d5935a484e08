package io.quanteam.eam.stats;

import java.util.function.ToDoubleFunction;

/**
 * Probability of Backtest Overfitting by combinatorially symmetric cross-validation (CSCV; Bailey,
 * Borwein, López de Prado and Zhu, "The probability of backtest overfitting", J. Comput. Finance 2017,
 * working paper 2015).
 *
 * <p>The T×N matrix (rows = bars in time order, columns = trials) is cut into S contiguous blocks of
 * T/S rows. Every choice of S/2 blocks is one split: those blocks are in-sample (IS), the rest
 * out-of-sample (OOS). The IS winner is the trial with the highest IS metric (the lowest column index
 * on a tie); ω̄ = rank/(N+1) where rank is its OOS rank among all N trials, 1 = worst, tied trials
 * sharing the average of their ranks; λ = ln(ω̄/(1−ω̄)) and PBO is the share of splits with λ ≤ 0.
 * With average ranks a winner tied with every trial gets λ = 0 and counts as overfit: picking it by
 * its IS metric carried no information.
 */
public final class Pbo {
  /** C(20, 10) = 184 756 splits; more blocks would make the enumeration run for hours. */
  public static final int MAX_BLOCKS = 20;

  /** The default metric: arithmetic mean of a trial's returns over the selected rows. */
  public static final ToDoubleFunction<double[]> MEAN = rows -> {
    double sum = 0;
    for (double r : rows) {
      sum += r;
    }
    return sum / rows.length;
  };

  private Pbo() {
  }

  /** PBO with the mean as metric. */
  public static PboResult compute(double[][] m, int blocks) {
    return compute(m, blocks, MEAN);
  }

  /**
   * PBO with a metric over one trial's selected rows (in time order), e.g. a Sharpe ratio.
   *
   * @throws IllegalArgumentException when the matrix is empty or ragged, has fewer than 2 trials, when
   *     S is odd, below 2, above {@link #MAX_BLOCKS} or does not divide T, or when the metric gives NaN
   */
  public static PboResult compute(double[][] m, int blocks, ToDoubleFunction<double[]> metric) {
    double[][] trials = columns(m);
    int t = m.length;
    if (blocks < 2 || blocks % 2 != 0 || blocks > MAX_BLOCKS) {
      throw new IllegalArgumentException(
          "S must be an even number of blocks in [2, " + MAX_BLOCKS + "], got " + blocks);
    }
    if (t % blocks != 0) {
      throw new IllegalArgumentException("T = " + t + " rows do not divide into S = " + blocks
          + " equal blocks; trim the matrix to a multiple of S (e.g. " + (t - t % blocks) + " rows)");
    }
    int n = trials.length;
    int blockRows = t / blocks;
    int splits = binomial(blocks, blocks / 2);
    double[] lambdas = new double[splits];
    double[] isPerf = new double[splits];
    double[] oosPerf = new double[splits];
    int overfit = 0;
    int losses = 0;
    int[] inSample = new int[blocks / 2];
    for (int i = 0; i < inSample.length; i++) {
      inSample[i] = i;
    }
    for (int k = 0; k < splits; k++) {
      boolean[] isBlock = new boolean[blocks];
      for (int b : inSample) {
        isBlock[b] = true;
      }
      double[] is = new double[n];
      double[] oos = new double[n];
      for (int j = 0; j < n; j++) {
        is[j] = evaluate(metric, select(trials[j], isBlock, true, blockRows), j, k);
        oos[j] = evaluate(metric, select(trials[j], isBlock, false, blockRows), j, k);
      }
      int winner = 0;
      for (int j = 1; j < n; j++) {
        if (is[j] > is[winner]) {
          winner = j;
        }
      }
      // ω̄/(1−ω̄) with ω̄ = rank/(N+1) is rank/(N+1−rank); the ratio form rounds once, not three times
      double rank = averageRank(oos, winner);
      lambdas[k] = StrictMath.log(rank / (n + 1 - rank));
      isPerf[k] = is[winner];
      oosPerf[k] = oos[winner];
      overfit += lambdas[k] <= 0 ? 1 : 0;
      losses += oos[winner] < 0 ? 1 : 0;
      nextCombination(inSample, blocks);
    }
    double[] fit = olsFit(isPerf, oosPerf);
    return new PboResult((double) overfit / splits, lambdas, isPerf, oosPerf, fit[0], fit[1],
        (double) losses / splits);
  }

  private static double[][] columns(double[][] m) {
    if (m.length == 0 || m[0].length < 2) {
      throw new IllegalArgumentException("PBO needs a T×N matrix with T ≥ 1 rows and N ≥ 2 trials");
    }
    int n = m[0].length;
    double[][] trials = new double[n][m.length];
    for (int row = 0; row < m.length; row++) {
      if (m[row].length != n) {
        throw new IllegalArgumentException("row " + row + " has " + m[row].length
            + " trials, row 0 has " + n + "; the matrix must be rectangular");
      }
      for (int j = 0; j < n; j++) {
        trials[j][row] = m[row][j];
      }
    }
    return trials;
  }

  /** The rows of one trial in the in-sample (or out-of-sample) blocks, in time order. */
  private static double[] select(double[] trial, boolean[] isBlock, boolean inSample, int blockRows) {
    double[] out = new double[trial.length / 2];
    int pos = 0;
    for (int b = 0; b < isBlock.length; b++) {
      if (isBlock[b] == inSample) {
        System.arraycopy(trial, b * blockRows, out, pos, blockRows);
        pos += blockRows;
      }
    }
    return out;
  }

  private static double evaluate(ToDoubleFunction<double[]> metric, double[] rows, int trial, int split) {
    double v = metric.applyAsDouble(rows);
    if (Double.isNaN(v)) {
      throw new IllegalArgumentException(
          "the metric is NaN for trial " + trial + " in split " + split + "; PBO needs comparable values");
    }
    return v;
  }

  /** 1-based rank of values[index] among all values, 1 = lowest, ties sharing their average rank. */
  private static double averageRank(double[] values, int index) {
    int below = 0;
    int tied = 0;
    for (int j = 0; j < values.length; j++) {
      if (j != index) {
        below += values[j] < values[index] ? 1 : 0;
        tied += values[j] == values[index] ? 1 : 0;
      }
    }
    return 1 + below + tied / 2.0;
  }

  /** Advances a sorted k-subset of {0..n−1} to its lexicographic successor (no-op after the last). */
  private static void nextCombination(int[] c, int n) {
    int k = c.length;
    int i = k - 1;
    while (i >= 0 && c[i] == n - k + i) {
      i--;
    }
    if (i < 0) {
      return;
    }
    c[i]++;
    for (int j = i + 1; j < k; j++) {
      c[j] = c[j - 1] + 1;
    }
  }

  private static int binomial(int n, int k) {
    long c = 1;
    for (int i = 1; i <= k; i++) {
      c = c * (n - k + i) / i;
    }
    return (int) c;
  }

  /** {slope, intercept} of the least-squares line y = a + b·x; NaN both when x is constant. */
  private static double[] olsFit(double[] x, double[] y) {
    double mx = MEAN.applyAsDouble(x);
    double my = MEAN.applyAsDouble(y);
    double sxy = 0;
    double sxx = 0;
    for (int i = 0; i < x.length; i++) {
      sxy += (x[i] - mx) * (y[i] - my);
      sxx += (x[i] - mx) * (x[i] - mx);
    }
    if (sxx == 0) {
      return new double[] {Double.NaN, Double.NaN};
    }
    double slope = sxy / sxx;
    return new double[] {slope, my - slope * mx};
  }
}
