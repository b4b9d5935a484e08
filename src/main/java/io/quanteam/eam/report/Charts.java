package io.quanteam.eam.report;

import io.quanteam.eam.backtest.FillTiming;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Equity and drawdown charts of the test_overall curve. Drawdown is {@code E[t]/max(C0, E[0..t]) − 1} with
 * the initial capital C0 = 1 included, as {@code max_drawdown} is defined (02 §7). Walk-forward test segments
 * are shown as alternating shaded bands on the equity chart, and the buy-and-hold benchmark, when there is one, as
 * a grey dashed line with a legend.
 */
final class Charts {
  private static final double INITIAL_CAPITAL = 1.0;
  private static final int EQUITY_HEIGHT = 300;
  private static final int DRAWDOWN_HEIGHT = 220;
  private static final double MIN_DRAWDOWN_DEPTH = -0.01;
  private static final String STRATEGY_STROKE = "#1f5fbf";
  private static final String BENCHMARK_STROKE = "#5b6270";
  private static final String BENCHMARK_DASH = "7 4";

  private Charts() {}

  static ChartSection of(List<CurvePoint> curve, List<SegmentInfo> segments, BenchmarkOutcome benchmark) {
    if (curve.isEmpty()) {
      return new ChartSection("", "", false, "The curve is empty: nothing to chart.", "");
    }
    int n = curve.size();
    long[] days = new long[n];
    double[] equity = new double[n];
    double[] drawdown = new double[n];
    double peak = INITIAL_CAPITAL;
    int deepest = 0;
    int high = 0;
    int low = 0;
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      days[i] = curve.get(i).dt().toEpochDay();
      equity[i] = curve.get(i).equity();
      if (equity[i] > peak) {
        peak = equity[i];
      }
      drawdown[i] = equity[i] / peak - 1;
      deepest = drawdown[i] < drawdown[deepest] ? i : deepest;
      high = equity[i] > equity[high] ? i : high;
      low = equity[i] < equity[low] ? i : low;
      lo = Math.min(lo, equity[i]);
      hi = Math.max(hi, equity[i]);
    }
    LocalDate first = curve.get(0).dt();
    LocalDate last = curve.get(n - 1).dt();
    List<Tick> xTicks = TimeAxis.ticks(first, last);
    double[] bench = benchmark.line().map(b -> values(b, curve)).orElse(null);
    for (int i = 0; bench != null && i < n; i++) {
      lo = Math.min(lo, bench[i]);
      hi = Math.max(hi, bench[i]);
    }
    ValueAxis equityAxis = ValueAxis.of(Math.min(lo, INITIAL_CAPITAL), Math.max(hi, INITIAL_CAPITAL), ValueAxis::plain);
    // at least 1% deep, so a flat or nearly flat curve does not blow noise up to full height
    ValueAxis drawdownAxis = ValueAxis.of(Math.min(MIN_DRAWDOWN_DEPTH, drawdown[deepest]), 0, ValueAxis::percent);
    List<SvgChart.Band> bands = bands(segments);
    String equityTitle = "Equity, test_overall, " + first + " to " + last;
    SvgChart.Style equityStyle = new SvgChart.Style(STRATEGY_STROKE, null, INITIAL_CAPITAL);
    String strategyReturn = DisplayNumbers.percent(equity[n - 1] / INITIAL_CAPITAL - 1);
    String equitySvg;
    String benchmarkText;
    if (bench == null) {
      equitySvg = SvgChart.render(equityTitle, "Equity (initial capital = 1)", EQUITY_HEIGHT, days, equity, equityAxis,
          xTicks, equityStyle, bands);
      benchmarkText = "No buy-and-hold benchmark: " + benchmark.withheldReason() + ".";
    } else {
      BuyAndHoldBenchmark b = benchmark.line().get();
      String benchReturn = DisplayNumbers.percent(b.totalReturn());
      List<SvgChart.LegendEntry> legend = List.of(
          new SvgChart.LegendEntry("strategy: " + strategyReturn, STRATEGY_STROKE, null),
          new SvgChart.LegendEntry("buy & hold, equal weight, " + b.symbols() + " symbols, no fees: " + benchReturn,
              BENCHMARK_STROKE, BENCHMARK_DASH));
      equitySvg = SvgChart.render(equityTitle + ", with buy & hold", "Equity (initial capital = 1)",
          EQUITY_HEIGHT + SvgChart.LEGEND_ROW, days, equity, equityAxis, xTicks, equityStyle, bands,
          List.of(new SvgChart.Line(bench, BENCHMARK_STROKE, BENCHMARK_DASH)), legend);
      benchmarkText = "Benchmark (grey dashed line): buy-and-hold of the same " + b.symbols() + " symbols, equal "
          + "weight, bought at the " + (b.timing() == FillTiming.NEXT_OPEN ? "open" : "close") + " of " + first
          + " with the same initial capital and held without rebalancing or fees; it ends at "
          + DisplayNumbers.fixed(bench[n - 1], 4) + ", a total return of " + benchReturn + " against the strategy's "
          + strategyReturn + ".";
    }
    String drawdownSvg = SvgChart.render("Drawdown, test_overall, " + first + " to " + last, "Drawdown (%)",
        DRAWDOWN_HEIGHT, days, drawdown, drawdownAxis, xTicks, new SvgChart.Style("#b3261e", "#f4c7c3", null), List.of());
    String summary = "Equity over test_overall (" + first + " to " + last + ", " + n + " bars) goes from "
        + DisplayNumbers.fixed(INITIAL_CAPITAL, 4) + " to " + DisplayNumbers.fixed(equity[n - 1], 4) + "; high "
        + DisplayNumbers.fixed(equity[high], 4) + " on " + curve.get(high).dt() + ", low "
        + DisplayNumbers.fixed(equity[low], 4) + " on " + curve.get(low).dt() + ". "
        + (drawdown[deepest] < 0 ? "Deepest drawdown " + DisplayNumbers.percent(drawdown[deepest]) + " on "
            + curve.get(deepest).dt() + "." : "No drawdown: equity never fell below its running peak.");
    return new ChartSection(equitySvg, drawdownSvg, !bands.isEmpty(), summary, benchmarkText);
  }

  /** The benchmark's equity parallel to the curve; it is computed on the curve's own dates. */
  private static double[] values(BuyAndHoldBenchmark b, List<CurvePoint> curve) {
    if (b.curve().size() != curve.size()) {
      throw new IllegalArgumentException("the benchmark has " + b.curve().size() + " dates, the curve " + curve.size());
    }
    double[] v = new double[curve.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = b.curve().get(i).equity();
    }
    return v;
  }

  /** Every other walk-forward test segment, so adjacent segments can be told apart. */
  private static List<SvgChart.Band> bands(List<SegmentInfo> segments) {
    List<SvgChart.Band> out = new ArrayList<>();
    int k = 0;
    for (SegmentInfo s : segments) {
      if (s.holdout() || !"test".equals(s.kind())) {
        continue;
      }
      if (k++ % 2 == 1) {
        try {
          out.add(new SvgChart.Band(LocalDate.parse(s.start()).toEpochDay(), LocalDate.parse(s.end()).toEpochDay()));
        } catch (java.time.format.DateTimeParseException e) {
          // a segment without ISO dates is simply not shaded
        }
      }
    }
    return k > 1 ? out : List.of();
  }
}
