package io.quanteam.eam.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** stop_if_no_improvement_n's count (01 §8): the latest run children that did not beat the best before them. */
class SpawnsTest {
  private static int flat(Double parent, Double... children) {
    return Spawns.runsWithoutImprovement(parent, Arrays.asList(children));
  }

  @Test
  void childrenAreComparedWithTheParentAndWithTheBestChildBeforeThem() {
    assertThat(flat(1.0)).isZero();
    assertThat(flat(1.0, 0.5)).isEqualTo(1); // worse than the parent
    assertThat(flat(1.0, 0.5, 0.9)).isEqualTo(2);
    assertThat(flat(1.0, 0.5, 1.2)).isZero(); // the latest improved
    assertThat(flat(1.0, 1.2, 1.1)).isEqualTo(1); // not better than the child before it
    assertThat(flat(1.0, 1.0)).isEqualTo(1); // equal is no improvement
  }

  @Test
  void runsNotDoneAreNotCountedAndRunsWithoutASharpeRatioImproveOnNothing() {
    assertThat(flat(1.0, null, null)).isZero();
    assertThat(flat(1.0, 0.5, null)).isEqualTo(1);
    assertThat(flat(Double.NaN, Double.NaN)).isEqualTo(1);
    assertThat(flat(Double.NaN, -3.0)).isZero(); // any Sharpe ratio beats none
    assertThat(flat(null, 0.1, 0.05)).isEqualTo(1); // a parent not run yet: the first child sets the bar
  }
}
