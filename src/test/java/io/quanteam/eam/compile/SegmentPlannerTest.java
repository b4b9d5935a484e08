package io.quanteam.eam.compile;

import static org.assertj.core.api.Assertions.assertThat;

import io.quanteam.eam.compile.EvaluationProtocol.Protocol;
import io.quanteam.eam.compile.Segment.Kind;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The segment plan of 02 §4, against dates computed by hand. */
class SegmentPlannerTest {
  private static final ZoneId PLUS_8 = ZoneId.of("+08:00");

  private static LocalDate d(String iso) {
    return LocalDate.parse(iso);
  }

  private static EvaluationProtocol fixedSplit(String holdoutStart, String holdoutEnd, String testAsOf) {
    return new EvaluationProtocol(Protocol.FIXED_SPLIT, d("2024-01-01"), d("2024-01-20"), d("2024-01-21"),
        d("2024-02-10"), holdoutStart == null ? null : d(holdoutStart), holdoutEnd == null ? null : d(holdoutEnd),
        null, testAsOf, null, 2, 3, null, null, null);
  }

  @Test
  void fixedSplitAppliesEmbargoToTrainAndPurgeToTestAndPutsTheHoldoutLast() {
    List<Segment> plan = SegmentPlanner.plan(fixedSplit("2024-02-11", "2024-02-29", null), PLUS_8);

    assertThat(plan).containsExactly(
        // train.end 2024-01-20 minus embargo 3
        new Segment("train_000", Kind.TRAIN, d("2024-01-01"), d("2024-01-17"), "2024-01-17T23:59:59+08:00", 2, 3),
        // test.start 2024-01-21 plus purge 2
        new Segment("test_000", Kind.TEST, d("2024-01-23"), d("2024-02-10"), "2024-02-10T23:59:59+08:00", 2, 3),
        new Segment("holdout_000", Kind.HOLDOUT, d("2024-02-11"), d("2024-02-29"), "2024-02-29T23:59:59+08:00", 0,
            0));
    assertThat(plan).extracting(Segment::holdout).containsExactly(false, false, true);
    assertThat(plan.get(2).toJson().path("holdout").asBoolean()).isTrue();
  }

  @Test
  void withoutAHoldoutRangeThereIsNoHoldoutSegment() {
    List<Segment> plan = SegmentPlanner.plan(fixedSplit(null, null, null), PLUS_8);

    assertThat(plan).extracting(Segment::segmentId).containsExactly("train_000", "test_000");
    assertThat(plan).noneMatch(Segment::holdout);
  }

  @Test
  void anExplicitAsOfFromTheBlueprintIsKept() {
    List<Segment> plan = SegmentPlanner.plan(fixedSplit(null, null, "2024-02-09T12:00:00+08:00"), PLUS_8);

    assertThat(plan.get(1).asOf()).isEqualTo("2024-02-09T12:00:00+08:00");
    assertThat(plan.get(0).asOf()).isEqualTo("2024-01-17T23:59:59+08:00");
    assertThat(SegmentPlanner.testOverall(fixedSplit(null, null, "2024-02-09T12:00:00+08:00"), PLUS_8).asOf())
        .isEqualTo("2024-02-09T12:00:00+08:00");
  }

  @Test
  void walkForwardSlidesTestWindowsWithTrailingTrainWindows() {
    // test range 2024-03-01..2024-03-12 (12 days), windows of 5 every 5 days: [03-01..03-05], [03-06..03-10],
    // [03-11..03-12] (truncated). Train windows of 10 days end the day before each slice, clamped to train.start
    // 2024-02-22 (2024 is a leap year). Purge 1 moves each test start, embargo 2 cuts each train end.
    EvaluationProtocol p = new EvaluationProtocol(Protocol.WALK_FORWARD, d("2024-02-22"), d("2024-02-29"),
        d("2024-03-01"), d("2024-03-12"), d("2024-03-13"), d("2024-03-20"), null, null, null, 1, 2, 10, 5, 5);

    List<Segment> plan = SegmentPlanner.plan(p, PLUS_8);

    assertThat(plan).containsExactly(
        // train window would start 02-20 (02-29 minus 9 days): clamped to 02-22; ends 02-29 minus embargo 2
        seg("train_000", Kind.TRAIN, "2024-02-22", "2024-02-27"),
        seg("test_000", Kind.TEST, "2024-03-02", "2024-03-05"),
        seg("train_001", Kind.TRAIN, "2024-02-25", "2024-03-03"),
        seg("test_001", Kind.TEST, "2024-03-07", "2024-03-10"),
        seg("train_002", Kind.TRAIN, "2024-03-01", "2024-03-08"),
        seg("test_002", Kind.TEST, "2024-03-12", "2024-03-12"),
        new Segment("holdout_000", Kind.HOLDOUT, d("2024-03-13"), d("2024-03-20"), "2024-03-20T23:59:59+08:00",
            0, 0));
  }

  @Test
  void walkForwardWithAStepLongerThanTheWindowLeavesGapsAndStopsAtTestEnd() {
    EvaluationProtocol p = new EvaluationProtocol(Protocol.WALK_FORWARD, d("2024-01-01"), d("2024-02-29"),
        d("2024-03-01"), d("2024-03-12"), null, null, null, null, null, 0, 0, 3, 2, 7);

    List<Segment> plan = SegmentPlanner.plan(p, ZoneOffset.UTC);

    // slices start 03-01 and 03-08 (03-15 is after test.end)
    assertThat(plan).extracting(s -> s.segmentId() + " " + s.start() + ".." + s.end()).containsExactly(
        "train_000 2024-02-27..2024-02-29", "test_000 2024-03-01..2024-03-02",
        "train_001 2024-03-05..2024-03-07", "test_001 2024-03-08..2024-03-09");
  }

