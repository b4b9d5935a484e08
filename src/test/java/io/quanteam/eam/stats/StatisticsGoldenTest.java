package io.quanteam.eam.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Every row of the shared fixture golden/statistics.md (tolerance 1e-4 unless the row says otherwise). */
class StatisticsGoldenTest {
  private static final double TOL = 1e-4;

  /** The expected values below are quoted from the fixture; fail loudly if the fixture changes. */
  @Test
  void fixtureStillStatesTheQuotedValues() throws IOException {
    String fixture;
    try (InputStream in = getClass().getResourceAsStream("/golden/statistics.md")) {
      assertThat(in).isNotNull();
      fixture = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertThat(fixture).contains("PSR = 0.95727", "trial SRs [3.5, 1.01, 1.02] (variance with 1/N divisor)",
        "SR0 = 0.99902, DSR = 0.95836", "228.73497 observations", "1.5746 / 2.5306",
        "r = [1, 10, −4, 2, 3, 2, 1, −10] / 100", "SR = 0.1085930607, PSR(0) = 0.6106203604 (1e-9)",
        "SR0 = 0 (so DSR = PSR(0))", "PBO = 4/6 = 0.6667",
        "[−0.4055, −1.3863, +0.4055, −1.3863, +0.4055, −1.3863]", "= −1.1.",
        "PBO = 1.0 exactly", "PBO = 0.0.");
  }

  @Test
  void psr() {
    assertThat(SharpeStatistics.psr(1.14, 1.0, 250, 0, 3).value()).isCloseTo(0.95727, within(TOL));
  }

  @Test
  void dsrWithThreeTrials() {
    double[] trials = {3.5, 1.01, 1.02};
    double variance = SharpeStatistics.trialVariance(trials);
    // mean 5.53/3; deviations 1.65667, −0.83333, −0.82333; squares sum to 4.1168667, /3 = 1.3722889
    assertThat(variance).isCloseTo(1.3722888888888889, within(1e-12));
    assertThat(SharpeStatistics.sr0(variance, trials.length)).isCloseTo(0.99902, within(TOL));
    assertThat(SharpeStatistics.dsr(1.14, 250, 0, 3, trials).value()).isCloseTo(0.95836, within(TOL));
    assertThat(SharpeStatistics.dsr(1.14, 250, 0, 3, 3, variance).value()).isCloseTo(0.95836, within(TOL));
  }

  @Test
  void minTrl() {
    assertThat(SharpeStatistics.minTrl(1.14, 1.0, 0, 3, 0.05).value()).isCloseTo(228.73497, within(TOL));
  }

  @Test
  void expectedMaximumOfStandardNormals() {
    assertThat(SharpeStatistics.expectedMaxOfNormals(10)).isCloseTo(1.5746, within(TOL));
    assertThat(SharpeStatistics.expectedMaxOfNormals(100)).isCloseTo(2.5306, within(TOL));
    assertThat(SharpeStatistics.sr0(1.0, 10)).isEqualTo(SharpeStatistics.expectedMaxOfNormals(10));
  }

  @Test
  void psrOnTheKnownSeries() {
    double[] r = {0.01, 0.10, -0.04, 0.02, 0.03, 0.02, 0.01, -0.10};
    SeriesMoments m = SeriesMoments.of(r);
    assertThat(m.n()).isEqualTo(8);
    assertThat(m.sr()).isCloseTo(0.1085930607, within(1e-9));
    StatResult psr = SharpeStatistics.psr(m.sr(), 0, m.n(), m.skew(), m.kurtosis());
    assertThat(psr.value()).isCloseTo(0.6106203604, within(1e-9));
  }

  @Test
  void oneTrialOrNoneMeansSr0IsZero() {
    assertThat(SharpeStatistics.sr0(4.0, 1)).isZero();
    assertThat(SharpeStatistics.sr0(4.0, 0)).isZero();
    double psr0 = SharpeStatistics.psr(0.08, 0, 500, -0.3, 4.5).value();
    assertThat(SharpeStatistics.dsr(0.08, 500, -0.3, 4.5, new double[] {0.9}).value()).isEqualTo(psr0);
    assertThat(SharpeStatistics.dsr(0.08, 500, -0.3, 4.5, new double[0]).value()).isEqualTo(psr0);
    assertThat(SharpeStatistics.dsr(0.08, 500, -0.3, 4.5, 1, 2.5).value()).isEqualTo(psr0);
  }

  @Test
  void negativeDenominatorIsUndefinedWithAReason() {
    // SR 0.5, γ3 5, γ4 3: 1 − 2.5 + 0.5·0.25 = −1.375
    StatResult psr = SharpeStatistics.psr(0.5, 0, 250, 5, 3);
    assertThat(psr.defined()).isFalse();
    assertThat(psr.reason()).isEqualTo("variance term 1 − γ3·SR + (γ4−1)/4·SR² = -1.375 ≤ 0");
    assertThatThrownBy(psr::value).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("-1.375 ≤ 0");
    assertThat(SharpeStatistics.dsr(0.5, 250, 5, 3, new double[] {0.1, 0.2}).reason())
        .isEqualTo(psr.reason());
    assertThat(SharpeStatistics.minTrl(0.5, 0, 5, 3, 0.05).reason()).isEqualTo(psr.reason());
  }

  @Test
  void pboHandCheckableCase() {
    PboResult r = Pbo.compute(PboTest.FIXTURE_M, 4);
    assertThat(r.pbo()).isCloseTo(4.0 / 6, within(1e-15));
    assertThat(r.lambdas()).containsExactly(
        new double[] {-0.4055, -1.3863, 0.4055, -1.3863, 0.4055, -1.3863}, within(TOL));
    assertThat(r.degradationSlope()).isCloseTo(-1.1, within(1e-12));
  }

  @Test
  void pboStructuralCases() {
    assertThat(Pbo.compute(PboTest.centredColumns(), 8).pbo()).isEqualTo(1.0);
    assertThat(Pbo.compute(PboTest.oneDriftingColumn(), 8).pbo()).isEqualTo(0.0);
  }
}
