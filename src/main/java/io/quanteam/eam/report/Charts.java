package io.quanteam.eam.report;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Equity and drawdown charts of the test_overall curve. Drawdown is {@code E[t]/max(C0, E[0..t]) − 1} with
 * the initial capital C0 = 1 included, as {@code max_drawdown} is defined (02 §7). Walk-forward test segments
 * are shown as alternating shaded bands on the equity chart.
 */
final class Charts {
  private static final double INITIAL_CAPITAL = 1.0;
  private static final int EQUITY_HEIGHT = 300;
  private static final int DRAWDOWN_HEIGHT = 220;
  private static final double MIN_DRAWDOWN_DEPTH = -0.01;

  private Charts() {}

  static ChartSection of(List<CurvePoint> curve, List<SegmentInfo> segments) {
    if (curve.isEmpty()) {
      return new ChartSection("", "", false, "The curve is empty: nothing to chart.");
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
    ValueAxis equityAxis = ValueAxis.of(Math.min(lo, INITIAL_CAPITAL), Math.max(hi, INITIAL_CAPITAL), ValueAxis::plain);
    // at least 1% deep, so a flat or nearly flat curve does not blow noise up to full height
    ValueAxis drawdownAxis = ValueAxis.of(Math.min(MIN_DRAWDOWN_DEPTH, drawdown[deepest]), 0, ValueAxis::percent);
    List<SvgChart.Band> bands = bands(segments);
    String equitySvg = SvgChart.render("Equity, test_overall, " + first + " to " + last,
        "Equity (initial capital = 1)", EQUITY_HEIGHT, days, equity, equityAxis, xTicks,
        new SvgChart.Style("#1f5fbf", null, INITIAL_CAPITAL), bands);
    String drawdownSvg = SvgChart.render("Drawdown, test_overall, " + first + " to " + last, "Drawdown (%)",
        DRAWDOWN_HEIGHT, days, drawdown, drawdownAxis, xTicks, new SvgChart.Style("#b3261e", "#f4c7c3", null), List.of());
    String summary = "Equity over test_overall (" + first + " to " + last + ", " + n + " bars) goes from "
        + DisplayNumbers.fixed(INITIAL_CAPITAL, 4) + " to " + DisplayNumbers.fixed(equity[n - 1], 4) + "; high "
        + DisplayNumbers.fixed(equity[high], 4) + " on " + curve.get(high).dt() + ", low "
        + DisplayNumbers.fixed(equity[low], 4) + " on " + curve.get(low).dt() + ". "
        + (drawdown[deepest] < 0 ? "Deepest drawdown " + DisplayNumbers.percent(drawdown[deepest]) + " on "
            + curve.get(deepest).dt() + "." : "No drawdown: equity never fell below its running peak.");
    return new ChartSection(equitySvg, drawdownSvg, !bands.isEmpty(), summary);
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
