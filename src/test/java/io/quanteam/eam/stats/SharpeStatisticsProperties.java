package io.quanteam.eam.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Scale;
import net.jqwik.api.constraints.Size;

/**
 * Shape properties. d PSR/d SR and −d MinTRL/d SR share the sign of 2 − γ3·SR* − SR·(γ3 − 2·SR*·(γ4−1)/4),
 * which is positive on the realistic per-bar region used here (|SR| ≤ 0.3, SR* ≤ 0.1, |γ3| ≤ 1,
 * γ4 ≤ 10). Outside it the formulas themselves stop being monotone (e.g. γ3 = 1 and SR &gt; 2).
 */
class SharpeStatisticsProperties {

  @Property
  void psrIncreasesWithSr(
      @ForAll @DoubleRange(min = -0.3, max = 0.3) double sr,
      @ForAll @DoubleRange(min = 1e-6, max = 0.3) @Scale(8) double step,
      @ForAll @DoubleRange(min = 0, max = 0.1) double srStar,
      @ForAll @IntRange(min = 2, max = 5000) int t,
      @ForAll @DoubleRange(min = -1, max = 1) double skew,
      @ForAll @DoubleRange(min = 1, max = 10) double kurtosis) {
    double higher = Math.min(0.3, sr + step);
    assertThat(SharpeStatistics.psr(higher, srStar, t, skew, kurtosis).value())
        .isGreaterThanOrEqualTo(SharpeStatistics.psr(sr, srStar, t, skew, kurtosis).value());
  }

  /** SR* only shifts the numerator, so any SR0 ≥ 0 can only lower PSR. */
  @Property
  void dsrNeverExceedsPsrAtZero(
      @ForAll @DoubleRange(min = -1, max = 1) double sr,
      @ForAll @IntRange(min = 2, max = 5000) int t,
      @ForAll @DoubleRange(min = -3, max = 3) double skew,
      @ForAll @DoubleRange(min = 1, max = 30) double kurtosis,
      @ForAll @Size(max = 40) List<@DoubleRange(min = -2, max = 2) Double> trials) {
    double[] trialSrs = trials.stream().mapToDouble(Double::doubleValue).toArray();
    StatResult psr0 = SharpeStatistics.psr(sr, 0, t, skew, kurtosis);
    Assume.that(psr0.defined());
    StatResult dsr = SharpeStatistics.dsr(sr, t, skew, kurtosis, trialSrs);
    assertThat(dsr.value()).isLessThanOrEqualTo(psr0.value());
  }

  @Property
  void minTrlFallsAsSrRisesAboveTheBenchmark(
      @ForAll @DoubleRange(min = 0, max = 0.1) double srStar,
      @ForAll @DoubleRange(min = 1e-4, max = 0.2) @Scale(8) double excess,
      @ForAll @DoubleRange(min = 1e-6, max = 0.2) @Scale(8) double step,
      @ForAll @DoubleRange(min = -1, max = 1) double skew,
      @ForAll @DoubleRange(min = 1, max = 10) double kurtosis,
      @ForAll @DoubleRange(min = 0.001, max = 0.2) @Scale(4) double alpha) {
    double sr = srStar + excess;
    double higher = Math.min(0.3, sr + step);
    Assume.that(higher > sr);
    assertThat(SharpeStatistics.minTrl(higher, srStar, skew, kurtosis, alpha).value())
        .isLessThan(SharpeStatistics.minTrl(sr, srStar, skew, kurtosis, alpha).value());
  }
}
