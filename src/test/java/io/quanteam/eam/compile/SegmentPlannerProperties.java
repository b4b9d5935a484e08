package io.quanteam.eam.compile;

import static org.assertj.core.api.Assertions.assertThat;

import io.quanteam.eam.compile.EvaluationProtocol.Protocol;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Walk-forward invariants over many window shapes (02 §4). */
class SegmentPlannerProperties {
  private static final LocalDate TRAIN_START = LocalDate.of(2020, 1, 1);
  private static final LocalDate TEST_START = LocalDate.of(2020, 6, 1);

  @Property(tries = 300)
  void testSlicesTileTheTestRangeWhenTheStepIsTheWindow(@ForAll @IntRange(min = 1, max = 400) int testDays,
      @ForAll @IntRange(min = 1, max = 60) int window, @ForAll @IntRange(min = 1, max = 200) int trainWindow) {
    LocalDate testEnd = TEST_START.plusDays(testDays - 1L);
    List<Segment> plan = SegmentPlanner.plan(new EvaluationProtocol(Protocol.WALK_FORWARD, TRAIN_START,
        TEST_START.minusDays(1), TEST_START, testEnd, null, null, null, null, null, 0, 0, trainWindow, window,
        window), ZoneOffset.UTC);

    int slices = (testDays + window - 1) / window;
    assertThat(plan).hasSize(2 * slices);
    LocalDate next = TEST_START;
    for (int k = 0; k < slices; k++) {
      Segment train = plan.get(2 * k);
      Segment test = plan.get(2 * k + 1);
      assertThat(train.segmentId()).isEqualTo(String.format(java.util.Locale.ROOT, "train_%03d", k));
      assertThat(test.segmentId()).isEqualTo(String.format(java.util.Locale.ROOT, "test_%03d", k));
      assertThat(test.start()).isEqualTo(next);
      assertThat(test.end()).isBeforeOrEqualTo(testEnd);
      assertThat(train.end()).isEqualTo(test.start().minusDays(1));
      assertThat(train.start()).isAfterOrEqualTo(TRAIN_START);
      assertThat(train.end().toEpochDay() - train.start().toEpochDay()).isLessThan(trainWindow);
      next = test.end().plusDays(1);
    }
    assertThat(next).isEqualTo(testEnd.plusDays(1));
  }
}
