package io.quanteam.eam.backtest;

import static io.quanteam.eam.backtest.Bars.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.quanteam.eam.data.SymbolBars;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Point-in-time fills (docs/engine-and-metrics.md), by hand on a few bars: a signal computed from bar s may drive an
 * order only at a bar t ≥ s + L whose fill instant is at or after max(available_at[0..s]); each signal bar is acted
 * on at most once, at the first bar where it is the latest one available; one overtaken while it waited is dropped.
 */
class PointInTimeFillsTest {
  private static final long DAY = 86_400L;
  private static final long HOUR = 3_600L;

  /** n daily bars from 2024-01-01 (UTC): open 10 + i, close 10.5 + i, available at {@code lateBy[i]} after 16:00. */
  private static SymbolBars bars(long... lateBy) {
    int n = lateBy.length;
    int first = (int) LocalDate.of(2024, 1, 1).toEpochDay();
    int[] days = new int[n];
    double[] open = new double[n];
    double[] close = new double[n];
    long[] available = new long[n];
    for (int i = 0; i < n; i++) {
      days[i] = first + i;
      open[i] = 10 + i;
      close[i] = 10.5 + i;
      available[i] = days[i] * DAY + 16 * HOUR + lateBy[i];
    }
    return new SymbolBars("X", days, open, close.clone(), open.clone(), close, new double[n], available);
  }

  private static long[] every(int n, long lateBy) {
    long[] late = new long[n];
    java.util.Arrays.fill(late, lateBy);
    return late;
  }

  private static BacktestResult run(SymbolInput in, FillTiming timing, SessionClock clock) {
    LocalDate first = in.bars().date(0);
    LocalDate last = in.bars().date(in.bars().size() - 1);
    BacktestResult r = BacktestEngine.run(List.of(in), new SegmentWindow("test_000", first, last), 1, CostModel.ZERO,
        timing, clock, Recording.FULL);
    // The gates' cheap path applies the same rule, bit for bit.
    assertThat(BacktestEngine.totalReturn(List.of(in), new SegmentWindow("test_000", first, last), 1,
        CostModel.ZERO, timing, clock)).isEqualTo(r.totalReturn());
    return r;
  }

  private static BacktestResult nextOpen(SymbolBars bars, boolean[] entry, boolean[] exit) {
    return run(new SymbolInput(bars, entry, exit), FillTiming.NEXT_OPEN, SessionClock.UTC_1600);
  }

  private static LocalDate jan(int day) {
    return LocalDate.of(2024, 1, day);
  }

  @Test
  void dataPublishedAtTheCloseFillsAtTheNextOpenAsTheLagSays() {
    // Entry on bar 1 (01-02), exit on bar 4 (01-05): bought at the 01-03 open (12), sold at the 01-06 open (15).
    BacktestResult r = nextOpen(bars(every(8, 0)), at(8, 1), at(8, 4));
    assertThat(r.trades()).singleElement().satisfies(t -> {
      assertThat(t.entryDate()).isEqualTo(jan(3));
      assertThat(t.entryPrice()).isEqualTo(12.0);
      assertThat(t.exitDate()).isEqualTo(jan(6));
      assertThat(t.exitPrice()).isEqualTo(15.0);
    });
  }

  @Test
  void dataPublishedAtMidnightIsStillInTimeForThatDaysOpen() {
    // 8 hours after the close = 00:00 of the next date, the next_open fill instant: available at (≤) the fill.
    BacktestResult r = nextOpen(bars(every(8, 8 * HOUR)), at(8, 1), at(8, 4));
    assertThat(r.trades()).singleElement().satisfies(t -> {
      assertThat(t.entryDate()).isEqualTo(jan(3));
      assertThat(t.exitDate()).isEqualTo(jan(6));
    });
  }

