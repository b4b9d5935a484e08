package io.quanteam.eam.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.quanteam.eam.data.SymbolBars;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class BacktestEngineProperties {
  private static final LocalDate FIRST = LocalDate.parse("2024-01-01");

  /** Random universe: 1–4 symbols on partly different calendars, random-walk prices, random signals. */
  record Scenario(List<SymbolInput> symbols, SegmentWindow window, int lag, CostModel costs, FillTiming timing) {}

  @Provide
  Arbitrary<Scenario> scenarios() {
    Arbitrary<Long> seeds = Arbitraries.longs();
    Arbitrary<Integer> symbolCounts = Arbitraries.integers().between(1, 4);
    Arbitrary<Integer> days = Arbitraries.integers().between(1, 40);
    Arbitrary<Integer> lags = Arbitraries.integers().between(1, 3);
    Arbitrary<CostModel> costs = Combinators.combine(Arbitraries.doubles().between(0, 30),
        Arbitraries.doubles().between(0, 30), Arbitraries.doubles().between(0, 30),
        Arbitraries.of(0.0, 1e-5)).as(CostModel::new);
    Arbitrary<FillTiming> timings = Arbitraries.of(FillTiming.class);
    return Combinators.combine(seeds, symbolCounts, days, lags, costs, timings)
        .as((seed, count, span, lag, cost, timing) -> scenario(new Random(seed), count, span, lag, cost, timing));
  }

  private static Scenario scenario(Random rnd, int count, int span, int lag, CostModel costs, FillTiming timing) {
    List<SymbolInput> symbols = new ArrayList<>();
    for (int s = 0; s < count; s++) {
      List<Integer> kept = new ArrayList<>();
      for (int d = 0; d < span; d++) {
        if (rnd.nextInt(5) > 0) {
          kept.add(d);
        }
      }
      int n = kept.size();
      int[] epochDays = new int[n];
      double[] open = new double[n];
      double[] close = new double[n];
      double price = 10 + 90 * rnd.nextDouble();
      for (int i = 0; i < n; i++) {
        epochDays[i] = (int) FIRST.toEpochDay() + kept.get(i);
        open[i] = price * (1 + 0.05 * (2 * rnd.nextDouble() - 1));
        close[i] = open[i] * (1 + 0.05 * (2 * rnd.nextDouble() - 1));
        price = close[i];
      }
      boolean[] entry = new boolean[n];
      boolean[] exit = new boolean[n];
      for (int i = 0; i < n; i++) {
        entry[i] = rnd.nextInt(3) == 0;
        exit[i] = rnd.nextInt(3) == 0;
      }
      SymbolBars bars = new SymbolBars("S" + (count - s), epochDays, open, open.clone(), close.clone(), close, new double[n],
          new long[n]);
      symbols.add(new SymbolInput(bars, entry, exit));
    }
    int start = rnd.nextInt(span);
    int end = start + rnd.nextInt(span - start);
    SegmentWindow window = new SegmentWindow("seg", FIRST.plusDays(start), FIRST.plusDays(end));
    return new Scenario(symbols, window, lag, costs, timing);
  }

  private static BacktestResult run(Scenario s, CostModel costs, Recording recording) {
    return BacktestEngine.run(s.symbols(), s.window(), s.lag(), costs, s.timing(), recording);
  }

  @Property(tries = 300)
  void everySleeveMarkIsCashPlusQtyTimesCloseAndThePortfolioSumsTheLatestMarks(
      @ForAll("scenarios") Scenario s) {
    BacktestResult r = run(s, s.costs(), Recording.FULL);
    double startingCash = 1.0 / s.symbols().size();
    for (SleeveMarks m : r.sleeves()) {
      for (int j = 0; j < m.size(); j++) {
        assertThat(m.equity(j)).isEqualTo(m.cash(j) + m.qty(j) * m.close(j));
      }
    }
    for (Trade t : r.trades()) {
      // A round trip moves its sleeve's cash by exactly its pnl: −(qty·entry_p + entry_fee) + (qty·exit_p − exit_fee).
      SleeveMarks m = r.sleeves().get(r.symbols().indexOf(t.symbol()));
      int entry = lastOnOrBefore(m, (int) t.entryDate().toEpochDay());
      int exit = lastOnOrBefore(m, (int) t.exitDate().toEpochDay());
      double cashBefore = entry == 0 ? startingCash : m.cash(entry - 1);
      assertThat(m.cash(exit) - cashBefore).isCloseTo(t.pnl(), within(1e-12));
      assertThat(m.qty(exit)).isZero();
      assertThat(m.qty(entry)).isEqualTo(t.qty());
    }
    for (PositionRow row : r.positionRows()) {
      assertThat(row.positionValue()).isEqualTo(row.qty() * row.close());
      assertThat(row.qty()).isPositive();
    }
    for (int k = 0; k < r.bars(); k++) {
      double sum = 0;
      int held = 0;
      for (SleeveMarks m : r.sleeves()) {
        int j = lastOnOrBefore(m, r.epochDays()[k]);
        sum += j < 0 ? startingCash : m.equity(j);
        held += j >= 0 && m.qty(j) > 0 ? 1 : 0;
      }
      assertThat(r.equity()[k]).isEqualTo(sum);
      assertThat(r.heldCount()[k]).isEqualTo(held);
    }
    assertThat(r.trades()).hasSize(r.tradeCount());
  }

  @Property(tries = 200)
  void withoutCostsOrSignalsTheCurveStaysExactlyAtTheInitialCapital(@ForAll("scenarios") Scenario s) {
    List<SymbolInput> silent = s.symbols().stream()
        .map(in -> new SymbolInput(in.bars(), new boolean[in.bars().size()], new boolean[in.bars().size()]))
        .toList();
    BacktestResult r = BacktestEngine.run(silent, s.window(), s.lag(), CostModel.ZERO, s.timing());
    for (int k = 0; k < r.bars(); k++) {
      assertThat(r.equity()[k]).isEqualTo(1.0);
      assertThat(r.turnover()[k]).isZero();
    }
    assertThat(r.trades()).isEmpty();
  }

  /**
   * Without a minimum fee. With one, 02 §4 sizes the buy by {@code c} but charges the min fee, so a higher {@code c}
   * shrinks a position without raising its fee — see
   * {@link BacktestEngineTest#withABindingMinimumFeeDoublingCommissionCanRaiseTheReturnOfALosingTrade}.
   */
  @Property(tries = 300)
  void doublingCostsNeverRaisesTheTotalReturn(@ForAll("scenarios") Scenario scenario) {
    CostModel given = scenario.costs();
    CostModel c = new CostModel(given.commissionBps(), given.slippageBps(), given.taxBps(), 0.0);
    Scenario s = new Scenario(scenario.symbols(), scenario.window(), scenario.lag(), c, scenario.timing());
    CostModel doubled = new CostModel(2 * c.commissionBps(), 2 * c.slippageBps(), 2 * c.taxBps(), 0.0);
    double base = BacktestEngine.totalReturn(s.symbols(), s.window(), s.lag(), c, s.timing());
    assertThat(BacktestEngine.totalReturn(s.symbols(), s.window(), s.lag(), doubled, s.timing()))
        .isLessThanOrEqualTo(base);
    assertThat(BacktestEngine.totalReturn(s.symbols(), s.window(), s.lag(), c.withCommissionAndSlippageDoubled(),
        s.timing())).isLessThanOrEqualTo(base);
  }

  @Property(tries = 200)
  void sameInputsGiveIdenticalResultsOnEveryPath(@ForAll("scenarios") Scenario s) {
    BacktestResult a = run(s, s.costs(), Recording.FULL);
    BacktestResult b = run(s, s.costs(), Recording.FULL);
    BacktestResult curve = run(s, s.costs(), Recording.CURVE_ONLY);
    assertThat(b.epochDays()).isEqualTo(a.epochDays());
    assertThat(b.equity()).isEqualTo(a.equity());
    assertThat(b.turnover()).isEqualTo(a.turnover());
    assertThat(b.grossExposure()).isEqualTo(a.grossExposure());
    assertThat(b.trades()).isEqualTo(a.trades());
    assertThat(a.trades()).isSortedAccordingTo(
        Comparator.comparing(Trade::exitDate).thenComparing(Trade::symbol));
    assertThat(b.positionRows()).isEqualTo(a.positionRows());
    assertThat(curve.equity()).isEqualTo(a.equity());
    assertThat(curve.turnover()).isEqualTo(a.turnover());
    assertThat(BacktestEngine.totalReturn(s.symbols(), s.window(), s.lag(), s.costs(), s.timing()))
        .isEqualTo(a.totalReturn());
    if (a.bars() > 0) {
      assertThat(Metrics.of(b)).isEqualTo(Metrics.of(a));
    }
  }

  private static int lastOnOrBefore(SleeveMarks m, int day) {
    int j = -1;
    while (j + 1 < m.size() && m.epochDay(j + 1) <= day) {
      j++;
    }
    return j;
  }
}