  @Test
  void aFinalWalkForwardSliceShorterThanThePurgeIsDropped() {
    // test 03-01..03-11, window 5, step 5, purge 2: slices 03-01..05, 03-06..10, 03-11..11;
    // the last has 1 day, fewer than the 2 purged days, so nothing of it could be tested.
    EvaluationProtocol p = new EvaluationProtocol(Protocol.WALK_FORWARD, d("2024-01-01"), d("2024-02-29"),
        d("2024-03-01"), d("2024-03-11"), null, null, null, null, null, 2, 0, 10, 5, 5);

    List<Segment> plan = SegmentPlanner.plan(p, ZoneOffset.UTC);

    assertThat(plan).extracting(Segment::segmentId)
        .containsExactly("train_000", "test_000", "train_001", "test_001");
    assertThat(plan.get(3).start()).isEqualTo(d("2024-03-08"));
  }

  @Test
  void asOfIsTheSegmentEndAtOneSecondBeforeMidnightInTheSnapshotZone() {
    ZoneId newYork = ZoneId.of("America/New_York");
    assertThat(Segment.endOfDay(d("2024-01-10"), PLUS_8)).isEqualTo("2024-01-10T23:59:59+08:00");
    assertThat(Segment.endOfDay(d("2024-01-10"), newYork)).isEqualTo("2024-01-10T23:59:59-05:00");
    assertThat(Segment.endOfDay(d("2024-07-10"), newYork)).isEqualTo("2024-07-10T23:59:59-04:00");
    // UTC written like the data lake and the reference (Python isoformat): +00:00, not Z.
    assertThat(Segment.endOfDay(d("2024-07-10"), ZoneOffset.UTC)).isEqualTo("2024-07-10T23:59:59+00:00");
    assertThat(Segment.endOfDay(d("2024-07-10"), ZoneId.of("UTC"))).isEqualTo("2024-07-10T23:59:59+00:00");

    // 2024-07-10T23:59:59-04:00 = 2024-07-11T03:59:59Z
    Segment summer = SegmentPlanner.plan(new EvaluationProtocol(Protocol.FIXED_SPLIT, d("2024-07-01"),
        d("2024-07-05"), d("2024-07-08"), d("2024-07-10"), null, null, null, null, null, 0, 0, null, null, null),
        newYork).get(1);
    assertThat(summer.asOf()).isEqualTo("2024-07-10T23:59:59-04:00");
    assertThat(summer.asOfEpochSecond()).isEqualTo(d("2024-07-11").toEpochDay() * 86_400 + 3 * 3600 + 59 * 60 + 59);
  }

  @Test
  void testOverallIsTheWholeTestRangeAfterPurge() {
    Segment overall = SegmentPlanner.testOverall(fixedSplit(null, null, null), PLUS_8);

    assertThat(overall).isEqualTo(new Segment("test_overall", Kind.TEST, d("2024-01-23"), d("2024-02-10"),
        "2024-02-10T23:59:59+08:00", 2, 3));
  }

  @Test
  void segmentsRoundTripThroughJson() {
    for (Segment s : SegmentPlanner.plan(fixedSplit("2024-02-11", "2024-02-29", null), PLUS_8)) {
      assertThat(Segment.fromJson(s.toJson())).isEqualTo(s);
    }
  }

  @Test
  void aLastSliceCutShortWithTooFewBarsIsMergedIntoThePreviousOne() {
    // As above: the truncated third slice is [03-12..03-12] after purge 1. Every calendar day is a bar here.
    EvaluationProtocol p = new EvaluationProtocol(Protocol.WALK_FORWARD, d("2024-02-22"), d("2024-02-29"),
        d("2024-03-01"), d("2024-03-12"), d("2024-03-13"), d("2024-03-20"), null, null, null, 1, 2, 10, 5, 5);
    SegmentPlanner.BarCount everyDay = (a, b) -> (int) (b.toEpochDay() - a.toEpochDay() + 1);

    List<Segment> merged = SegmentPlanner.plan(p, PLUS_8, everyDay, 2);
    assertThat(merged).extracting(Segment::segmentId)
        .containsExactly("train_000", "test_000", "train_001", "test_001", "holdout_000");
    // test_001 now runs to the end of the test range, its as_of with it; its train window is unchanged.
    assertThat(merged.get(3)).isEqualTo(
        new Segment("test_001", Kind.TEST, d("2024-03-07"), d("2024-03-12"), "2024-03-12T23:59:59+08:00", 1, 2));
    assertThat(merged.get(2)).isEqualTo(SegmentPlanner.plan(p, PLUS_8).get(2));

    // One bar is enough when the minimum is 1; full-length slices are never merged, however short.
    assertThat(SegmentPlanner.plan(p, PLUS_8, everyDay, 1)).isEqualTo(SegmentPlanner.plan(p, PLUS_8));
    assertThat(SegmentPlanner.plan(p, PLUS_8, everyDay, 100)).extracting(Segment::segmentId)
        .containsExactly("train_000", "test_000", "train_001", "test_001", "holdout_000");
  }

  private static Segment seg(String id, Kind kind, String start, String end) {
    return new Segment(id, kind, d(start), d(end), end + "T23:59:59+08:00", 1, 2);
  }
}
