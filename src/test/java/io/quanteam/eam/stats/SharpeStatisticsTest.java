package io.quanteam.eam.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Edge cases and undefined results; the fixture values are in {@link StatisticsGoldenTest}. */
class SharpeStatisticsTest {

  @Test
  void psrAtTheBenchmarkIsOneHalf() {
    assertThat(SharpeStatistics.psr(0.07, 0.07, 300, -1.2, 9).value()).isEqualTo(0.5);
  }

  /** SR 0.1, T 101, normal: z = 0.1·10/√(1 + 0.005) = 0.9975093, Z(z) ≈ Z(1) − 0.0024907·φ(1) = 0.84074. */
  @Test
  void psrUnderNormality() {
    double z = 1 / Math.sqrt(1.005);
    assertThat(z).isCloseTo(0.9975093361076329, within(1e-15));
    assertThat(SharpeStatistics.psr(0.1, 0, 101, 0, 3).value())
        .isCloseTo(NormalDistribution.cdf(z), within(1e-15))
        .isCloseTo(0.84074, within(1e-5));
  }

  @Test
  void reasonsRoundToSixSignificantDigits() {
    // 1 − 2.42·1 + 0 is −1.4199999999999999 in binary; the reason shows −1.42.
    assertThat(SharpeStatistics.psr(1, 0, 100, 2.42, 1).reason())
        .isEqualTo("variance term 1 − γ3·SR + (γ4−1)/4·SR² = -1.42 ≤ 0");
  }

  @Test
  void zeroDenominatorIsUndefined() {
    StatResult r = SharpeStatistics.psr(1, 0, 100, 1, 1);
    assertThat(r.defined()).isFalse();
    assertThat(r.reason()).endsWith("= 0.0 ≤ 0");
  }

  @Test
  void tooFewBarsIsUndefined() {
    assertThat(SharpeStatistics.psr(0.1, 0, 1, 0, 3).reason()).isEqualTo("T = 1 bars; PSR needs T ≥ 2");
    assertThat(SharpeStatistics.dsr(0.1, 0, 0, 3, new double[] {0.1, 0.3}).defined()).isFalse();
  }

  @Test
  void nonFiniteInputsAreUndefined() {
    assertThat(SharpeStatistics.psr(Double.NaN, 0, 100, 0, 3).reason())
        .isEqualTo("SR = NaN is not a finite number");
    assertThat(SharpeStatistics.psr(0.1, 0, 100, Double.NaN, 3).reason())
        .isEqualTo("skew γ3 = NaN is not a finite number");
    assertThat(SharpeStatistics.minTrl(0.1, 0, 0, Double.POSITIVE_INFINITY, 0.05).reason())
        .isEqualTo("kurtosis γ4 = +inf is not a finite number");
    assertThat(SharpeStatistics.dsr(0.1, 100, 0, 3, new double[] {0.1, Double.NaN}).reason())
        .isEqualTo("trial SR #1 = NaN is not a finite number");
    assertThat(SharpeStatistics.dsr(0.1, 100, 0, 3, 5, -0.25).reason())
        .isEqualTo("trial SR variance V = -0.25 is not a finite number ≥ 0");
  }

  @Test
  void constantSeriesGivesAnUndefinedPsrNotNan() {
    SeriesMoments m = SeriesMoments.of(new double[] {0.001, 0.001, 0.001});
    StatResult r = SharpeStatistics.psr(m.sr(), 0, m.n(), m.skew(), m.kurtosis());
    assertThat(r.defined()).isFalse();
    assertThat(r.reason()).isEqualTo("SR = NaN is not a finite number");
  }

  @Test
  void minTrlNeedsSrAboveTheBenchmark() {
    assertThat(SharpeStatistics.minTrl(0.05, 0.05, 0, 3, 0.05).reason())
        .isEqualTo("SR = 0.05 ≤ SR* = 0.05: no track record length shows SR > SR*");
    assertThat(SharpeStatistics.minTrl(-0.1, 0, 0, 3, 0.05).defined()).isFalse();
  }

  @Test
  void minTrlOverflowIsUndefined() {
    StatResult r = SharpeStatistics.minTrl(1e-170, 0, 0, 3, 0.05);
    assertThat(r.defined()).isFalse();
    assertThat(r.reason()).startsWith("MinTRL overflows: SR − SR* = 1e-170");
  }

  /** SR 0.1 over SR* 0, normal, α 0.05: 1 + 1.005·(1.6448536269514722/0.1)² = 272.909... */
  @Test
  void minTrlByHand() {
    double z = NormalDistribution.inverseCdf(0.95);
    assertThat(z).isCloseTo(1.6448536269514722, within(1e-15));
    assertThat(SharpeStatistics.minTrl(0.1, 0, 0, 3, 0.05).value())
        .isCloseTo(1 + 1.005 * 164.48536269514722 * 164.48536269514722 / 100, within(1e-10));
  }

  @Test
  void invalidArgumentsThrow() {
    assertThatThrownBy(() -> SharpeStatistics.minTrl(0.1, 0, 0, 3, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("alpha");
    assertThatThrownBy(() -> SharpeStatistics.minTrl(0.1, 0, 0, 3, Double.NaN))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SharpeStatistics.expectedMaxOfNormals(1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("N ≥ 2");
    assertThatThrownBy(() -> SharpeStatistics.sr0(-1, 5))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("variance");
  }

  @Test
  void trialVarianceUsesTheOneOverNDivisor() {
    assertThat(SharpeStatistics.trialVariance(new double[] {1, 3})).isEqualTo(1.0);
    assertThat(SharpeStatistics.trialVariance(new double[] {2})).isZero();
    assertThat(SharpeStatistics.trialVariance(new double[0])).isZero();
  }

  @Test
  void statResultInvariants() {
    assertThat(StatResult.of(0.3)).isEqualTo(new StatResult(true, 0.3, ""));
    assertThatThrownBy(() -> StatResult.of(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> StatResult.undefined(" ")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new StatResult(true, 1, "why")).isInstanceOf(IllegalArgumentException.class);
  }
}