  @Test
  void aFeedOneSecondLaterThanMidnightMovesEveryFillOneBarLater() {
    // Each bar known at 00:00:01 of the next date: bar s is first usable at the open of bar s + 2.
    BacktestResult r = nextOpen(bars(every(8, 8 * HOUR + 1)), at(8, 1), at(8, 4));
    assertThat(r.trades()).singleElement().satisfies(t -> {
      assertThat(t.entryDate()).isEqualTo(jan(4));
      assertThat(t.entryPrice()).isEqualTo(13.0);
      assertThat(t.exitDate()).isEqualTo(jan(7));
      assertThat(t.exitPrice()).isEqualTo(16.0);
    });
    // Bought at 13 with all the cash (1), sold at 16, flat at the end: 16/13 − 1.
    assertThat(r.totalReturn()).isCloseTo(16.0 / 13.0 - 1, org.assertj.core.api.Assertions.within(1e-12));
  }

  @Test
  void aLateBarDefersOnlyTheSignalsThatUseIt() {
    // Bar 1 (01-02) is published on 01-04 at 09:00, after the 01-04 open; the others at their close. Its signal,
    // and bar 2's (which uses bar 1 too: the running max), wait for the 01-05 open; bar 3's is on time there too, so
    // the 01-05 open acts on bar 3 alone and bars 1 and 2 are overtaken: a one-bar entry pulse on bar 1 never fills.
    long[] late = every(8, 0);
    late[1] = DAY + 17 * HOUR;
    assertThat(nextOpen(bars(late), at(8, 1), at(8)).trades()).isEmpty();
    assertThat(nextOpen(bars(late), at(8, 1), at(8)).openPositions()).isZero();
    // A signal still true on bar 3 (state, not pulse) is bought at the 01-05 open (14).
    BacktestResult held = nextOpen(bars(late), at(8, 1, 2, 3), at(8, 6));
    assertThat(held.trades()).singleElement().satisfies(t -> {
      assertThat(t.entryDate()).isEqualTo(jan(5));
      assertThat(t.entryPrice()).isEqualTo(14.0);
      assertThat(t.exitDate()).isEqualTo(jan(8));
    });
  }

  @Test
  void aSignalIsActedOnOnceEvenWhenNoNewerOneArrivesAtTheNextBar() {
    // Bar 1 (01-02) is published on 01-03 at 12:00: at the 01-03 open the latest usable signal is still bar 0's,
    // already acted on at the 01-02 open (bought at 11). Its exit flag, also set, is not read a second time at the
    // 01-03 open (that would sell); at the 01-04 open bar 2's signal (no exit) arrives: the position stays open.
    long[] late = every(5, 0);
    late[1] = 20 * HOUR;
    BacktestResult r = nextOpen(bars(late), at(5, 0), at(5, 0));
    assertThat(r.trades()).isEmpty();
    assertThat(r.openPositions()).isEqualTo(1);
    assertThat(r.sleeves().get(0).qty(1)).isEqualTo(1.0 / 11.0);
    assertThat(r.sleeves().get(0).qty(4)).isEqualTo(1.0 / 11.0);
  }

  @Test
  void closeFillsUseTheCloseInstantOfTheFillBar() {
    // Published exactly at the next bar's close: on time for a close fill there (bought at the 01-03 close, 12.5).
    BacktestResult onTime = run(new SymbolInput(bars(every(6, DAY)), at(6, 1), at(6)), FillTiming.CLOSE,
        SessionClock.UTC_1600);
    assertThat(onTime.sleeves().get(0).qty(2)).isEqualTo(1.0 / 12.5);
    assertThat(onTime.sleeves().get(0).qty(1)).isZero();
    // One second later: the 01-04 close (13.5).
    BacktestResult late = run(new SymbolInput(bars(every(6, DAY + 1)), at(6, 1), at(6)), FillTiming.CLOSE,
        SessionClock.UTC_1600);
    assertThat(late.sleeves().get(0).qty(2)).isZero();
    assertThat(late.sleeves().get(0).qty(3)).isEqualTo(1.0 / 13.5);
  }

