package io.quanteam.eam.backtest;

import io.quanteam.eam.data.AsOf;
import io.quanteam.eam.data.Snapshot;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneOffsetTransitionRule;
import java.time.zone.ZoneRules;
import java.util.Objects;

/**
 * A snapshot's timezone and session close: what turns a bar's date into the instant its order fills, which the
 * point-in-time rule compares with {@code available_at} ({@code docs/engine-and-metrics.md}). A close fill happens
 * at the close time; a next_open fill at 00:00 of the bar's date — the snapshot records no open time, and no session
 * opens before its date begins, so this is the earliest (strictest) instant an open can have.
 */
public record SessionClock(ZoneId zone, LocalTime closeTime) {
  /** The import defaults (UTC, close 16:00); the engine's overloads without a clock use it (tests, benchmarks). */
  public static final SessionClock UTC_1600 = new SessionClock(ZoneOffset.UTC, LocalTime.of(16, 0));

  public SessionClock {
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(closeTime, "closeTime");
  }

  public static SessionClock of(Snapshot snapshot) {
    return new SessionClock(snapshot.zone(), snapshot.closeTime());
  }

  /** The local time an order fills at: 00:00 for next_open, the close time for close. */
  public LocalTime fillTime(FillTiming timing) {
    return timing == FillTiming.CLOSE ? closeTime : LocalTime.MIDNIGHT;
  }

  /** The fill instant (epoch seconds) of the bar dated {@code epochDay}; a time in a DST gap moves forward. */
  public long fillInstant(FillTiming timing, int epochDay) {
    return AsOf.at(LocalDate.ofEpochDay(epochDay), fillTime(timing), zone);
  }

  /**
   * A b with {@code fillInstant(timing, d) ≥ d·86400 + b} for every date d from {@code fromEpochDay} on: the fill
   * time less the largest UTC offset the zone has from then on (a gap only moves the instant later). The engine's
   * cheap on-time test compares {@code available_at} with it before computing any exact instant.
   */
  long fillLowerBound(FillTiming timing, int fromEpochDay) {
    return fillTime(timing).toSecondOfDay() - maxOffsetFrom(fromEpochDay);
  }

  private int maxOffsetFrom(int epochDay) {
    ZoneRules rules = zone.getRules();
    Instant from = Instant.ofEpochSecond((epochDay - 1L) * 86_400L);
    int max = rules.getOffset(from).getTotalSeconds();
    for (ZoneOffsetTransition t : rules.getTransitions()) {
      if (t.getInstant().isAfter(from)) {
        max = Math.max(max, t.getOffsetAfter().getTotalSeconds());
      }
    }
    for (ZoneOffsetTransitionRule r : rules.getTransitionRules()) {
      max = Math.max(max, Math.max(r.getOffsetBefore().getTotalSeconds(), r.getOffsetAfter().getTotalSeconds()));
    }
    return max;
  }
}
