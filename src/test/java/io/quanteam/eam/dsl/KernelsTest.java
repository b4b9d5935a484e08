package io.quanteam.eam.dsl;

import static io.quanteam.eam.dsl.Close.assertClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Every kernel against values worked out by hand (arithmetic in the comments). */
class KernelsTest {
  private static final double NaN = Double.NaN;
  private static final double INF = Double.POSITIVE_INFINITY;

  @Test
  void arithmeticPropagatesNanAndDivisionByZeroIsNan() {
    // 1+10, 2+20, NaN+30
    assertClose(ElementwiseKernels.binary(OpCode.ADD, new double[] {1, 2, NaN}, new double[] {10, 20, 30}),
        11, 22, NaN);
    assertClose(ElementwiseKernels.binary(OpCode.SUB, new double[] {5, 1}, new double[] {2, 3}), 3, -2);
    assertClose(ElementwiseKernels.binary(OpCode.MUL, new double[] {2, -3}, new double[] {4, 5}), 8, -15);
    // 6/3 = 2; 1/0 → NaN; 0/0 → NaN; NaN/2 → NaN
    assertClose(ElementwiseKernels.binary(OpCode.DIV, new double[] {6, 1, 0, NaN}, new double[] {3, 0, 0, 2}),
        2, NaN, NaN, NaN);
    assertClose(ElementwiseKernels.binary(OpCode.DIV, new double[] {-1}, new double[] {-0.0}), NaN);
    assertClose(ElementwiseKernels.binary(OpCode.MIN, new double[] {1, 5, NaN}, new double[] {3, 2, 1}),
        1, 2, NaN);
    assertClose(ElementwiseKernels.binary(OpCode.MAX, new double[] {1, 5, 4}, new double[] {3, 2, NaN}),
        3, 5, NaN);
    assertClose(ElementwiseKernels.unary(OpCode.NEG, new double[] {1, -2, NaN}), -1, 2, NaN);
    assertClose(ElementwiseKernels.unary(OpCode.ABS, new double[] {-3, 2, NaN}), 3, 2, NaN);
  }

  @Test
  void comparisonsWithNanAreFalseNeIncluded() {
    double[] a = {1, 2, NaN, 3};
    double[] b = {1, 1, 1, NaN};
    assertThat(ElementwiseKernels.compare(OpCode.GT, a, b)).containsExactly(false, true, false, false);
    assertThat(ElementwiseKernels.compare(OpCode.GE, a, b)).containsExactly(true, true, false, false);
    assertThat(ElementwiseKernels.compare(OpCode.LT, a, b)).containsExactly(false, false, false, false);
    assertThat(ElementwiseKernels.compare(OpCode.LE, a, b)).containsExactly(true, false, false, false);
    assertThat(ElementwiseKernels.compare(OpCode.EQ, a, b)).containsExactly(true, false, false, false);
    assertThat(ElementwiseKernels.compare(OpCode.NE, a, b)).containsExactly(false, true, false, false);
    assertThat(ElementwiseKernels.compare(OpCode.NE, new double[] {NaN}, new double[] {NaN})).containsExactly(false);
    assertThat(ElementwiseKernels.compare(OpCode.LT, new double[] {1, 0}, new double[] {2, 0}))
        .containsExactly(true, false);
  }

  @Test
  void booleanLogic() {
    boolean[][] args = {{true, true, false, false}, {true, false, true, false}, {true, true, true, true}};
    assertThat(ElementwiseKernels.and(args)).containsExactly(true, false, false, false);
    assertThat(ElementwiseKernels.or(args)).containsExactly(true, true, true, true);
    assertThat(ElementwiseKernels.or(new boolean[][] {{true, false}, {false, false}})).containsExactly(true, false);
    assertThat(ElementwiseKernels.not(new boolean[] {true, false})).containsExactly(false, true);
    // and() must not write into its first argument
    assertThat(args[0]).containsExactly(true, true, false, false);
  }

  @Test
  void smaFirstValueAtNMinusOne() {
    // (1+2+3)/3 = 2, (2+3+4)/3 = 3, (3+4+5)/3 = 4
    assertClose(WindowKernels.sma(new double[] {1, 2, 3, 4, 5}, 3), NaN, NaN, 2, 3, 4);
    assertClose(WindowKernels.sma(new double[] {7, 8}, 1), 7, 8);
    assertClose(WindowKernels.sma(new double[] {1, 2}, 3), NaN, NaN);
    assertThat(WindowKernels.sma(new double[0], 3)).isEmpty();
  }

