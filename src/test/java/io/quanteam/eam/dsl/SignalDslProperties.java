package io.quanteam.eam.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class SignalDslProperties {

  @Provide
  Arbitrary<double[]> prices() {
    return Arbitraries.doubles().between(0.01, 1e6).array(double[].class).ofMaxSize(400);
  }

  @Provide
  Arbitrary<double[]> signed() {
    return Arbitraries.doubles().between(-1e4, 1e4).array(double[].class).ofMaxSize(400);
  }

  /** Values with about one NaN in twenty. */
  @Provide
  Arbitrary<double[]> gappy() {
    Arbitrary<Double> value = Arbitraries.doubles().between(-100, 100);
    Arbitrary<Double> gap = Arbitraries.just(Double.NaN);
    return Arbitraries.frequencyOf(Tuple.of(19, value), Tuple.of(1, gap)).array(double[].class).ofMaxSize(300);
  }

  @Property
  void smaEqualsTheNaiveMean(@ForAll("prices") double[] x, @ForAll @IntRange(min = 1, max = 60) int w) {
    assertMatchesNaiveMean(x, w);
  }

  @Property
  void smaEqualsTheNaiveMeanForSignedValues(@ForAll("signed") double[] x, @ForAll @IntRange(min = 1, max = 60) int w) {
    assertMatchesNaiveMean(x, w);
  }

  @Property
  void smaIsNanExactlyForWindowsWithAGap(@ForAll("gappy") double[] x, @ForAll @IntRange(min = 1, max = 20) int w) {
    assertMatchesNaiveMean(x, w);
  }

  private static void assertMatchesNaiveMean(double[] x, int w) {
    double[] sma = WindowKernels.sma(x, w);
    for (int t = 0; t < x.length; t++) {
      if (t < w - 1) {
        assertThat(sma[t]).isNaN();
        continue;
      }
      double sum = 0;
      double abs = 0;
      for (int i = t - w + 1; i <= t; i++) {
        sum += x[i];
        abs += Math.abs(x[i]);
      }
      if (Double.isNaN(sum)) {
        assertThat(sma[t]).as("t=%d", t).isNaN();
      } else {
        // relative to the window's magnitude: a mean near 0 of large values is only known to that scale
        assertThat(Math.abs(sma[t] - sum / w)).as("t=%d", t).isLessThanOrEqualTo(1e-12 * abs / w);
      }
    }
  }

  @Property
  void highestBoundsItsWindowAndIsInIt(@ForAll("gappy") double[] x, @ForAll @IntRange(min = 1, max = 20) int w) {
    double[] hi = WindowKernels.highest(x, w);
    double[] lo = WindowKernels.lowest(x, w);
    for (int t = w - 1; t < x.length; t++) {
      double[] window = Arrays.copyOfRange(x, t - w + 1, t + 1);
      if (Arrays.stream(window).anyMatch(Double::isNaN)) {
        assertThat(hi[t]).isNaN();
        assertThat(lo[t]).isNaN();
        continue;
      }
      for (double v : window) {
        assertThat(hi[t]).isGreaterThanOrEqualTo(v);
        assertThat(lo[t]).isLessThanOrEqualTo(v);
      }
      assertThat(window).contains(hi[t], lo[t]);
    }
  }

  @Property
  void crossAboveImpliesGtNowAndLeBefore(@ForAll("gappy") double[] a, @ForAll @IntRange(min = 1, max = 5) int w) {
    double[] b = WindowKernels.sma(a, w);
    boolean[] up = SeriesKernels.crossAbove(a, b);
    boolean[] down = SeriesKernels.crossBelow(a, b);
    for (int t = 0; t < a.length; t++) {
      if (up[t]) {
        assertThat(a[t]).isGreaterThan(b[t]);
        assertThat(a[t - 1]).isLessThanOrEqualTo(b[t - 1]);
        assertThat(down[t]).isFalse();
      }
      if (down[t]) {
        assertThat(a[t]).isLessThan(b[t]);
      }
    }
  }

  @Property
  void lagShiftsExactly(@ForAll @Size(max = 200) List<Boolean> signal, @ForAll @IntRange(min = 1, max = 250) int lag) {
    boolean[] s = new boolean[signal.size()];
    for (int i = 0; i < s.length; i++) {
      s[i] = signal.get(i);
    }
    boolean[] out = SignalProgram.lag(s, lag);
    assertThat(out).hasSameSizeAs(s);
    for (int t = 0; t < s.length; t++) {
      assertThat(out[t]).isEqualTo(t >= lag && s[t - lag]);
    }
  }

  @Property(tries = 50)
  void evaluationIsDeterministic(@ForAll("prices") double[] close, @ForAll @IntRange(min = 1, max = 30) int fast,
      @ForAll @IntRange(min = 1, max = 30) int slow) {
    SignalProgram p = DslFixtures.program("""
        {"f": {"type": "op", "op": "ema", "args": [{"type": "var", "var_id": "close"},
               {"type": "param", "param_id": "fast"}]},
         "s": {"type": "op", "op": "sma", "args": [{"type": "var", "var_id": "close"},
               {"type": "param", "param_id": "slow"}]},
         "z": {"type": "op", "op": "zscore", "args": [{"type": "op", "op": "rsi", "args": [
               {"type": "var", "var_id": "close"}, {"type": "param", "param_id": "fast"}]},
               {"type": "param", "param_id": "slow"}]},
         "in": {"type": "op", "op": "or", "args": [
               {"type": "op", "op": "cross_above", "args": [{"type": "var", "var_id": "f"}, {"type": "var", "var_id": "s"}]},
               {"type": "op", "op": "gt", "args": [{"type": "var", "var_id": "z"}, {"type": "const", "value": 1.5}]}]},
         "out": {"type": "op", "op": "cross_below", "args": [{"type": "var", "var_id": "f"}, {"type": "var", "var_id": "s"}]}}
        """, "in", "out", "{\"fast\": " + fast + ", \"slow\": " + slow + "}");
    SignalValues first = p.evaluate(DslFixtures.bars(close));
    SignalValues again = p.evaluate(DslFixtures.bars(close));
    assertThat(again.entry()).isEqualTo(first.entry()).isNotSameAs(first.entry());
    assertThat(again.exit()).isEqualTo(first.exit());
    for (Map.Entry<String, Column> e : first.named().entrySet()) {
      Column other = again.named().get(e.getKey());
      if (e.getValue() instanceof Column.NumberColumn n) {
        assertThat(((Column.NumberColumn) other).values()).isEqualTo(n.values());
      } else {
        assertThat(((Column.BoolColumn) other).values()).isEqualTo(((Column.BoolColumn) e.getValue()).values());
      }
    }
  }
}
