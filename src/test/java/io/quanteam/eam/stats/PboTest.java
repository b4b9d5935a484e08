package io.quanteam.eam.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class PboTest {
  /** The fixture's 8×4 matrix (rows = time, columns = trials). */
  static final double[][] FIXTURE_M = {
      {3, -3, -3, -2},
      {3, 1, 3, -2},
      {2, -1, 0, -3},
      {1, 2, 1, -2},
      {0, -2, 3, 3},
      {-2, 0, 3, 2},
      {1, 1, -3, 2},
      {0, -3, -2, 0}};

  /**
   * Per split (IS blocks (0,1),(0,2),(0,3),(1,2),(1,3),(2,3)) the IS winner and its OOS mean, by hand:
   * e.g. (0,2) has IS means [1, −1, 1.5, 0.25], winner trial 2, whose OOS mean −1 is the worst → λ = ln ¼.
   */
  @Test
  void fixturePerSplitDetail() {
    PboResult r = Pbo.compute(FIXTURE_M, 4);
    assertThat(r.isPerformance()).containsExactly(2.25, 1.5, 1.75, 1.75, 1.0, 1.75);
    assertThat(r.oosPerformance()).containsExactly(-0.25, -1.0, 0.25, -1.25, 1.0, -2.25);
    assertThat(r.lambdas()).containsExactly(new double[] {
        Math.log(2 / 3.0), Math.log(1 / 4.0), Math.log(3 / 2.0),
        Math.log(1 / 4.0), Math.log(3 / 2.0), Math.log(1 / 4.0)}, within(1e-15));
    // means: IS 10/6, OOS −3.5/6 → intercept −3.5/6 + 1.1·10/6 = 1.25
    assertThat(r.degradationIntercept()).isCloseTo(1.25, within(1e-12));
    assertThat(r.probabilityOfLoss()).isCloseTo(4 / 6.0, within(1e-15));
  }

  /** A sum over equal-sized sets ranks like the mean: same λ and slope, intercept ×4 (4 rows a set). */
  @Test
  void customMetricIsApplied() {
    PboResult r = Pbo.compute(FIXTURE_M, 4, rows -> {
      double s = 0;
      for (double x : rows) {
        s += x;
      }
      return s;
    });
    assertThat(r.pbo()).isCloseTo(4 / 6.0, within(1e-15));
    assertThat(r.isPerformance()).containsExactly(9, 6, 7, 7, 4, 7);
    assertThat(r.degradationSlope()).isCloseTo(-1.1, within(1e-12));
    assertThat(r.degradationIntercept()).isCloseTo(5.0, within(1e-12));
  }

  @Test
  void metricSeesTheSelectedRowsInTimeOrder() {
    List<List<Double>> seen = new ArrayList<>();
    Pbo.compute(FIXTURE_M, 4, rows -> {
      List<Double> copy = new ArrayList<>();
      for (double x : rows) {
        copy.add(x);
      }
      seen.add(copy);
      return 0;
    });
    assertThat(seen).hasSize(6 * 4 * 2);
    // trial 0 with IS blocks (0,2): rows 0,1,4,5 in sample, rows 2,3,6,7 out of sample
    assertThat(seen).contains(List.of(3.0, 3.0, 0.0, -2.0), List.of(2.0, 1.0, 1.0, 0.0));
  }

  /** OOS [−1, −1, 5]: the winner (trial 0) ties trial 1 for ranks 1 and 2 → rank 1.5, ω̄ = 1.5/4. */
  @Test
  void outOfSampleTiesShareTheirAverageRank() {
    PboResult r = Pbo.compute(new double[][] {{3, 1, 0}, {-1, -1, 5}}, 2);
    assertThat(r.lambdas()).containsExactly(new double[] {Math.log(0.6), Math.log(1 / 3.0)}, within(1e-15));
    assertThat(r.pbo()).isEqualTo(1.0);
  }

  /** IS [2, 2, 0] ties trials 0 and 1; the lowest index wins (trial 1 would rank best OOS). */
  @Test
  void inSampleTiesGoToTheLowestTrialIndex() {
    PboResult r = Pbo.compute(new double[][] {{2, 2, 0}, {1, 5, 3}}, 2);
    assertThat(r.isPerformance()[0]).isEqualTo(2.0);
    assertThat(r.oosPerformance()[0]).isEqualTo(1.0);
    assertThat(r.lambdas()[0]).isCloseTo(Math.log(1 / 3.0), within(1e-15));
  }

  /** Identical trials: the winner ties all N for the average rank (N+1)/2, so λ = 0, counted as overfit. */
  @Test
  void identicalTrialsGiveLambdaZeroAndPboOne() {
    double[][] m = new double[16][5];
    Random random = new Random(3);
    for (double[] row : m) {
      java.util.Arrays.fill(row, random.nextGaussian());
    }
    PboResult r = Pbo.compute(m, 4);
    assertThat(r.lambdas()).containsOnly(0.0);
    assertThat(r.pbo()).isEqualTo(1.0);
  }

  /**
   * Same full-sample mean in every trial: IS mean + OOS mean is the same for all, so the IS winner is
   * the OOS loser: rank 1, λ = ln(1/N) in every split.
   */
  @Property(tries = 200)
  void centredTrialsAlwaysOverfit(@ForAll long seed) {
    PboResult r = Pbo.compute(centred(seed, 0.0), 8);
    assertThat(r.pbo()).isEqualTo(1.0);
    assertThat(r.lambdas()).containsOnly(-StrictMath.log(6));
    assertThat(r.degradationSlope()).isCloseTo(-1.0, within(1e-9));
  }

  @Property(tries = 200)
  void aTrialWithLargeDriftNeverOverfits(@ForAll long seed) {
    PboResult r = Pbo.compute(centred(seed, 1.0), 8);
    assertThat(r.pbo()).isEqualTo(0.0);
    assertThat(r.lambdas()).containsOnly(StrictMath.log(6));
    assertThat(r.probabilityOfLoss()).isEqualTo(0.0);
  }

  static double[][] centredColumns() {
    return centred(11, 0.0);
  }

  static double[][] oneDriftingColumn() {
    return centred(11, 1.0);
  }

  /** 64×6 Gaussian noise (σ 0.01), every column centred to mean 0.0005; column 3 gets {@code drift}. */
  private static double[][] centred(long seed, double drift) {
    int t = 64;
    int n = 6;
    Random random = new Random(seed);
    double[][] m = new double[t][n];
    for (int j = 0; j < n; j++) {
      double sum = 0;
      for (int i = 0; i < t; i++) {
        m[i][j] = 0.01 * random.nextGaussian();
        sum += m[i][j];
      }
      for (int i = 0; i < t; i++) {
        m[i][j] += 0.0005 - sum / t + (j == 3 ? drift : 0);
      }
    }
    return m;
  }

  @Test
  void rejectsBadShapes() {
    assertThatThrownBy(() -> Pbo.compute(new double[10][3], 4))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("T = 10 rows do not divide into S = 4 equal blocks");
    assertThatThrownBy(() -> Pbo.compute(new double[12][3], 3))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("even");
    assertThatThrownBy(() -> Pbo.compute(new double[44][3], 22))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[2, 20]");
    assertThatThrownBy(() -> Pbo.compute(new double[8][1], 4))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("N ≥ 2");
    assertThatThrownBy(() -> Pbo.compute(new double[][] {{1, 2}, {3}}, 2))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rectangular");
    assertThatThrownBy(() -> Pbo.compute(new double[8][3], 4, rows -> Double.NaN))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NaN");
  }

  @Test
  void constantInSamplePerformanceLeavesTheFitUndefined() {
    PboResult r = Pbo.compute(new double[][] {{1, 0}, {1, 0}}, 2);
    assertThat(r.isPerformance()).containsOnly(1.0);
    assertThat(r.degradationSlope()).isNaN();
    assertThat(r.degradationIntercept()).isNaN();
  }

  @Test
  void resultArraysAreDefensiveCopies() {
    PboResult r = Pbo.compute(FIXTURE_M, 4);
    r.lambdas()[0] = 99;
    assertThat(r.lambdas()[0]).isNotEqualTo(99);
    assertThat(r).isEqualTo(Pbo.compute(FIXTURE_M, 4));
  }
}
