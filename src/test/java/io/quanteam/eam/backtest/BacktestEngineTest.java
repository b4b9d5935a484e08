package io.quanteam.eam.backtest;

import static io.quanteam.eam.backtest.Bars.at;
import static io.quanteam.eam.backtest.Bars.d;
import static io.quanteam.eam.backtest.Bars.daily;
import static io.quanteam.eam.backtest.Bars.window;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class BacktestEngineTest {
  private static final Offset<Double> EPS = within(1e-12);

  @Test
  void oneSymbolFourBarsWithCostsEveryNumberByHand() {
    // Bars 02-29 (warm-up), 03-01..03-04 (segment). open = 10,10,12,13,15; close = 10,11,12,14,16.
    // Raw entry on the warm-up bar, raw exit on 03-02; lag 1 → buy 03-01 open, sell 03-03 open.
    // c = 0.001, s = 0.002, x = 0.003, min fee 0. N = 1 → cash 1.
    SymbolInput x = new SymbolInput(daily("X", "2024-02-29", d(10, 10, 12, 13, 15), d(10, 11, 12, 14, 16)),
        at(5, 0), at(5, 2));
    BacktestResult r = BacktestEngine.run(List.of(x), window("2024-03-01", "2024-03-04"), 1,
        new CostModel(10, 20, 30, 0), FillTiming.NEXT_OPEN);

    // Buy 03-01: p = 10·1.002 = 10.02; qty = 1/(10.02·1.001) = 1/10.03002 = 0.09970069850309371;
    // qty·p = 1/1.001 = 0.999000999000999; fee = qty·p·c = 0.000999000999000999; cash = 1 − 1/1.001 − 0.001/1.001 = 0.
    // Marks: 03-01: qty·11 = 11/10.03002 = 1.0967076835340308; 03-02: 12/10.03002 = 1.1964083820371245.
    // Sell 03-03: p = 13·0.998 = 12.974; proceeds = 12.974/10.03002 = 1.2935168623791378;
    // fee = proceeds·(0.001 + 0.003) = 0.005174067449516552; cash = proceeds·0.996 = 1.2883427949296213 = marks 03-03, 03-04.
    assertThat(r.epochDays()).containsExactly(day("2024-03-01"), day("2024-03-02"), day("2024-03-03"),
        day("2024-03-04"));
    assertThat(r.equity()[0]).isCloseTo(1.0967076835340308, EPS);
    assertThat(r.equity()[1]).isCloseTo(1.1964083820371245, EPS);
    assertThat(r.equity()[2]).isCloseTo(1.2883427949296213, EPS);
    assertThat(r.equity()[3]).isCloseTo(1.2883427949296213, EPS);
    SleeveMarks m = r.sleeves().get(0);
    assertThat(m.qty(0)).isCloseTo(0.09970069850309371, EPS);
    assertThat(m.cash(0)).isCloseTo(0.0, EPS);
    assertThat(m.qty(2)).isZero();
    // Turnover: 03-01 = qty·p / C0 = 0.999000999000999; 03-03 = proceeds / E(03-02) = 12.974/12 = 1.0811666666666666.
    assertThat(r.turnover()[0]).isCloseTo(0.999000999000999, EPS);
    assertThat(r.turnover()[1]).isZero();
    assertThat(r.turnover()[2]).isCloseTo(1.0811666666666666, EPS);
    assertThat(r.turnover()[3]).isZero();
    assertThat(r.heldCount()).containsExactly(1, 1, 0, 0);
    // Gross exposure 03-01: qty·11 / E = 1 (cash is 0).
    assertThat(r.grossExposure()[0]).isCloseTo(1.0, EPS);
    assertThat(r.grossExposure()[2]).isZero();

    // Trade: pnl = qty·(12.974 − 10.02) − 0.000999000999000999 − 0.005174067449516552 = 0.2883427949296213;
    // return = pnl / (qty·10.02 + entry fee) = pnl / 1; fees = 0.006173068448517551.
    assertThat(r.trades()).hasSize(1);
    Trade t = r.trades().get(0);
    assertThat(t.symbol()).isEqualTo("X");
    assertThat(t.entryDate()).isEqualTo(LocalDate.parse("2024-03-01"));
    assertThat(t.exitDate()).isEqualTo(LocalDate.parse("2024-03-03"));
    assertThat(t.entryPrice()).isCloseTo(10.02, EPS);
    assertThat(t.exitPrice()).isCloseTo(12.974, EPS);
    assertThat(t.qty()).isCloseTo(0.09970069850309371, EPS);
    assertThat(t.fees()).isCloseTo(0.006173068448517551, EPS);
    assertThat(t.pnl()).isCloseTo(0.2883427949296213, EPS);
    assertThat(t.ret()).isCloseTo(0.2883427949296213, EPS);
    assertThat(r.tradeCount()).isEqualTo(1);
    assertThat(r.openPositions()).isZero();
    assertThat(r.totalReturn()).isCloseTo(0.2883427949296213, EPS);
  }

  @Test
  void twoSymbolsSplitTheCapitalEqually() {
    // A buys 0.5/10 = 0.05 at the 01-02 open; marks 0.5, 0.05·12, 0.05·15. B never trades: 0.5 throughout.
    SymbolInput a = new SymbolInput(daily("A", "2024-01-01", d(10, 10, 10), d(10, 12, 15)), at(3, 0), at(3));
    SymbolInput b = new SymbolInput(daily("B", "2024-01-01", d(7, 8, 9), d(7, 8, 9)), at(3), at(3));
    BacktestResult r = BacktestEngine.run(List.of(a, b), window("2024-01-01", "2024-01-03"), 1, CostModel.ZERO,
        FillTiming.NEXT_OPEN);
    assertThat(r.equity()).containsExactly(1.0, 1.1, 1.25);
    assertThat(r.turnover()).containsExactly(0.0, 0.5, 0.0);
    assertThat(r.heldCount()).containsExactly(0, 1, 1);
    assertThat(r.grossExposure()[1]).isCloseTo(0.6 / 1.1, EPS);
    assertThat(r.grossExposure()[2]).isCloseTo(0.6, EPS);
    SleeveMarks b0 = r.sleeves().get(1);
    assertThat(List.of(b0.equity(0), b0.equity(1), b0.equity(2))).containsOnly(0.5);
    assertThat(r.openPositions()).isEqualTo(1);
  }

  @Test
  void nextOpenFillsAtTheOpenAndCloseFillsAtTheClose() {
    SymbolInput x = new SymbolInput(daily("X", "2024-01-01", d(10, 20, 30), d(11, 22, 33)), at(3, 0), at(3));
    SegmentWindow w = window("2024-01-01", "2024-01-03");
    // next_open: qty = 1/20; marks 1, 22/20, 33/20.
    double[] nextOpen = BacktestEngine.run(List.of(x), w, 1, CostModel.ZERO, FillTiming.NEXT_OPEN).equity();
    assertThat(nextOpen[0]).isEqualTo(1.0);
    assertThat(nextOpen[1]).isCloseTo(1.1, EPS);
    assertThat(nextOpen[2]).isCloseTo(1.65, EPS);
    // close: qty = 1/22; marks 1, 1, 33/22.
    double[] close = BacktestEngine.run(List.of(x), w, 1, CostModel.ZERO, FillTiming.CLOSE).equity();
    assertThat(close[0]).isEqualTo(1.0);
    assertThat(close[1]).isCloseTo(1.0, EPS);
    assertThat(close[2]).isCloseTo(1.5, EPS);
  }

  @Test
  void lagDelaysTheFillByThatManyBars() {
    SymbolInput x = new SymbolInput(daily("X", "2024-01-01", d(10, 20, 40, 80), d(10, 20, 40, 80)), at(4, 0),
        at(4));
    SegmentWindow w = window("2024-01-01", "2024-01-04");
    BacktestResult lag1 = BacktestEngine.run(List.of(x), w, 1, CostModel.ZERO, FillTiming.NEXT_OPEN);
    BacktestResult lag2 = BacktestEngine.run(List.of(x), w, 2, CostModel.ZERO, FillTiming.NEXT_OPEN);
    // Lag 1 buys at 20 → 80/20 = 4; lag 2 buys at 40 → 80/40 = 2.
    assertThat(lag1.heldCount()).containsExactly(0, 1, 1, 1);
    assertThat(lag2.heldCount()).containsExactly(0, 0, 1, 1);
    assertThat(lag1.totalReturn()).isEqualTo(3.0);
    assertThat(lag2.totalReturn()).isEqualTo(1.0);
  }

  @Test
  void aSignalInTheWarmUpHistoryEntersAtTheFirstSegmentBar() {
    double[] open = d(5, 6, 10, 11, 12);
    SymbolInput withWarmUp = new SymbolInput(daily("X", "2024-01-01", open, open), at(5, 0), at(5));
    BacktestResult r = BacktestEngine.run(List.of(withWarmUp), window("2024-01-03", "2024-01-05"), 2,
        CostModel.ZERO, FillTiming.NEXT_OPEN);
    // Raw entry on 01-01, lag 2 → buy at the 01-03 open (10), the segment's first bar; 12/10 at the end.
    assertThat(r.heldCount()).containsExactly(1, 1, 1);
    assertThat(r.turnover()[0]).isEqualTo(1.0);
    assertThat(r.totalReturn()).isCloseTo(0.2, EPS);
  }

  @Test
  void exitThenReEntryAndNeverBothOnOneBar() {
    // entry raw at 0,1,2; exit raw at 1,2; lag 1. 01-02 buy at 10 (qty 0.1); 01-03 long with exit[1] → sell at 20
    // (cash 2), entry[1] is ignored on that bar; 01-04 flat with entry[2] → buy at 25 (qty 0.08), exit[2] ignored.
    double[] open = d(10, 10, 20, 25, 30, 40);
    SymbolInput x = new SymbolInput(daily("X", "2024-01-01", open, open), at(6, 0, 1, 2), at(6, 1, 2));
    BacktestResult r = BacktestEngine.run(List.of(x), window("2024-01-01", "2024-01-06"), 1, CostModel.ZERO,
        FillTiming.NEXT_OPEN);
    assertThat(r.equity()).containsExactly(1.0, 1.0, 2.0, 2.0, 2.4, 3.2);
    assertThat(r.heldCount()).containsExactly(0, 1, 0, 1, 1, 1);
    assertThat(r.turnover()).containsExactly(0.0, 1.0, 2.0, 1.0, 0.0, 0.0);
    assertThat(r.trades()).singleElement().satisfies(t -> {
      assertThat(t.entryDate()).isEqualTo(LocalDate.parse("2024-01-02"));
      assertThat(t.exitDate()).isEqualTo(LocalDate.parse("2024-01-03"));
      assertThat(t.pnl()).isEqualTo(1.0);
      assertThat(t.ret()).isEqualTo(1.0);
    });
    assertThat(r.openPositions()).isEqualTo(1);
  }

  @Test
  void minimumFeeBindsOnBothSides() {
    // c = 0.0001, min fee 0.01. Buy at 10: qty = 1/10.001 = 0.0999900009999; commission 0.00009999 < 0.01 → fee 0.01;
    // cash = 1 − 1/1.0001 − 0.01 = −0.0099000099990001 (negative: the min fee exceeds what was set aside);
    // mark = 1 − 0.01 = 0.99. Sell at 12: proceeds = 12/10.001 = 1.1998800119988, fee 0.01,
    // cash = 1.1799800019998; pnl = 2·qty − 0.02 = 0.17998000199980002; ret = pnl/(qty·10 + 0.01) = 0.17821566513300482.
    double[] open = d(10, 10, 12);
    SymbolInput x = new SymbolInput(daily("X", "2024-01-01", open, open), at(3, 0), at(3, 1));
    BacktestResult r = BacktestEngine.run(List.of(x), window("2024-01-01", "2024-01-03"), 1,
        new CostModel(1, 0, 0, 0.01), FillTiming.NEXT_OPEN);
    assertThat(r.sleeves().get(0).cash(1)).isCloseTo(-0.0099000099990001, EPS);
    assertThat(r.equity()[1]).isCloseTo(0.99, EPS);
    assertThat(r.equity()[2]).isCloseTo(1.1799800019998, EPS);
    Trade t = r.trades().get(0);
    assertThat(t.fees()).isCloseTo(0.02, EPS);
    assertThat(t.pnl()).isCloseTo(0.17998000199980002, EPS);
    assertThat(t.ret()).isCloseTo(0.17821566513300482, EPS);
  }

  @Test
  void withABindingMinimumFeeDoublingCommissionCanRaiseTheReturnOfALosingTrade() {
    // 02 §4 sets aside c when sizing (qty = cash/(p·(1+c))) but charges max(qty·p·c, min_fee). When the min fee binds,
    // a larger c only shrinks the position: buy at 100, mark at 90, min fee 0.01 →
    // equity = 1 − 0.01 + (0.9 − 1)/(1+c): c = 1 bp → 0.8900099990000999..., c = 2 bp → 0.8900199960007998...
    double[] open = d(100, 100, 100);
    double[] close = d(100, 90, 90);
    SymbolInput x = new SymbolInput(daily("X", "2024-01-01", open, close), at(3, 0), at(3));
    BacktestResult once = BacktestEngine.run(List.of(x), window("2024-01-01", "2024-01-02"), 1,
        new CostModel(1, 0, 0, 0.01), FillTiming.NEXT_OPEN);
    BacktestResult doubled = BacktestEngine.run(List.of(x), window("2024-01-01", "2024-01-02"), 1,
        new CostModel(2, 0, 0, 0.01), FillTiming.NEXT_OPEN);
    assertThat(once.equity()[1]).isCloseTo(0.99 - 0.1 / 1.0001, EPS);
    assertThat(doubled.equity()[1]).isCloseTo(0.99 - 0.1 / 1.0002, EPS);
    assertThat(doubled.totalReturn()).isGreaterThan(once.totalReturn());
  }

  @Test
  void taxIsChargedOnSellsOnly() {
    // x = 0.005 only. Buy 0.1 at 10, fee max(0, 0) = 0, cash 0. Sell at 12: proceeds 1.2, fee 0.006, cash 1.194.
    double[] open = d(10, 10, 12);
    SymbolInput x = new SymbolInput(daily("X", "2024-01-01", open, open), at(3, 0), at(3, 1));
    BacktestResult r = BacktestEngine.run(List.of(x), window("2024-01-01", "2024-01-03"), 1,
        new CostModel(0, 0, 50, 0), FillTiming.NEXT_OPEN);
    assertThat(r.sleeves().get(0).cash(1)).isZero();
    assertThat(r.equity()[1]).isEqualTo(1.0);
    assertThat(r.equity()[2]).isCloseTo(1.194, EPS);
    assertThat(r.trades().get(0).fees()).isCloseTo(0.006, EPS);
    assertThat(r.trades().get(0).pnl()).isCloseTo(0.194, EPS);
  }

  @Test
  void aPositionOpenAtTheEndIsCountedButIsNotATrade() {
    double[] open = d(10, 10, 12);
    SymbolInput x = new SymbolInput(daily("X", "2024-01-01", open, open), at(3, 0), at(3));
    BacktestResult r = BacktestEngine.run(List.of(x), window("2024-01-01", "2024-01-03"), 1, CostModel.ZERO,
        FillTiming.NEXT_OPEN);
    assertThat(r.trades()).isEmpty();
    assertThat(r.tradeCount()).isZero();
    assertThat(r.openPositions()).isEqualTo(1);
    SegmentMetrics m = Metrics.of(r);
    assertThat(m.tradeCount()).isZero();
    assertThat(m.openPositions()).isEqualTo(1);
    assertThat(m.winRate()).isNull();
  }

  @Test
  void aSymbolWithoutABarYetCountsItsStartingCashAndGapsCarryTheLastMark() {
    // A: bars 01-02, 01-03; raw entry 01-02 → buys 0.05 at the 01-03 open 10; marks 0.5, 0.05·30 = 1.5.
    // B: warm-up 12-31 with raw entry → buys 0.05 at the 01-01 open 10; marks 01-01 0.6, (no bar 01-02), 01-03 0.8.
    // E: 01-01 = 0.5 (A's cash) + 0.6; 01-02 = 0.5 + 0.6 (B carried); 01-03 = 1.5 + 0.8.
    SymbolInput a = new SymbolInput(Bars.on("A", new String[] {"2024-01-02", "2024-01-03"}, d(10, 10), d(20, 30)),
        at(2, 0), at(2));
    SymbolInput b = new SymbolInput(Bars.on("B", new String[] {"2023-12-31", "2024-01-01", "2024-01-03"},
        d(9, 10, 10), d(9, 12, 16)), at(3, 0), at(3));
    BacktestResult r = BacktestEngine.run(List.of(a, b), window("2024-01-01", "2024-01-03"), 1, CostModel.ZERO,
        FillTiming.NEXT_OPEN);
    assertThat(r.epochDays()).containsExactly(day("2024-01-01"), day("2024-01-02"), day("2024-01-03"));
    assertThat(r.equity()[0]).isCloseTo(1.1, EPS);
    assertThat(r.equity()[1]).isCloseTo(1.1, EPS);
    assertThat(r.equity()[2]).isCloseTo(2.3, EPS);
    assertThat(r.heldCount()).containsExactly(1, 1, 2);
    assertThat(r.turnover()[0]).isCloseTo(0.5, EPS);
    assertThat(r.turnover()[2]).isCloseTo(0.5 / 1.1, EPS);
    // Position rows: held positions on their own bar dates only, by date then symbol.
    assertThat(r.positionRows()).extracting(p -> p.dt() + " " + p.symbol())
        .containsExactly("2024-01-01 B", "2024-01-03 A", "2024-01-03 B");
    PositionRow row = r.positionRows().get(1);
    assertThat(row.qty()).isCloseTo(0.05, EPS);
    assertThat(row.close()).isEqualTo(30.0);
    assertThat(row.positionValue()).isCloseTo(1.5, EPS);
    assertThat(row.equity()).isCloseTo(1.5, EPS);
  }

  @Test
  void curveOnlyAndTotalReturnAgreeBitForBitWithTheFullRun() {
    SymbolInput a = new SymbolInput(daily("A", "2024-01-01", d(10, 11, 9, 12, 13), d(10.5, 10, 9.5, 12.5, 12)),
        at(5, 0, 3), at(5, 2));
    SymbolInput b = new SymbolInput(Bars.on("B", new String[] {"2024-01-02", "2024-01-04"}, d(5, 6), d(5.5, 7)),
        at(2, 0), at(2));
    SegmentWindow w = window("2024-01-02", "2024-01-05");
    CostModel costs = new CostModel(3, 5, 10, 0.001);
    BacktestResult full = BacktestEngine.run(List.of(a, b), w, 1, costs, FillTiming.NEXT_OPEN);
    BacktestResult curve = BacktestEngine.run(List.of(a, b), w, 1, costs, FillTiming.NEXT_OPEN,
        Recording.CURVE_ONLY);
    assertThat(curve.equity()).isEqualTo(full.equity());
    assertThat(curve.turnover()).isEqualTo(full.turnover());
    assertThat(curve.trades()).isEmpty();
    assertThat(curve.tradeCount()).isEqualTo(full.tradeCount()).isEqualTo(1);
    // A: buy 01-02, sell 01-04, buy again 01-05; B: buy 01-04 → one closed trade, two open positions.
    assertThat(curve.openPositions()).isEqualTo(full.openPositions()).isEqualTo(2);
    assertThat(BacktestEngine.totalReturn(List.of(a, b), w, 1, costs, FillTiming.NEXT_OPEN))
        .isEqualTo(full.totalReturn());
    assertThatThrownBy(() -> Metrics.of(curve)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void tinyDemoBuyAndHoldMatchesTheClosedForm() {
    // AAA (i = 0), BBB (i = 1), 2024-01-01..10, d = 0..9: open = 100 + 10i + 0.1d, close = open + 0.5.
    // Lag 1, entry always, exit never: each sleeve buys at the 01-02 open (d = 1) with cash 1/2:
    // qty_i = 0.5 / ((100.1 + 10i)·1.0002·1.0001), cash ≈ 0, final mark = qty_i·(101.4 + 10i) (d = 9). Hence
    // total_return = Σ_i 0.5·(101.4 + 10i) / ((100.1 + 10i)·1.0002·1.0001) − 1 = 0.01209358206439065.
    List<SymbolInput> demo = List.of(demoSymbol("AAA", 0), demoSymbol("BBB", 1));
    BacktestResult r = BacktestEngine.run(demo, window("2024-01-01", "2024-01-10"), 1, new CostModel(1, 2, 0, 0),
        FillTiming.NEXT_OPEN);
    double closedForm = 0.5 * 101.4 / (100.1 * 1.0002 * 1.0001) + 0.5 * 111.4 / (110.1 * 1.0002 * 1.0001) - 1;
    assertThat(r.totalReturn()).isCloseTo(closedForm, EPS).isCloseTo(0.01209358206439065, EPS);
    assertThat(r.bars()).isEqualTo(10);
    assertThat(r.heldCount()).containsExactly(0, 2, 2, 2, 2, 2, 2, 2, 2, 2);
    assertThat(r.openPositions()).isEqualTo(2);
    assertThat(r.trades()).isEmpty();
  }

  @Test
  void refusesLagBelowOneAndMisalignedSignals() {
    SymbolInput x = new SymbolInput(daily("X", "2024-01-01", d(10, 11), d(10, 11)), at(2), at(2));
    assertThatThrownBy(() -> BacktestEngine.run(List.of(x), window("2024-01-01", "2024-01-02"), 0,
        CostModel.ZERO, FillTiming.NEXT_OPEN)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("lag_bars");
    assertThatThrownBy(() -> new SymbolInput(x.bars(), at(1), at(2)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> BacktestEngine.run(List.of(x, x), window("2024-01-01", "2024-01-02"), 1,
        CostModel.ZERO, FillTiming.NEXT_OPEN)).hasMessageContaining("twice");
  }

  @Test
  void aSegmentWithoutBarsHasAnEmptyCurveAndNoMetrics() {
    SymbolInput x = new SymbolInput(daily("X", "2024-01-01", d(10, 11), d(10, 11)), at(2, 0), at(2));
    BacktestResult r = BacktestEngine.run(List.of(x), window("2024-02-01", "2024-02-05"), 1, CostModel.ZERO,
        FillTiming.NEXT_OPEN);
    assertThat(r.bars()).isZero();
    assertThatThrownBy(() -> Metrics.of(r)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no bars");
  }

  private static SymbolInput demoSymbol(String symbol, int i) {
    double[] open = new double[10];
    double[] close = new double[10];
    for (int day = 0; day < 10; day++) {
      open[day] = 100 + 10 * i + 0.1 * day;
      close[day] = open[day] + 0.5;
    }
    boolean[] always = new boolean[10];
    java.util.Arrays.fill(always, true);
    return new SymbolInput(daily(symbol, "2024-01-01", open, close), always, new boolean[10]);
  }

  private static int day(String iso) {
    return Math.toIntExact(LocalDate.parse(iso).toEpochDay());
  }
}
