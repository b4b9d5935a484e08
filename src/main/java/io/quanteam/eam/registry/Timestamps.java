package io.quanteam.eam.registry;

import io.quanteam.eam.data.AsOf;
import java.time.Clock;
import java.time.ZoneOffset;

/** Recorded times: whole seconds in UTC, written like Python's {@code isoformat()} ({@code ...+00:00}). */
final class Timestamps {
  private Timestamps() {}

  static String now(Clock clock) {
    return AsOf.format(clock.instant().getEpochSecond(), ZoneOffset.UTC);
  }
}
