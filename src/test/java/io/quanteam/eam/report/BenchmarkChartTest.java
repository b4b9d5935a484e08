package io.quanteam.eam.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.quanteam.eam.backtest.FillTiming;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The equity chart with the buy-and-hold benchmark line, from a hand-made curve and benchmark. */
class BenchmarkChartTest {
  private static final Pattern Y_LABEL = Pattern.compile(
      "text-anchor=\"end\" dominant-baseline=\"middle\"[^>]*>([^<]+)</text>");
  private static final Pattern LINE = Pattern.compile("<path d=\"M([^\"]+)\" fill=\"none\" stroke=\"(#[0-9a-f]+)\"");
  private static final Pattern LEGEND = Pattern.compile("class=\"legend\"[^>]*>([^<]+)</text>");
  private static final LocalDate D0 = LocalDate.of(2024, 1, 1);

  /** Strategy 1.000 to 1.009 over 10 days; benchmark dips to 0.95, then climbs to 1.5. */
  private static List<CurvePoint> strategy() {
    List<CurvePoint> curve = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      curve.add(new CurvePoint(D0.plusDays(i), 1.0 + 0.001 * i));
    }
    return curve;
  }

  private static BuyAndHoldBenchmark benchmark() {
    double[] v = {1.0, 0.95, 1.0, 1.1, 1.2, 1.25, 1.3, 1.4, 1.45, 1.5};
    List<CurvePoint> curve = new ArrayList<>();
    for (int i = 0; i < v.length; i++) {
      curve.add(new CurvePoint(D0.plusDays(i), v[i]));
    }
    return new BuyAndHoldBenchmark(3, FillTiming.NEXT_OPEN, curve);
  }

  @Test
  void theBenchmarkIsASecondGreyDashedLineWithALegendAndItsReturnBesideTheStrategys() {
    ChartSection c = Charts.of(strategy(), List.of(), BenchmarkOutcome.drawn(benchmark()));
    List<String[]> lines = lines(c.equitySvg());
    assertThat(lines).extracting(l -> l[1]).containsExactly("#5b6270", "#1f5fbf"); // benchmark under the strategy
    assertThat(c.equitySvg()).containsOnlyOnce("stroke=\"#5b6270\" stroke-width=\"1.6\" stroke-linejoin=\"round\" "
        + "stroke-dasharray=\"7 4\"/>");
    assertThat(all(LEGEND, c.equitySvg())).containsExactly("strategy: 0.90%",
        "buy &amp; hold, equal weight, 3 symbols, no fees: 50.00%");
    assertThat(c.equitySvg()).contains("viewBox=\"0 0 900 322\"", "with buy &amp; hold</title>");
    assertThat(c.benchmark()).isEqualTo("Benchmark (grey dashed line): buy-and-hold of the same 3 symbols, equal "
        + "weight, bought at the open of 2024-01-01 with the same initial capital and held without rebalancing or "
        + "fees; it ends at 1.5000, a total return of 50.00% against the strategy's 0.90%.");
    // the drawdown chart stays the strategy's alone
    assertThat(lines(c.drawdownSvg())).hasSize(1);
  }

  @Test
  void theValueAxisCoversBothLines() {
    ChartSection c = Charts.of(strategy(), List.of(), BenchmarkOutcome.drawn(benchmark()));
    List<Double> ticks = all(Y_LABEL, c.equitySvg()).stream().map(Double::parseDouble).toList();
    assertThat(ticks.get(0)).isLessThanOrEqualTo(0.95);
    assertThat(ticks.get(ticks.size() - 1)).isGreaterThanOrEqualTo(1.5);
    // every point of both lines lies inside the plot: below the legend row (y 36) and above the x axis (322 − 40)
    for (String[] line : lines(c.equitySvg())) {
      for (String point : line[0].split(" L")) {
        double y = Double.parseDouble(point.split(",")[1]);
        assertThat(y).as(line[1] + " " + point).isBetween(36.0, 282.0);
      }
    }
    // the benchmark's 1.5 is the top of the data: the highest point drawn (the smallest y) is the benchmark's
    double topBenchmark = minY(lines(c.equitySvg()).get(0)[0]);
    double topStrategy = minY(lines(c.equitySvg()).get(1)[0]);
    assertThat(topBenchmark).isLessThan(topStrategy);
  }

  @Test
  void withoutABenchmarkTheChartHasOneLineNoLegendAndSaysWhy() {
    ChartSection c = Charts.of(strategy(), List.of(), BenchmarkOutcome.withheld("snapshot demo is not in the data lake"));
    assertThat(lines(c.equitySvg())).hasSize(1);
    assertThat(c.equitySvg()).contains("viewBox=\"0 0 900 300\"").doesNotContain("class=\"legend\"", "7 4");
    assertThat(all(Y_LABEL, c.equitySvg())).containsExactly("1.000", "1.002", "1.004", "1.006", "1.008", "1.010");
    assertThat(c.benchmark()).isEqualTo("No buy-and-hold benchmark: snapshot demo is not in the data lake.");
  }

  private static List<String[]> lines(String svg) {
    List<String[]> out = new ArrayList<>();
    Matcher m = LINE.matcher(svg);
    while (m.find()) {
      out.add(new String[] {m.group(1), m.group(2)});
    }
    return out;
  }

  private static double minY(String path) {
    double min = Double.POSITIVE_INFINITY;
    for (String point : path.split(" L")) {
      min = Math.min(min, Double.parseDouble(point.split(",")[1]));
    }
    return min;
  }

  private static List<String> all(Pattern p, String text) {
    return ChartsTest.all(p, text);
  }
}
