package io.quanteam.eam.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quanteam.eam.backtest.BacktestEngine;
import io.quanteam.eam.backtest.BacktestResult;
import io.quanteam.eam.backtest.CostModel;
import io.quanteam.eam.backtest.FillTiming;
import io.quanteam.eam.backtest.SegmentWindow;
import io.quanteam.eam.backtest.SymbolInput;
import io.quanteam.eam.data.SymbolBars;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BuyAndHoldBenchmarkTest {
  private static final LocalDate D0 = LocalDate.of(2024, 1, 2);
  private static final List<LocalDate> THREE_DAYS = List.of(D0, D0.plusDays(1), D0.plusDays(2));

  @Test
  void twoSymbolsThreeDaysBoughtAtTheFirstOpenByHand() {
    // prices are powers of two over small integers, so every step below is exact in binary
    SymbolBars a = bars("AAA", new int[] {0, 1, 2}, new double[] {4, 5, 6}, new double[] {5, 6, 3});
    SymbolBars b = bars("BBB", new int[] {0, 1, 2}, new double[] {8, 9, 11}, new double[] {8, 10, 12});
    BuyAndHoldBenchmark bh = BuyAndHoldBenchmark.of(THREE_DAYS, List.of(a, b), FillTiming.NEXT_OPEN);
    // C0/N = 0.5 each; AAA buys 0.5/4 = 0.125 at the open of day 0, BBB 0.5/8 = 0.0625
    // day 0: 0.125·5 + 0.0625·8  = 0.625 + 0.5   = 1.125
    // day 1: 0.125·6 + 0.0625·10 = 0.75  + 0.625 = 1.375
    // day 2: 0.125·3 + 0.0625·12 = 0.375 + 0.75  = 1.125
    assertThat(bh.curve()).containsExactly(new CurvePoint(D0, 1.125), new CurvePoint(D0.plusDays(1), 1.375),
        new CurvePoint(D0.plusDays(2), 1.125));
    assertThat(bh.totalReturn()).isEqualTo(0.125);
    assertThat(bh.symbols()).isEqualTo(2);
  }

  @Test
  void withCloseTimingTheFirstMarkIsTheInitialCapital() {
    SymbolBars a = bars("AAA", new int[] {0, 1, 2}, new double[] {3, 5, 7}, new double[] {4, 6, 3});
    SymbolBars b = bars("BBB", new int[] {0, 1, 2}, new double[] {7, 9, 11}, new double[] {8, 10, 12});
    BuyAndHoldBenchmark bh = BuyAndHoldBenchmark.of(THREE_DAYS, List.of(a, b), FillTiming.CLOSE);
    // AAA buys 0.5/4 = 0.125 at the close of day 0, BBB 0.5/8 = 0.0625: day 0 is worth exactly 1
    assertThat(bh.curve()).extracting(CurvePoint::equity).containsExactly(1.0, 0.75 + 0.625, 0.375 + 0.75);
  }

  @Test
  void aLateSymbolHoldsItsCashUntilItsFirstBarAndAGapCarriesTheLastMark() {
    // AAA has no bar on day 1; BBB starts on day 1; bars before and after the dates are not read
    SymbolBars a = bars("AAA", new int[] {-1, 0, 2, 3}, new double[] {1, 4, 6, 1}, new double[] {1, 5, 3, 1});
    SymbolBars b = bars("BBB", new int[] {1, 2}, new double[] {8, 11}, new double[] {10, 12});
    BuyAndHoldBenchmark bh = BuyAndHoldBenchmark.of(THREE_DAYS, List.of(a, b), FillTiming.NEXT_OPEN);
    // day 0: 0.125·5 + 0.5 (cash)        = 1.125
    // day 1: 0.125·5 (carried) + 0.0625·10 = 1.25
    // day 2: 0.125·3 + 0.0625·12          = 1.125
    assertThat(bh.curve()).extracting(CurvePoint::equity).containsExactly(1.125, 1.25, 1.125);
  }

  @Test
  void aSymbolWithoutBarsInTheRangeStaysCash() {
    SymbolBars a = bars("AAA", new int[] {0, 1, 2}, new double[] {4, 5, 6}, new double[] {5, 6, 3});
    SymbolBars none = bars("ZZZ", new int[] {5}, new double[] {1}, new double[] {1});
    BuyAndHoldBenchmark bh = BuyAndHoldBenchmark.of(THREE_DAYS, List.of(a, none), FillTiming.NEXT_OPEN);
    assertThat(bh.curve()).extracting(CurvePoint::equity).containsExactly(1.125, 1.25, 0.875);
  }

  @Test
  void equalsTheEngineBitForBitForAnAlwaysLongStrategyWithoutCosts() {
    SplittableRandom random = new SplittableRandom(7);
    int n = 60;
    List<SymbolInput> inputs = new ArrayList<>();
    List<SymbolBars> universe = new ArrayList<>();
    for (String symbol : List.of("AAA", "BBB", "CCC")) {
      int[] days = new int[n + 1]; // one warm-up bar, so the lagged entry fills on the first window bar
      double[] open = new double[n + 1];
      double[] close = new double[n + 1];
      double price = 50 + random.nextDouble() * 100;
      for (int i = 0; i <= n; i++) {
        days[i] = i - 1 + (symbol.equals("CCC") && i > 10 ? i / 7 : 0); // CCC skips some days: gaps
        open[i] = price * (1 + (random.nextDouble() - 0.5) * 0.02);
        price = open[i] * (1 + (random.nextDouble() - 0.5) * 0.04);
        close[i] = price;
      }
      SymbolBars b = bars(symbol, days, open, close);
      universe.add(b);
      boolean[] entry = new boolean[n + 1];
      Arrays.fill(entry, true);
      inputs.add(new SymbolInput(b, entry, new boolean[n + 1]));
    }
    for (FillTiming timing : FillTiming.values()) {
      BacktestResult engine = BacktestEngine.run(inputs, new SegmentWindow("w", D0, D0.plusDays(n + 20)), 1,
          new CostModel(0, 0, 0, 0), timing);
      List<LocalDate> dates = new ArrayList<>();
      for (int day : engine.epochDays()) {
        dates.add(LocalDate.ofEpochDay(day));
      }
      BuyAndHoldBenchmark bh = BuyAndHoldBenchmark.of(dates, universe, timing);
      assertThat(bh.curve().stream().mapToDouble(CurvePoint::equity).toArray()).as(timing.name())
          .isEqualTo(engine.equity());
    }
  }

  @Test
  void anUnusablePriceOrUnorderedDatesAreRefusedWithAPhrase() {
    SymbolBars zeroOpen = bars("AAA", new int[] {0, 1, 2}, new double[] {0, 5, 6}, new double[] {5, 6, 3});
    assertThatThrownBy(() -> BuyAndHoldBenchmark.of(THREE_DAYS, List.of(zeroOpen), FillTiming.NEXT_OPEN))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("AAA has no usable open price on 2024-01-02");
    SymbolBars nanClose = bars("AAA", new int[] {0, 1, 2}, new double[] {4, 5, 6}, new double[] {5, Double.NaN, 3});
    assertThatThrownBy(() -> BuyAndHoldBenchmark.of(THREE_DAYS, List.of(nanClose), FillTiming.NEXT_OPEN))
        .hasMessage("AAA has no usable close price on 2024-01-03");
    List<LocalDate> backwards = List.of(D0, D0.plusDays(2), D0.plusDays(1));
    assertThatThrownBy(() -> BuyAndHoldBenchmark.of(backwards, List.of(nanClose), FillTiming.NEXT_OPEN))
        .hasMessage("the curve's dates are not in increasing order at 2024-01-03");
  }

  /** Bars on D0 + {@code offsets} days; high, low and volume do not matter here. */
  static SymbolBars bars(String symbol, int[] offsets, double[] open, double[] close) {
    int n = offsets.length;
    int[] days = new int[n];
    for (int i = 0; i < n; i++) {
      days[i] = Math.toIntExact(D0.toEpochDay()) + offsets[i];
    }
    double[] high = new double[n];
    double[] low = new double[n];
    for (int i = 0; i < n; i++) {
      high[i] = Math.max(open[i], close[i]);
      low[i] = Math.min(open[i], close[i]);
    }
    return new SymbolBars(symbol, days, open, high, low, close, new double[n], new long[n]);
  }
}