  @Test
  void theOpenInstantIsLocalMidnightInTheSnapshotZoneAcrossADaylightSavingChange() {
    // New York moved to EDT (−04:00) on Sunday 2024-03-10. Bars Thu 03-07, Fri 03-08, Mon 03-11, Tue 03-12, entry
    // signal on Friday and Monday. Friday's fills at Monday's open, whose instant is 2024-03-11T00:00-04:00 = 04:00Z
    // (not 05:00Z, the EST midnight); published later, it is overtaken by Monday's, which fills on Tuesday.
    SessionClock newYork = new SessionClock(ZoneId.of("America/New_York"), LocalTime.of(16, 0));
    String[] dates = {"2024-03-07", "2024-03-08", "2024-03-11", "2024-03-12"};
    assertThat(fillDateInNewYork(newYork, dates, "2024-03-11T00:00:00-04:00")).isEqualTo("2024-03-11");
    assertThat(fillDateInNewYork(newYork, dates, "2024-03-11T00:00:01-04:00")).isEqualTo("2024-03-12");
    assertThat(fillDateInNewYork(newYork, dates, "2024-03-11T00:30:00-04:00")).isEqualTo("2024-03-12");
  }

  /** The first date the sleeve is long when Friday's bar is published at {@code fridayAvailable}. */
  private static String fillDateInNewYork(SessionClock clock, String[] dates, String fridayAvailable) {
    int n = dates.length;
    int[] days = new int[n];
    double[] px = new double[n];
    long[] available = new long[n];
    for (int i = 0; i < n; i++) {
      days[i] = (int) LocalDate.parse(dates[i]).toEpochDay();
      px[i] = 10 + i;
      available[i] = clock.fillInstant(FillTiming.CLOSE, days[i]);
    }
    available[1] = OffsetDateTime.parse(fridayAvailable).toEpochSecond();
    SymbolBars b = new SymbolBars("X", days, px, px.clone(), px.clone(), px.clone(), new double[n], available);
    BacktestResult r = BacktestEngine.run(List.of(new SymbolInput(b, at(n, 1, 2), at(n))),
        new SegmentWindow("test_000", b.date(0), b.date(n - 1)), 1, CostModel.ZERO, FillTiming.NEXT_OPEN, clock,
        Recording.FULL);
    for (int j = 0; j < n; j++) {
      if (r.sleeves().get(0).qty(j) > 0) {
        return b.date(j).toString();
      }
    }
    return "never";
  }

  @Test
  void aSignalFromTheWarmUpHistoryIsDeferredIntoTheSegment() {
    // Segment 01-04..01-08; from bar 2 (01-03, warm-up) on, bars are published at 01:00 the next day, after that
    // day's open: bar 2's entry is not usable at the first segment bar (01-04) but at the 01-05 open (14).
    long[] late = every(8, 9 * HOUR);
    late[0] = 0;
    late[1] = 0;
    SymbolInput in = new SymbolInput(bars(late), at(8, 2), at(8));
    SegmentWindow window = new SegmentWindow("test_000", jan(4), jan(8));
    BacktestResult r = BacktestEngine.run(List.of(in), window, 1, CostModel.ZERO, FillTiming.NEXT_OPEN,
        SessionClock.UTC_1600, Recording.FULL);
    assertThat(r.sleeves().get(0).qty(0)).isZero();
    assertThat(r.sleeves().get(0).qty(1)).isEqualTo(1.0 / 14.0);
  }

  @Test
  void theDeliveredSignalBarIsWhatTheGateReDerives() {
    long[] late = every(8, 0);
    late[1] = DAY + 17 * HOUR;
    SymbolBars b = bars(late);
    long[] known = PointInTime.knownAt(b);
    int[] delivered = new int[8];
    for (int t = 0; t < 8; t++) {
      delivered[t] = PointInTime.deliveredAt(b, known, t, 1, FillTiming.NEXT_OPEN, SessionClock.UTC_1600);
    }
    // Bar 0 at the 01-02 open; nothing new at 01-03 or 01-04 (bar 1 is not out); bar 3 at 01-05; then one a day.
    assertThat(delivered).containsExactly(-1, 0, -1, -1, 3, 4, 5, 6);
  }
}
