package io.quanteam.eam.backtest;

import java.time.Instant;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;

/**
 * {@link SessionClock#fillInstant} for dates in increasing order without a zone lookup per bar: the offset found for
 * one date is reused for the following dates whose fill instant falls before the zone's next transition. Exactly
 * equal to {@code fillInstant} (tested against it); one per symbol pass, not shared between threads.
 */
final class FillInstants {
  private final SessionClock clock;
  private final FillTiming timing;
  private final ZoneRules rules;
  private final int second;
  private int validFrom = 1;
  private int validTo = 0;
  private int offset;

  FillInstants(SessionClock clock, FillTiming timing) {
    this.clock = clock;
    this.timing = timing;
    this.rules = clock.zone().getRules();
    this.second = clock.fillTime(timing).toSecondOfDay();
  }

  long at(int epochDay) {
    if (epochDay >= validFrom && epochDay < validTo) {
      return epochDay * 86_400L + second - offset;
    }
    long exact = clock.fillInstant(timing, epochDay);
    Instant instant = Instant.ofEpochSecond(exact);
    int off = rules.getOffset(instant).getTotalSeconds();
    if (epochDay * 86_400L + second - off != exact) {
      validFrom = 1; // the local time fell in a gap (moved forward): nothing to reuse
      validTo = 0;
      return exact;
    }
    // Until the next transition, date d's local fill time has this offset (in an overlap the earlier instant is the
    // one fillInstant picks, and it is before the transition).
    ZoneOffsetTransition next = rules.nextTransition(instant);
    offset = off;
    validFrom = epochDay;
    validTo = next == null ? Integer.MAX_VALUE
        : (int) Math.min(Integer.MAX_VALUE, -Math.floorDiv(-(next.toEpochSecond() - second + off), 86_400L));
    return exact;
  }
}
