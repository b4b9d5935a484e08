package io.quanteam.eam.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.quanteam.eam.data.SymbolBars;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** The engine's one-pass rule and the gate's per-bar re-derivation against the definition, computed naively. */
class PointInTimeProperties {
  private static final SessionClock[] CLOCKS = {SessionClock.UTC_1600,
      new SessionClock(ZoneId.of("America/New_York"), LocalTime.of(16, 0)),
      new SessionClock(ZoneId.of("+08:00"), LocalTime.of(15, 0))};

  @Property(tries = 500)
  void arrangedSignalsAreTheDefinition(@ForAll long seed, @ForAll @IntRange(min = 1, max = 3) int lag,
      @ForAll @IntRange(min = 0, max = 2) int clockIndex, @ForAll boolean atClose, @ForAll boolean late) {
    Random rnd = new Random(seed);
    SessionClock clock = CLOCKS[clockIndex];
    FillTiming timing = atClose ? FillTiming.CLOSE : FillTiming.NEXT_OPEN;
    int n = 1 + rnd.nextInt(40);
    int[] days = new int[n];
    long[] available = new long[n];
    boolean[] entry = new boolean[n];
    boolean[] exit = new boolean[n];
    int day = (int) LocalDate.of(2024, 2, 20).toEpochDay(); // across New York's March DST change
    for (int i = 0; i < n; i++) {
      day += 1 + (rnd.nextInt(4) == 0 ? rnd.nextInt(3) : 0);
      days[i] = day;
      // On time (at the close), or late by up to ~4 days, or published early (a pre-dated row).
      long close = clock.fillInstant(FillTiming.CLOSE, day);
      available[i] = late ? close + (rnd.nextInt(3) == 0 ? rnd.nextInt(4 * 86_400) - 36_000 : 0) : close;
      entry[i] = rnd.nextBoolean();
      exit[i] = rnd.nextBoolean();
    }
    double[] px = new double[n];
    java.util.Arrays.fill(px, 10.0);
    SymbolBars bars = new SymbolBars("X", days, px, px, px, px, px, available);
    SymbolInput in = new SymbolInput(bars, entry, exit);
    int from = rnd.nextInt(n + 1);
    int to = from + rnd.nextInt(n - from + 1);

    SymbolInput arranged = PointInTime.arrange(in, from, to, lag, timing, clock,
        clock.fillLowerBound(timing, days[Math.min(from, n - 1)]));
    long[] known = PointInTime.knownAt(bars);
    for (int t = from; t < to; t++) {
      int d = naive(available, days, t, lag, timing, clock);
      int before = t == 0 ? -1 : naive(available, days, t - 1, lag, timing, clock);
      int delivered = d >= 0 && d > before ? d : -1;
      assertThat(PointInTime.deliveredAt(bars, known, t, lag, timing, clock)).isEqualTo(delivered);
      if (t - lag >= 0) {
        assertThat(arranged.entryRaw()[t - lag]).as("entry at %d", t).isEqualTo(delivered >= 0 && entry[delivered]);
        assertThat(arranged.exitRaw()[t - lag]).as("exit at %d", t).isEqualTo(delivered >= 0 && exit[delivered]);
      }
    }
    if (!late) {
      assertThat(arranged).isSameAs(in); // on time: the raw signals, no copy
    }
  }

  /** d(t) by the definition: the latest s ≤ t − L with max(available_at[0..s]) ≤ F(t). */
  private static int naive(long[] available, int[] days, int t, int lag, FillTiming timing, SessionClock clock) {
    long fill = clock.fillInstant(timing, days[t]);
    int best = -1;
    for (int s = 0; s <= t - lag; s++) {
      long k = Long.MIN_VALUE;
      for (int i = 0; i <= s; i++) {
        k = Math.max(k, available[i]);
      }
      if (k <= fill) {
        best = s;
      }
    }
    return best;
  }
}