  @Test
  void smaIsNanForWindowsHoldingAMissingValue() {
    // window 2: t1 {1,NaN}, t2 {NaN,3} missing; t3 (3+4)/2, t4 (4+5)/2, t5 (5+6)/2
    assertClose(WindowKernels.sma(new double[] {1, NaN, 3, 4, 5, 6}, 2), NaN, NaN, NaN, 3.5, 4.5, 5.5);
    // ±∞ counts as missing too: t3 (2+3)/2
    assertClose(WindowKernels.sma(new double[] {1, INF, 2, 3}, 2), NaN, NaN, NaN, 2.5);
  }

  @Test
  void smaStaysExactAfterHugeValuesLeaveTheWindow() {
    // The window {1e16, 1} has left by t = 3; (1 + 2)/2 = 1.5 must not inherit rounding from 1e16.
    assertClose(0, WindowKernels.sma(new double[] {1e16, 1, 1, 2}, 2), NaN, 5e15, 1, 1.5);
  }

  @Test
  void sampleStdWithNMinusOneDivisor() {
    // t2: {1,2,3} mean 2, squares 1+0+1 = 2, /2 = 1 → 1
    // t3: {2,3,5} mean 10/3, squares 16/9+1/9+25/9 = 42/9, /2 = 7/3 → √(7/3)
    assertClose(WindowKernels.std(new double[] {1, 2, 3, 5}, 3), NaN, NaN, 1, Math.sqrt(7.0 / 3));
    // mean 5, squares 9+1+1+1+0+0+4+16 = 32, /7
    assertClose(WindowKernels.std(new double[] {2, 4, 4, 4, 5, 5, 7, 9}, 8), NaN, NaN, NaN, NaN, NaN, NaN, NaN,
        Math.sqrt(32.0 / 7));
    assertClose(WindowKernels.std(new double[] {1, 2, 3}, 1), NaN, NaN, NaN);
    // constant window: exactly 0 even though 0.1+0.1+0.1 != 0.3
    assertThat(WindowKernels.std(new double[] {0.1, 0.1, 0.1}, 3)[2]).isEqualTo(0.0);
    assertClose(WindowKernels.std(new double[] {1, NaN, 3, 5, 7}, 2), NaN, NaN, NaN, Math.sqrt(2), Math.sqrt(2));
  }

  @Test
  void zscoreIsDeviationOverStdAndNanForFlatWindows() {
    // t2: (3 − 2)/1 = 1; t3: (5 − 10/3)/√(7/3) = (5/3)/√(7/3)
    assertClose(WindowKernels.zscore(new double[] {1, 2, 3, 5}, 3), NaN, NaN, 1, (5.0 / 3) / Math.sqrt(7.0 / 3));
    assertClose(WindowKernels.zscore(new double[] {4, 4, 4}, 2), NaN, NaN, NaN);
  }

  @Test
  void highestAndLowestOverTheWindow() {
    double[] x = {3, 1, 4, 1, 5, 9, 2, 6};
    // windows of 3: {3,1,4} {1,4,1} {4,1,5} {1,5,9} {5,9,2} {9,2,6}
    assertClose(WindowKernels.highest(x, 3), NaN, NaN, 4, 4, 5, 9, 9, 9);
    assertClose(WindowKernels.lowest(x, 3), NaN, NaN, 1, 1, 1, 1, 2, 2);
    // strictly decreasing: the window max is always the oldest element, which must expire on time
    assertClose(WindowKernels.highest(new double[] {5, 4, 3, 2, 1}, 2), NaN, 5, 4, 3, 2);
    // a NaN blanks every window that holds it: {1,NaN} {NaN,3} missing, {3,2} → 3, {2,1} → 2
    assertClose(WindowKernels.highest(new double[] {1, NaN, 3, 2, 1}, 2), NaN, NaN, NaN, 3, 2);
    assertClose(WindowKernels.lowest(new double[] {1, NaN, 3, 2, 1}, 2), NaN, NaN, NaN, 2, 1);
  }

  @Test
  void lagAndPctChange() {
    assertClose(SeriesKernels.lag(new double[] {1, 2, 3, 4}, 2), NaN, NaN, 1, 2);
    assertClose(SeriesKernels.lag(new double[] {1, 2}, 3), NaN, NaN);
    // 110/100 − 1 = 0.1; 0/110 − 1 = −1; base 0 → NaN; 10/5 − 1 = 1
    assertClose(SeriesKernels.pctChange(new double[] {100, 110, 0, 5, 10}, 1), NaN, 0.1, -1, NaN, 1);
    // k = 2: 12/10 − 1 = 0.2; 9/11 − 1 = −2/11
    assertClose(SeriesKernels.pctChange(new double[] {10, 11, 12, 9}, 2), NaN, NaN, 0.2, -2.0 / 11);
  }

