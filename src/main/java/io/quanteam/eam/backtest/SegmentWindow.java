package io.quanteam.eam.backtest;

import java.time.LocalDate;
import java.util.Objects;

/** A segment's id and its inclusive date range. */
public record SegmentWindow(String segmentId, LocalDate start, LocalDate end) {
  public SegmentWindow {
    Objects.requireNonNull(segmentId, "segmentId");
    if (end.isBefore(start)) {
      throw new IllegalArgumentException("segment " + segmentId + " ends (" + end + ") before it starts ("
          + start + ")");
    }
  }
}
