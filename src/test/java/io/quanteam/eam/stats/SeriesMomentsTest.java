package io.quanteam.eam.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SeriesMomentsTest {

  /** [0, 0, 0, 1]: mean 1/4, std √(0.75/3) = 1/2, m2 = 3/16, m3 = 3/32, m4 = 21/256. */
  @Test
  void smallSeriesByHand() {
    SeriesMoments m = SeriesMoments.of(new double[] {0, 0, 0, 1});
    assertThat(m.n()).isEqualTo(4);
    assertThat(m.mean()).isEqualTo(0.25);
    assertThat(m.std()).isEqualTo(0.5);
    assertThat(m.sr()).isEqualTo(0.5);
    assertThat(m.skew()).isCloseTo(2 / Math.sqrt(3), within(1e-15));
    assertThat(m.kurtosis()).isCloseTo(7.0 / 3, within(1e-15));
  }

  /** Two-point symmetric series: no skew, Pearson kurtosis m4/m2² = 1. */
  @Test
  void symmetricTwoPointSeries() {
    SeriesMoments m = SeriesMoments.of(new double[] {-1, 1, -1, 1});
    assertThat(m.mean()).isZero();
    assertThat(m.sr()).isZero();
    assertThat(m.skew()).isZero();
    assertThat(m.kurtosis()).isEqualTo(1.0);
  }

  /** The fixture series; skew and kurtosis from an independent numpy computation. */
  @Test
  void knownSeries() {
    SeriesMoments m = SeriesMoments.of(new double[] {0.01, 0.10, -0.04, 0.02, 0.03, 0.02, 0.01, -0.10});
    assertThat(m.mean()).isCloseTo(0.00625, within(1e-17));
    assertThat(m.sr()).isCloseTo(0.1085930607, within(1e-10));
    assertThat(m.skew()).isCloseTo(-0.3650572690177865, within(1e-12));
    assertThat(m.kurtosis()).isCloseTo(3.119534731656992, within(1e-12));
  }

  /** 0.1 is inexact in binary, so a naive mean leaves a rounding residue; the spread must still be 0. */
  @Test
  void constantSeriesHasNoSharpeSkewOrKurtosis() {
    SeriesMoments m = SeriesMoments.of(new double[] {0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1});
    assertThat(m.std()).isZero();
    assertThat(m.sr()).isNaN();
    assertThat(m.skew()).isNaN();
    assertThat(m.kurtosis()).isNaN();
  }

  @Test
  void tooShortSeries() {
    SeriesMoments empty = SeriesMoments.of(new double[0]);
    assertThat(empty.n()).isZero();
    assertThat(empty.mean()).isNaN();
    assertThat(empty.sr()).isNaN();
    SeriesMoments one = SeriesMoments.of(new double[] {0.02});
    assertThat(one.mean()).isEqualTo(0.02);
    assertThat(one.std()).isNaN();
    assertThat(one.sr()).isNaN();
    assertThat(one.skew()).isNaN();
  }

  @Test
  void nanPropagates() {
    SeriesMoments m = SeriesMoments.of(new double[] {0.01, Double.NaN, 0.02});
    assertThat(m.mean()).isNaN();
    assertThat(m.std()).isNaN();
    assertThat(m.sr()).isNaN();
    assertThat(m.kurtosis()).isNaN();
  }
}
