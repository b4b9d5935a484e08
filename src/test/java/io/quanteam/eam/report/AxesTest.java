package io.quanteam.eam.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class AxesTest {
  private static List<String> labels(List<Tick> ticks) {
    return ticks.stream().map(Tick::label).toList();
  }

  @org.junit.jupiter.api.Test
  void threeYearsGetHalfYearTicks() {
    // 1 month → 36 ticks, 2 → 18, 3 → 12, 6 → 6 ≤ 8
    List<Tick> t = TimeAxis.ticks(LocalDate.of(2020, 1, 3), LocalDate.of(2022, 12, 30));
    assertThat(labels(t)).containsExactly("Jul 2020", "Jan 2021", "Jul 2021", "Jan 2022", "Jul 2022");
    assertThat(t.get(1).at()).isEqualTo(LocalDate.of(2021, 1, 1).toEpochDay());
  }

  @org.junit.jupiter.api.Test
  void sixYearsGetYearTicks() {
    assertThat(labels(TimeAxis.ticks(LocalDate.of(2018, 1, 1), LocalDate.of(2023, 12, 29))))
        .containsExactly("2018", "2019", "2020", "2021", "2022", "2023");
    assertThat(labels(TimeAxis.ticks(LocalDate.of(1990, 3, 1), LocalDate.of(2023, 12, 29))))
        .containsExactly("1995", "2000", "2005", "2010", "2015", "2020");
  }

  @org.junit.jupiter.api.Test
  void aYearGetsBimonthlyAndAMonthGetsWeeklyTicks() {
    // monthly: Feb..Dec = 11 > 8; every 2 months from January: Mar, May, Jul, Sep, Nov (Jan 1 is before the start)
    assertThat(labels(TimeAxis.ticks(LocalDate.of(2021, 1, 4), LocalDate.of(2021, 12, 31))))
        .containsExactly("Mar 2021", "May 2021", "Jul 2021", "Sep 2021", "Nov 2021");
    // 2024-01-01 is a Monday
    assertThat(labels(TimeAxis.ticks(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 1, 26))))
        .containsExactly("2024-01-01", "2024-01-08", "2024-01-15", "2024-01-22");
    assertThat(labels(TimeAxis.ticks(LocalDate.of(2024, 1, 2), LocalDate.of(2024, 1, 5))))
        .containsExactly("2024-01-02", "2024-01-03", "2024-01-04", "2024-01-05");
  }

  @Property
  void timeTicksStayInRangeAndAreFew(@ForAll @IntRange(min = 0, max = 20000) int start,
      @ForAll @IntRange(min = 0, max = 20000) int length) {
    LocalDate first = LocalDate.ofEpochDay(start);
    LocalDate last = first.plusDays(length);
    List<Tick> ticks = TimeAxis.ticks(first, last);
    assertThat(ticks.size()).isBetween(1, TimeAxis.MAX_TICKS);
    for (Tick t : ticks) {
      assertThat(t.at()).isBetween((double) first.toEpochDay(), (double) last.toEpochDay());
    }
  }

  @org.junit.jupiter.api.Test
  void valueAxisUsesWholeStepsAroundTheData() {
    // span 0.5033: steps 0.01/0.02/0.05 give more than 6 intervals, 0.1 gives 0.9..1.5 = 6
    ValueAxis equity = ValueAxis.of(0.9475, 1.4508, ValueAxis::plain);
    assertThat(labels(equity.ticks())).containsExactly("0.9", "1.0", "1.1", "1.2", "1.3", "1.4", "1.5");
    assertThat(equity.min()).isEqualTo(0.9);
    assertThat(equity.max()).isEqualTo(1.5);
    // span 0.1426: 0.01 → 15 intervals, 0.02 → 8, 0.05 → 3
    ValueAxis drawdown = ValueAxis.of(-0.14260895917434735, 0, ValueAxis::percent);
    assertThat(labels(drawdown.ticks())).containsExactly("-15%", "-10%", "-5%", "0%");
    assertThat(labels(ValueAxis.of(-0.012, 0, ValueAxis::percent).ticks()))
        .containsExactly("-1.2%", "-1.0%", "-0.8%", "-0.6%", "-0.4%", "-0.2%", "0.0%");
  }

  @org.junit.jupiter.api.Test
  void flatDataStillGetsAnAxis() {
    ValueAxis flat = ValueAxis.of(1.0, 1.0, ValueAxis::plain);
    assertThat(flat.min()).isLessThan(1.0);
    assertThat(flat.max()).isGreaterThan(1.0);
    assertThat(ValueAxis.of(0, 0, ValueAxis::percent).ticks()).isNotEmpty();
  }
}
