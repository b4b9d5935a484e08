package io.quanteam.eam.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** The idea's days split 60/25/15 into train, test and holdout: contiguous, none empty, all of them covered. */
class EvaluationSplitProperties {
  @Property(tries = 500)
  void segmentsAreContiguousNonEmptyAndCoverEveryDay(@ForAll @IntRange(min = 0, max = 20000) int offset,
      @ForAll @IntRange(min = 3, max = 5000) int days) {
    LocalDate start = LocalDate.of(1990, 1, 1).plusDays(offset);
    LocalDate end = start.plusDays(days - 1);
    EvaluationSplit s = EvaluationSplit.of(start, end);
    assertThat(s.trainStart()).isEqualTo(start);
    assertThat(s.testStart()).isEqualTo(s.trainEnd().plusDays(1));
    assertThat(s.holdoutStart()).isEqualTo(s.testEnd().plusDays(1));
    assertThat(s.holdoutEnd()).isEqualTo(end);
    assertThat(s.trainEnd()).isAfterOrEqualTo(s.trainStart());
    assertThat(s.testEnd()).isAfterOrEqualTo(s.testStart());
    assertThat(s.holdoutEnd()).isAfterOrEqualTo(s.holdoutStart());
    long train = ChronoUnit.DAYS.between(s.trainStart(), s.trainEnd()) + 1;
    long test = ChronoUnit.DAYS.between(s.testStart(), s.testEnd()) + 1;
    if (days >= 100) {
      assertThat(Math.abs(train - 0.60 * days)).isLessThanOrEqualTo(1.0);
      assertThat(Math.abs(test - 0.25 * days)).isLessThanOrEqualTo(1.0);
    }
  }

  @Example
  void tenDaysGiveSixTwoAndTwo() {
    EvaluationSplit s = EvaluationSplit.of(LocalDate.parse("2024-01-01"), LocalDate.parse("2024-01-10"));
    assertThat(s.trainEnd()).isEqualTo("2024-01-06");
    assertThat(s.testEnd()).isEqualTo("2024-01-08");
    assertThat(s.holdoutStart()).isEqualTo("2024-01-09");
  }

  @Example
  void fewerThanThreeDaysAreRefused() {
    assertThatThrownBy(() -> EvaluationSplit.of(LocalDate.parse("2024-01-01"), LocalDate.parse("2024-01-02")))
        .hasMessageContaining("2 day(s)");
    assertThatThrownBy(() -> EvaluationSplit.of(LocalDate.parse("2024-01-02"), LocalDate.parse("2024-01-01")))
        .hasMessageContaining("before start");
  }
}
