package io.quanteam.eam.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.quanteam.eam.json.CanonicalJson;
import java.time.LocalDate;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class MetricsTest {
  private static final Offset<Double> EPS = within(1e-12);
  private static final SegmentWindow W = Bars.window("2024-01-01", "2024-01-05");

  @Test
  void handMadeCurveMatchesHandComputedValues() {
    // E0 = 1, E = 0.9, 1.08, 1.026, 1.1286, 0.90288 → r = −0.1, 0.2, −0.05, 0.1, −0.2 (n = 5).
    // mean = −0.01; deviations −0.09, 0.21, −0.04, 0.11, −0.19; Σdev² = 0.102 → std = √(0.102/4) = √0.0255.
    // sr = −0.01/√0.0255 = −0.062622429108514949; sharpe = sr·√252 = −0.99410024349541684; ann_vol = √0.0255·√252.
    // sortino: Σmin(r,0)² = 0.01 + 0.0025 + 0.04 = 0.0525, /5 = 0.0105 → −0.01/√0.0105·√252 = −1.5491933384829668.
    // max_drawdown: peaks 1, 1, 1.08, 1.08, 1.1286, 1.1286 → worst 0.90288/1.1286 − 1 = −0.2.
    // cagr = 0.90288^(252/5) − 1 = −0.99419564910282539; calmar = cagr/0.2 = −4.9709782455141269.
    // m2 = 0.102/5 = 0.0204; m3 = (−0.000729 + 0.009261 − 0.000064 + 0.001331 − 0.006859)/5 = 0.000588;
    // m4 = (0.00006561 + 0.00194481 + 0.00000256 + 0.00014641 + 0.00130321)/5 = 0.00069252;
    // skew = 0.000588/0.0204^1.5 = 0.20180507093344847; kurtosis = 0.00069252/0.0204² = 1.6640715109573241.
    double[] equity = {0.9, 1.08, 1.026, 1.1286, 0.90288};
    double[] turnover = {0.5, 0, 0, 1.0, 0};
    int[] held = {1, 1, 0, 0, 2};
    List<Trade> trades = List.of(trade(0.1), trade(-0.05), trade(0.2), trade(0.0));
    SegmentMetrics m = Metrics.compute(W, 1, equity, turnover, held, trades, 2);

    assertThat(m.bars()).isEqualTo(5);
    assertThat(m.totalReturn()).isCloseTo(-0.09712, EPS);
    assertThat(m.sr()).isCloseTo(-0.062622429108514949, EPS);
    assertThat(m.sharpe()).isCloseTo(-0.99410024349541684, EPS);
    assertThat(m.annVol()).isCloseTo(2.5349556209133130, EPS);
    assertThat(m.sortino()).isCloseTo(-1.5491933384829668, EPS);
    assertThat(m.maxDrawdown()).isCloseTo(-0.2, EPS);
    assertThat(m.cagr()).isCloseTo(-0.99419564910282539, EPS);
    assertThat(m.calmar()).isCloseTo(-4.9709782455141269, EPS);
    assertThat(m.skew()).isCloseTo(0.20180507093344847, EPS);
    assertThat(m.kurtosis()).isCloseTo(1.6640715109573241, EPS);
    // Trades: pnl 0.1, −0.05, 0.2, 0 → 2 winners of 4; profit factor 0.3/0.05 = 6 (the 0-pnl trade is neither).
    assertThat(m.tradeCount()).isEqualTo(4);
    assertThat(m.winRate()).isEqualTo(0.5);
    assertThat(m.profitFactor()).isCloseTo(6.0, EPS);
    // Exposure: 3 of 5 bars held; turnover mean 1.5/5, max 1.
    assertThat(m.exposure()).isCloseTo(0.6, EPS);
    assertThat(m.avgTurnover()).isCloseTo(0.3, EPS);
    assertThat(m.maxTurnover()).isEqualTo(1.0);
    assertThat(m.openPositions()).isEqualTo(2);
  }

  @Test
  void maxDrawdownIncludesTheInitialCapital() {
    // E0 = 1, E = 0.9, 0.95: without E0 the drawdown would be 0; with it, 0.9/1 − 1 = −0.1.
    SegmentMetrics m = Metrics.compute(W, 1, new double[] {0.9, 0.95}, new double[2], new int[2], List.of(), 0);
    assertThat(m.maxDrawdown()).isCloseTo(-0.1, EPS);
    // cagr = 0.95^(252/2) − 1 = −0.99843982158057039; calmar = cagr / 0.1 = −9.9843982158057039.
    assertThat(m.cagr()).isCloseTo(-0.99843982158057039, EPS);
    assertThat(m.calmar()).isCloseTo(-9.9843982158057039, within(1e-11));
  }

  @Test
  void aFlatCurveLeavesTheRatiosUndefined() {
    SegmentMetrics m = Metrics.compute(W, 1, new double[] {1, 1, 1}, new double[3], new int[3], List.of(), 0);
    assertThat(m.totalReturn()).isZero();
    assertThat(m.annVol()).isZero();
    assertThat(m.sharpe()).isNull();
    assertThat(m.sr()).isNull();
    assertThat(m.sortino()).isNull();
    assertThat(m.calmar()).isNull();
    assertThat(m.skew()).isNull();
    assertThat(m.kurtosis()).isNull();
    assertThat(m.winRate()).isNull();
    assertThat(m.profitFactor()).isNull();
    assertThat(m.maxDrawdown()).isZero();
    assertThat(m.cagr()).isZero();
    assertThat(m.exposure()).isZero();
  }

  @Test
  void noLosingTradeLeavesProfitFactorUndefinedAndOneBarHasNoSharpe() {
    SegmentMetrics m = Metrics.compute(W, 1, new double[] {1.1}, new double[1], new int[] {1},
        List.of(trade(0.1), trade(0.05)), 0);
    assertThat(m.profitFactor()).isNull();
    assertThat(m.winRate()).isEqualTo(1.0);
    assertThat(m.sharpe()).isNull();
    assertThat(m.annVol()).isNull();
    assertThat(m.sortino()).isNull();
    // One bar: m2 = 0 → skew and kurtosis undefined; cagr = 1.1^252 − 1 = 26974702266.758008 (the
    // double nearest 1.1 raised to the 252nd power differs by ~2e-14 relative, hence the 1e-3 tolerance).
    assertThat(m.skew()).isNull();
    assertThat(m.cagr()).isCloseTo(26974702266.758008, within(1e-3));
  }

  @Test
  void jsonHasSnakeCaseKeysAndNullsForUndefinedValues() {
    SegmentMetrics m = Metrics.compute(W, 2, new double[] {1, 1}, new double[2], new int[2], List.of(), 0);
    JsonNode json = m.toJson();
    assertThat(json.get("sharpe").isNull()).isTrue();
    assertThat(json.get("profit_factor").isNull()).isTrue();
    assertThat(json.get("total_return").doubleValue()).isZero();
    assertThat(json.get("lag_bars").intValue()).isEqualTo(2);
    assertThat(json.get("segment_id").textValue()).isEqualTo("test_000");
    assertThat(json.get("start").textValue()).isEqualTo("2024-01-01");
    assertThat(json.get("bars").intValue()).isEqualTo(2);
    assertThat(CanonicalJson.pretty(json)).contains("\"ann_vol\": 0.0", "\"max_drawdown\": 0.0",
        "\"open_positions\": 0", "\"avg_turnover\"", "\"max_turnover\"", "\"exposure\"", "\"cagr\"",
        "\"calmar\": null", "\"sortino\": null", "\"sr\": null", "\"skew\": null", "\"kurtosis\": null",
        "\"trade_count\": 0", "\"win_rate\": null", "\"end\": \"2024-01-05\"");
  }

  @Test
  void aNegativeFinalEquityHasNoCagr() {
    SegmentMetrics m = Metrics.compute(W, 1, new double[] {0.5, -0.1}, new double[2], new int[2], List.of(), 0);
    assertThat(m.cagr()).isNull();
    assertThat(m.calmar()).isNull();
    assertThat(m.toJson().get("cagr").isNull()).isTrue();
  }

  private static Trade trade(double pnl) {
    LocalDate day = LocalDate.parse("2024-01-02");
    return new Trade("X", day, 1, day, 1, 1, 0, pnl, pnl);
  }
}