  @Test
  void emaSeededWithSmaAtNMinusOne() {
    // n = 3, α = 0.5: seed (1+2+3)/3 = 2; 0.5·4 + 0.5·2 = 3; 0.5·5 + 0.5·3 = 4
    assertClose(SeriesKernels.ema(new double[] {1, 2, 3, 4, 5}, 3), NaN, NaN, 2, 3, 4);
    // n = 1, α = 1: e = x
    assertClose(SeriesKernels.ema(new double[] {4, 5}, 1), 4, 5);
    // n = 4, α = 0.4: seed (2+4+6+8)/4 = 5; 0.4·10 + 0.6·5 = 7
    assertClose(SeriesKernels.ema(new double[] {2, 4, 6, 8, 10}, 4), NaN, NaN, NaN, 5, 7);
  }

  @Test
  void emaRestartsAfterAMissingValue() {
    // n = 2, α = 2/3: seed (1+2)/2 = 1.5; NaN; run restarts at 4: seed (4+6)/2 = 5; 2/3·8 + 1/3·5 = 7
    assertClose(SeriesKernels.ema(new double[] {1, 2, NaN, 4, 6, 8}, 2), NaN, 1.5, NaN, NaN, 5, 7);
    // leading NaNs (an sma's warm-up) only delay the seed: (3+5)/2 = 4
    assertClose(SeriesKernels.ema(new double[] {NaN, NaN, 3, 5}, 2), NaN, NaN, NaN, 4);
  }

  @Test
  void rsiWilder() {
    // d = [·, 1, −1, 1, 1]; t = 2: gain (1+0)/2 = 0.5, loss (0+1)/2 = 0.5, RS 1 → 100 − 100/2 = 50
    // t = 3: gain (0.5·1 + 1)/2 = 0.75, loss (0.5·1 + 0)/2 = 0.25, RS 3 → 100 − 100/4 = 75
    // t = 4: gain (0.75 + 1)/2 = 0.875, loss 0.25/2 = 0.125, RS 7 → 100 − 100/8 = 87.5
    assertClose(SeriesKernels.rsi(new double[] {1, 2, 1, 2, 3}, 2), NaN, NaN, 50, 75, 87.5);
    // no losses → 100, also when nothing moves
    assertClose(SeriesKernels.rsi(new double[] {1, 2, 3}, 2), NaN, NaN, 100);
    assertClose(SeriesKernels.rsi(new double[] {5, 5, 5}, 2), NaN, NaN, 100);
    // only losses: gain 0 → 100 − 100/1 = 0
    assertClose(SeriesKernels.rsi(new double[] {3, 2, 1}, 2), NaN, NaN, 0);
  }

  @Test
  void rsiRestartsAfterAMissingValue() {
    // changes valid at t = 1 (1), t = 4 (1), t = 5 (−2); t = 5 closes 2 consecutive changes:
    // gain (1+0)/2 = 0.5, loss (0+2)/2 = 1, RS 0.5 → 100 − 100/1.5
    assertClose(SeriesKernels.rsi(new double[] {1, 2, NaN, 3, 4, 2}, 2), NaN, NaN, NaN, NaN, NaN,
        100 - 100 / 1.5);
  }

  @Test
  void crossesNeedThePreviousBarOnTheOtherSide() {
    double[] b = {2, 2, 2, 2, 2};
    // t2: 2 ≤ 2 and 3 > 2; t4: 2 ≤ 2 and 3 > 2; t1: 2 > 2 fails; t3: 3 ≤ 2 fails
    assertThat(SeriesKernels.crossAbove(new double[] {1, 2, 3, 2, 3}, b))
        .containsExactly(false, false, true, false, true);
    assertThat(SeriesKernels.crossBelow(new double[] {3, 2, 1, 2, 1}, b))
        .containsExactly(false, false, true, false, true);
    // NaN on either bar → false
    assertThat(SeriesKernels.crossAbove(new double[] {1, NaN, 3}, new double[] {2, 2, 2}))
        .containsExactly(false, false, false);
    assertThat(SeriesKernels.crossAbove(new double[] {5}, new double[] {1})).containsExactly(false);
  }

  @Test
  void lagOfSignals() {
    boolean[] s = {true, false, true, true};
    assertThat(SignalProgram.lag(s, 1)).containsExactly(false, true, false, true);
    assertThat(SignalProgram.lag(s, 2)).containsExactly(false, false, true, false);
    assertThat(SignalProgram.lag(s, 5)).containsExactly(false, false, false, false);
    assertThatThrownBy(() -> SignalProgram.lag(s, 0)).isInstanceOf(IllegalArgumentException.class);
  }
}
