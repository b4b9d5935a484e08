package io.quanteam.eam.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Scale;
import org.junit.jupiter.api.Test;

class NormalDistributionTest {

  @Test
  void knownCdfValues() {
    assertThat(NormalDistribution.cdf(0)).isEqualTo(0.5);
    assertThat(NormalDistribution.cdf(1.959963984540054)).isCloseTo(0.975, within(1e-15));
    assertThat(NormalDistribution.cdf(-1)).isCloseTo(0.15865525393145705, within(1e-16));
    assertThat(NormalDistribution.cdf(-8)).isCloseTo(6.22096057427178e-16, within(6.22096e-25));
  }

  /** One point in each of Cody's three ranges, on both sides; references from mpmath at 30 digits. */
  @Test
  void everyApproximationRangeMatchesHighPrecisionReferences() {
    assertThat(NormalDistribution.cdf(0.5)).isCloseTo(0.69146246127401310364, within(1e-15));
    assertThat(NormalDistribution.cdf(-0.6)).isCloseTo(0.27425311775007358769, within(1e-15));
    assertThat(NormalDistribution.cdf(3.0)).isCloseTo(0.99865010196836990547, within(1e-15));
    assertThat(NormalDistribution.cdf(-5.5)).isCloseTo(1.8989562465887719384e-8, within(1e-22));
    assertThat(NormalDistribution.cdf(7.0)).isCloseTo(0.99999999999872018746, within(1e-15));
    assertThat(NormalDistribution.cdf(-7.0)).isCloseTo(1.2798125438858350044e-12, within(1e-26));
    assertThat(NormalDistribution.cdf(-20.0)).isCloseTo(2.7536241186062336951e-89, within(1e-102));
    assertThat(NormalDistribution.cdf(-37.0)).isCloseTo(5.7255712225245768227e-300, within(1e-313));
  }

  @Test
  void cdfLimits() {
    assertThat(NormalDistribution.cdf(Double.NEGATIVE_INFINITY)).isEqualTo(0.0);
    assertThat(NormalDistribution.cdf(Double.POSITIVE_INFINITY)).isEqualTo(1.0);
    assertThat(NormalDistribution.cdf(-50)).isEqualTo(0.0);
    assertThat(NormalDistribution.cdf(50)).isEqualTo(1.0);
    assertThat(NormalDistribution.cdf(Double.NaN)).isNaN();
  }

  @Test
  void knownQuantiles() {
    assertThat(NormalDistribution.inverseCdf(0.975)).isCloseTo(1.959963984540054, within(1e-15));
    assertThat(NormalDistribution.inverseCdf(1e-10)).isCloseTo(-6.361340902404056, within(1e-14));
    assertThat(NormalDistribution.inverseCdf(0.5)).isEqualTo(0.0);
    assertThat(NormalDistribution.inverseCdf(0.3)).isCloseTo(-0.52440051270804081597, within(1e-15));
    assertThat(NormalDistribution.inverseCdf(0.999)).isCloseTo(3.0902323061678135415, within(1e-14));
    assertThat(NormalDistribution.inverseCdf(1e-100)).isCloseTo(-21.273453560965324295, within(1e-13));
  }

  @Test
  void quantileBoundsAndDomain() {
    assertThat(NormalDistribution.inverseCdf(0)).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(NormalDistribution.inverseCdf(1)).isEqualTo(Double.POSITIVE_INFINITY);
    for (double bad : new double[] {-1e-300, 1.0000000000000002, Double.NaN, -1, 2}) {
      assertThatThrownBy(() -> NormalDistribution.inverseCdf(bad))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("[0, 1]");
    }
  }

  @Property
  void cdfInvertsTheQuantile(
      @ForAll @DoubleRange(min = 1e-12, max = 1 - 1e-12) @Scale(14) double p) {
    assertThat(NormalDistribution.cdf(NormalDistribution.inverseCdf(p))).isCloseTo(p, within(1e-12));
  }

  /** The lower tail round-trips to a relative 1e-12, down to 1e-300. */
  @Property
  void cdfInvertsTheQuantileRelativelyInTheLowerTail(
      @ForAll @DoubleRange(min = -300, max = -0.302) @Scale(6) double log10p) {
    double p = Math.pow(10, log10p);
    assertThat(NormalDistribution.cdf(NormalDistribution.inverseCdf(p))).isCloseTo(p, within(1e-12 * p));
  }

  @Property
  void cdfIsMonotone(@ForAll @DoubleRange(min = -40, max = 40) double x,
      @ForAll @DoubleRange(min = 0, max = 3) double step) {
    assertThat(NormalDistribution.cdf(x + step)).isGreaterThanOrEqualTo(NormalDistribution.cdf(x));
  }

  @Property
  void inverseCdfIsMonotone(@ForAll @DoubleRange(min = 0, max = 1) double p,
      @ForAll @DoubleRange(min = 0, max = 1) double q) {
    double lo = Math.min(p, q);
    double hi = Math.max(p, q);
    assertThat(NormalDistribution.inverseCdf(hi)).isGreaterThanOrEqualTo(NormalDistribution.inverseCdf(lo));
  }

  @Property
  void cdfIsSymmetric(@ForAll @DoubleRange(min = -40, max = 40) double x) {
    assertThat(NormalDistribution.cdf(x) + NormalDistribution.cdf(-x)).isCloseTo(1.0, within(2e-16));
  }

  /**
   * Consecutive doubles across the range seams do not step backwards; the quantile, like any rational
   * approximation, is monotone only to its rounding error there (1 ulp back at p = 0.075).
   */
  @Test
  void monotoneAcrossRangeBoundaries() {
    for (double seam : new double[] {0.67448975, 5.656854249492380, 40}) {
      for (double x : new double[] {seam, -seam}) {
        double below = Math.nextDown(x);
        double above = Math.nextUp(x);
        assertThat(NormalDistribution.cdf(below)).isLessThanOrEqualTo(NormalDistribution.cdf(x));
        assertThat(NormalDistribution.cdf(x)).isLessThanOrEqualTo(NormalDistribution.cdf(above));
      }
    }
    for (double seam : new double[] {0.075, 0.925}) {
      double below = NormalDistribution.inverseCdf(Math.nextDown(seam));
      assertThat(below).isLessThanOrEqualTo(
          NormalDistribution.inverseCdf(Math.nextUp(seam)) + 2 * Math.ulp(below));
    }
  }
}
