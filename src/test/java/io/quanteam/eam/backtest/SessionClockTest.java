package io.quanteam.eam.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** Fill instants: next_open at 00:00 local, close at the close time, in the snapshot zone. */
class SessionClockTest {
  private static final int FROM = (int) LocalDate.of(1995, 1, 1).toEpochDay();
  private static final int TO = (int) LocalDate.of(2031, 1, 1).toEpochDay();

  private static long instant(String iso) {
    return OffsetDateTime.parse(iso).toEpochSecond();
  }

  private static int day(String iso) {
    return (int) LocalDate.parse(iso).toEpochDay();
  }

  @Test
  void nextOpenFillsAtLocalMidnightAndCloseAtTheCloseTime() {
    SessionClock ny = new SessionClock(ZoneId.of("America/New_York"), LocalTime.of(16, 0));
    assertThat(ny.fillInstant(FillTiming.NEXT_OPEN, day("2024-03-08"))).isEqualTo(instant("2024-03-08T00:00-05:00"));
    assertThat(ny.fillInstant(FillTiming.NEXT_OPEN, day("2024-03-11"))).isEqualTo(instant("2024-03-11T00:00-04:00"));
    assertThat(ny.fillInstant(FillTiming.CLOSE, day("2024-03-11"))).isEqualTo(instant("2024-03-11T16:00-04:00"));
    // Where midnight does not exist (Sao Paulo began DST at 00:00 until 2019), the open moves to 01:00 local.
    SessionClock sp = new SessionClock(ZoneId.of("America/Sao_Paulo"), LocalTime.of(17, 0));
    assertThat(sp.fillInstant(FillTiming.NEXT_OPEN, day("2018-11-04"))).isEqualTo(instant("2018-11-04T01:00-02:00"));
  }

  @Test
  void theCachedInstantsEqualTheExactOnesOnEveryDayAcrossTransitions() {
    for (String zone : new String[] {"America/New_York", "America/Sao_Paulo", "Europe/London", "Australia/Lord_Howe",
        "Asia/Kathmandu", "+08:00", "UTC", "Pacific/Apia"}) {
      for (LocalTime close : new LocalTime[] {LocalTime.of(16, 0), LocalTime.of(0, 30), LocalTime.of(2, 30)}) {
        SessionClock clock = new SessionClock(ZoneId.of(zone), close);
        for (FillTiming timing : FillTiming.values()) {
          FillInstants cached = new FillInstants(clock, timing);
          long bound = clock.fillLowerBound(timing, FROM);
          for (int d = FROM; d < TO; d++) {
            long exact = clock.fillInstant(timing, d);
            assertThat(cached.at(d)).as("%s %s %s %s", zone, close, timing, LocalDate.ofEpochDay(d)).isEqualTo(exact);
            assertThat(exact).as("lower bound %s %s", zone, LocalDate.ofEpochDay(d))
                .isGreaterThanOrEqualTo(d * 86_400L + bound);
          }
        }
      }
    }
  }

  @Test
  void theLowerBoundIsExactForAFixedOffsetAndUsesOnlyOffsetsFromTheSegmentOn() {
    SessionClock tiny = new SessionClock(ZoneId.of("+08:00"), LocalTime.of(16, 0));
    assertThat(tiny.fillLowerBound(FillTiming.NEXT_OPEN, day("2024-01-01"))).isEqualTo(-8 * 3600);
    assertThat(tiny.fillLowerBound(FillTiming.CLOSE, day("2024-01-01"))).isEqualTo(8 * 3600);
    // New York since 2000: EDT (−04:00) is the largest offset, whatever its local mean time was in 1883.
    SessionClock ny = new SessionClock(ZoneId.of("America/New_York"), LocalTime.of(16, 0));
    assertThat(ny.fillLowerBound(FillTiming.NEXT_OPEN, day("2000-01-01"))).isEqualTo(4 * 3600);
  }
}
