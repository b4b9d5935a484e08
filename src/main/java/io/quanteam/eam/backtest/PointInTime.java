package io.quanteam.eam.backtest;

import io.quanteam.eam.data.SymbolBars;

/**
 * The point-in-time rule ({@code docs/engine-and-metrics.md}, "Point-in-time fills"). A signal value at bar s is
 * computed from bars 0..s (the DSL is causal, and ema/rsi reach back to the first bar), so it is known at
 * {@code K(s) = max(available_at[0..s])}. At bar t, with fill instant F(t), the latest usable signal bar is
 * {@code d(t) = min(t − L, max{s : K(s) ≤ F(t)})}; bar t acts on it when it is new ({@code d(t) > d(t−1)}), and on
 * nothing otherwise. On-time data ({@code K(t−L) ≤ F(t)}) gives {@code d(t) = t − L}: the plain lag.
 */
public final class PointInTime {
  private PointInTime() {}

  /** {@code K}: for each bar s, the latest {@code available_at} among bars 0..s. */
  public static long[] knownAt(SymbolBars bars) {
    long[] available = bars.availableAt();
    long[] known = new long[available.length];
    long max = Long.MIN_VALUE;
    for (int s = 0; s < known.length; s++) {
      max = Math.max(max, available[s]);
      known[s] = max;
    }
    return known;
  }

  /**
   * The signal bar bar t acts on (new at t), or −1 when it acts on none; {@code known} is {@link #knownAt}. The
   * no-lookahead gate re-derives the signal bar of every recorded fill with it.
   */
  public static int deliveredAt(SymbolBars bars, long[] known, int t, int lag, FillTiming timing, SessionClock clock) {
    int d = usable(known, t, lag, clock.fillInstant(timing, bars.epochDays()[t]));
    int before = t == 0 ? -1 : usable(known, t - 1, lag, clock.fillInstant(timing, bars.epochDays()[t - 1]));
    return d >= 0 && d > before ? d : -1;
  }

  /** {@code d(t)}: the latest bar ≤ t − lag whose K is at or before {@code fill} (−1 or less when none). */
  private static int usable(long[] known, int t, int lag, long fill) {
    int lo = 0;
    int hi = known.length; // count of bars with K ≤ fill, by binary search (K never decreases)
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (known[mid] <= fill) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return Math.min(t - lag, lo - 1);
  }

  /**
   * The signals the engine's bar loop reads: {@code in} itself when every segment bar t in {@code [from, to)} has
   * its lagged signal available ({@code K(t−L) ≤ F(t)}), else copies arranged so that {@code entry[t − lag]} is
   * what bar t acts on. {@code lowerBound} is {@link SessionClock#fillLowerBound}: the cheap test uses no zone rules.
   */
  static SymbolInput arrange(SymbolInput in, int from, int to, int lag, FillTiming timing, SessionClock clock,
      long lowerBound) {
    if (onTime(in.bars().availableAt(), in.bars().epochDays(), from, to, lag, lowerBound)) {
      return in;
    }
    return deferred(in, from, to, lag, new FillInstants(clock, timing));
  }

  /**
   * Sufficient for on time: every bar s read by a segment bar has {@code available_at[s] ≤ day[t]·86400 + lowerBound}
   * for the first segment bar t that reads it, {@code t = max(s + lag, from)} (F grows with t, so that t is the
   * tightest). This equals {@code K(t−L) ≤ F(t)} for all t when the bound is exact, without a running max.
   */
  static boolean onTime(long[] available, int[] days, int from, int to, int lag, long lowerBound) {
    if (to <= from) {
      return true;
    }
    int last = to - 1 - lag;
    int warmUp = Math.min(from - lag, last);
    long first = days[from] * 86_400L + lowerBound;
    for (int s = 0; s <= warmUp; s++) {
      if (available[s] > first) {
        return false;
      }
    }
    for (int s = Math.max(0, warmUp + 1); s <= last; s++) {
      if (available[s] - days[s + lag] * 86_400L > lowerBound) {
        return false;
      }
    }
    return true;
  }

  /** The exact rule, in one pass: m advances while K(m + 1) ≤ F(t); d(t) = min(t − L, m); act when d grows. */
  private static SymbolInput deferred(SymbolInput in, int from, int to, int lag, FillInstants fills) {
    int n = in.bars().size();
    long[] available = in.bars().availableAt();
    int[] days = in.bars().epochDays();
    boolean[] entryRaw = in.entryRaw();
    boolean[] exitRaw = in.exitRaw();
    boolean[] entry = new boolean[n];
    boolean[] exit = new boolean[n];
    long known = Long.MIN_VALUE;
    int m = -1;
    int seen = -1;
    for (int t = Math.max(0, from - 1); t < to; t++) {
      long fill = fills.at(days[t]);
      while (m + 1 < n && Math.max(known, available[m + 1]) <= fill) {
        m++;
        known = Math.max(known, available[m]);
      }
      int d = Math.min(t - lag, m);
      if (d > seen) {
        if (t >= from) {
          entry[t - lag] = entryRaw[d];
          exit[t - lag] = exitRaw[d];
        }
        seen = d;
      }
    }
    return new SymbolInput(in.bars(), entry, exit);
  }
}
