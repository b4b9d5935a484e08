package io.quanteam.eam.compile;

import io.quanteam.eam.compile.Segment.Kind;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns an evaluation protocol into the runspec's segment list (02 §4): train/test slices in order, the
 * holdout always last. Pure; {@link RunspecCheck} checks the result against the data.
 */
public final class SegmentPlanner {
  /** Counts the bars of the data in a date range (both ends included). */
  @FunctionalInterface
  public interface BarCount {
    int between(LocalDate start, LocalDate end);
  }

  private SegmentPlanner() {}

  /**
   * The plan without the data: no walk-forward slice is merged (tests of the pure slicing rule).
   */
  public static List<Segment> plan(EvaluationProtocol p, ZoneId zone) {
    return plan(p, zone, (a, b) -> Integer.MAX_VALUE, 0);
  }

  /**
   * The plan. A walk-forward slice cut short by the end of the test range that has fewer than {@code minSliceBars}
   * bars is merged into the slice before it (its test range extended; that slice's train window stays): a slice of
   * one or two bars has no meaningful statistics and would pass its gates trivially. Any other slice that is too
   * short is left to {@link RunspecCheck} to refuse.
   */
  public static List<Segment> plan(EvaluationProtocol p, ZoneId zone, BarCount bars, int minSliceBars) {
    List<Segment> out = new ArrayList<>();
    int purge = p.purgeDays();
    int embargo = p.embargoDays();
    if (p.protocol() == EvaluationProtocol.Protocol.FIXED_SPLIT) {
      LocalDate trainEnd = p.trainEnd().minusDays(embargo);
      LocalDate testStart = p.testStart().plusDays(purge);
      out.add(segment("train_000", Kind.TRAIN, p.trainStart(), trainEnd, p.trainAsOf(), purge, embargo, zone));
      out.add(segment("test_000", Kind.TEST, testStart, p.testEnd(), p.testAsOf(), purge, embargo, zone));
    } else {
      int k = 0;
      for (LocalDate sliceStart = p.testStart(); !sliceStart.isAfter(p.testEnd());
          sliceStart = sliceStart.plusDays(p.stepDays()), k++) {
        LocalDate sliceEnd = min(sliceStart.plusDays(p.testWindowDays() - 1L), p.testEnd());
        if (k > 0 && sliceStart.plusDays(purge).isAfter(sliceEnd)) {
          break; // a final slice shorter than the purge has no test days left; it is dropped, not refused
        }
        LocalDate trainEnd = sliceStart.minusDays(1);
        LocalDate trainStart = max(trainEnd.minusDays(p.trainWindowDays() - 1L), p.trainStart());
        boolean cutShort = sliceEnd.isBefore(sliceStart.plusDays(p.testWindowDays() - 1L));
        if (k > 0 && cutShort && bars.between(sliceStart.plusDays(purge), sliceEnd) < minSliceBars) {
          Segment previous = out.remove(out.size() - 1);
          out.add(new Segment(previous.segmentId(), previous.kind(), previous.start(), sliceEnd,
              Segment.endOfDay(sliceEnd, zone), purge, embargo));
          break;
        }
        String id = String.format(java.util.Locale.ROOT, "%03d", k);
        out.add(segment("train_" + id, Kind.TRAIN, trainStart, trainEnd.minusDays(embargo), null, purge, embargo,
            zone));
        out.add(segment("test_" + id, Kind.TEST, sliceStart.plusDays(purge), sliceEnd, null, purge, embargo, zone));
      }
    }
    if (p.hasHoldout()) {
      out.add(segment("holdout_000", Kind.HOLDOUT, p.holdoutStart(), p.holdoutEnd(), p.holdoutAsOf(), 0, 0, zone));
    }
    return out;
  }

  /** The blueprint's whole test range after purge, evaluated as one segment for the top-level dossier files. */
  public static Segment testOverall(EvaluationProtocol p, ZoneId zone) {
    return segment("test_overall", Kind.TEST, p.testStart().plusDays(p.purgeDays()), p.testEnd(), p.testAsOf(),
        p.purgeDays(), p.embargoDays(), zone);
  }

  private static Segment segment(String id, Kind kind, LocalDate start, LocalDate end, String asOf, int purge,
      int embargo, ZoneId zone) {
    return new Segment(id, kind, start, end, asOf != null ? asOf : Segment.endOfDay(end, zone), purge, embargo);
  }

  private static LocalDate min(LocalDate a, LocalDate b) {
    return a.isBefore(b) ? a : b;
  }

  private static LocalDate max(LocalDate a, LocalDate b) {
    return a.isAfter(b) ? a : b;
  }
}
