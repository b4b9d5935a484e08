package io.quanteam.eam.backtest;

import java.util.List;

/** Spec 02 §7 metrics of one segment, computed from its portfolio curve, per-date series and trades. */
public final class Metrics {
  /** A: bars per year. */
  public static final double BARS_PER_YEAR = 252.0;

  private static final double SQRT_A = StrictMath.sqrt(BARS_PER_YEAR);

  private Metrics() {}

  /** Metrics of a {@link Recording#FULL} run (trade statistics need the trade list). */
  public static SegmentMetrics of(BacktestResult result) {
    result.requireFull("metrics");
    return compute(result.window(), result.lagBars(), result.equity(), result.turnover(), result.heldCount(),
        result.trades(), result.openPositions());
  }

  /**
   * The annualised Sharpe of a curve-only result, exactly as {@link #of} computes it for metrics.json; null when
   * undefined (fewer than 2 bars, or no variation). The holdout gate compares it without writing metrics.
   */
  public static Double sharpe(BacktestResult result) {
    double[] r = returns(result.equity());
    int n = r.length;
    if (n < 2) {
      return null;
    }
    double mean = mean(r);
    double std = StrictMath.sqrt(sumSquaredDeviations(r, mean) / (n - 1));
    return std == 0 ? null : finiteOrNull(mean / std * SQRT_A);
  }

  /**
   * Metrics from the raw series: {@code equity[0..n-1]} are E[1..n] (E[0] = C0 is implicit), {@code turnover}
   * and {@code heldCount} are aligned with them.
   */
  public static SegmentMetrics compute(SegmentWindow window, int lagBars, double[] equity, double[] turnover,
      int[] heldCount, List<Trade> trades, int openPositions) {
    int n = equity.length;
    if (n == 0) {
      throw new IllegalArgumentException("segment " + window.segmentId() + " has no bars: metrics are undefined");
    }
    if (turnover.length != n || heldCount.length != n) {
      throw new IllegalArgumentException("equity, turnover and heldCount differ in length");
    }
    double c0 = BacktestEngine.INITIAL_CAPITAL;
    double[] r = returns(equity);
    double mean = mean(r);
    Double std = n < 2 ? null : StrictMath.sqrt(sumSquaredDeviations(r, mean) / (n - 1));
    Double perBarSr = std == null || std == 0 ? null : mean / std;

    double growth = equity[n - 1] / c0;
    double totalReturn = growth - 1;
    // A negative final equity has no compound growth rate (pow would return NaN, or a positive even power).
    Double cagr = growth < 0 ? null : finiteOrNull(StrictMath.pow(growth, BARS_PER_YEAR / n) - 1);
    double maxDrawdown = maxDrawdown(equity, c0);
    Double calmar = cagr == null || maxDrawdown == 0 ? null : cagr / Math.abs(maxDrawdown);

    double downside = 0;
    boolean anyNegative = false;
    for (double v : r) {
      if (v < 0) {
        downside += v * v;
        anyNegative = true;
      }
    }
    Double sortino = anyNegative ? mean / StrictMath.sqrt(downside / n) * SQRT_A : null;

    double m2 = 0;
    double m3 = 0;
    double m4 = 0;
    for (double v : r) {
      double dev = v - mean;
      double dev2 = dev * dev;
      m2 += dev2;
      m3 += dev2 * dev;
      m4 += dev2 * dev2;
    }
    m2 /= n;
    m3 /= n;
    m4 /= n;
    Double skew = m2 == 0 ? null : m3 / StrictMath.pow(m2, 1.5);
    Double kurtosis = m2 == 0 ? null : m4 / (m2 * m2);

    int wins = 0;
    double grossWin = 0;
    double grossLoss = 0;
    boolean anyLoss = false;
    for (Trade t : trades) {
      if (t.pnl() > 0) {
        wins++;
        grossWin += t.pnl();
      } else if (t.pnl() < 0) {
        grossLoss += t.pnl();
        anyLoss = true;
      }
    }
    int tradeCount = trades.size();
    Double winRate = tradeCount == 0 ? null : (double) wins / tradeCount;
    Double profitFactor = anyLoss ? grossWin / Math.abs(grossLoss) : null;

    int barsHeld = 0;
    double turnoverSum = 0;
    double maxTurnover = turnover[0];
    for (int k = 0; k < n; k++) {
      barsHeld += heldCount[k] > 0 ? 1 : 0;
      turnoverSum += turnover[k];
      maxTurnover = Math.max(maxTurnover, turnover[k]);
    }

    return new SegmentMetrics(window.segmentId(), window.start(), window.end(), lagBars, n, totalReturn, cagr,
        std == null ? null : std * SQRT_A, perBarSr == null ? null : perBarSr * SQRT_A, sortino, maxDrawdown,
        calmar, tradeCount, winRate, profitFactor, (double) barsHeld / n, turnoverSum / n, maxTurnover,
        openPositions, perBarSr, skew, kurtosis);
  }

  /** r[t] = E[t]/E[t−1] − 1 for t = 1..n with E[0] = C0; {@code equity} holds E[1..n]. */
  public static double[] returns(double[] equity) {
    double[] r = new double[equity.length];
    double previous = BacktestEngine.INITIAL_CAPITAL;
    for (int t = 0; t < equity.length; t++) {
      r[t] = equity[t] / previous - 1;
      previous = equity[t];
    }
    return r;
  }

  /** min over t in 0..n of E[t]/max(E[0..t]) − 1, E[0] = C0 included (so never above 0). */
  static double maxDrawdown(double[] equity, double c0) {
    double peak = c0;
    double worst = 0;
    for (double e : equity) {
      peak = Math.max(peak, e);
      worst = Math.min(worst, e / peak - 1);
    }
    return worst;
  }

  private static double mean(double[] v) {
    double sum = 0;
    for (double x : v) {
      sum += x;
    }
    return sum / v.length;
  }

  private static double sumSquaredDeviations(double[] v, double mean) {
    double sum = 0;
    for (double x : v) {
      double d = x - mean;
      sum += d * d;
    }
    return sum;
  }

  private static Double finiteOrNull(double v) {
    return Double.isFinite(v) ? v : null;
  }
}
