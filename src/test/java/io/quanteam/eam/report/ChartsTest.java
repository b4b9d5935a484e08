package io.quanteam.eam.report;

import static io.quanteam.eam.report.SampleDossier.read;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChartsTest {
  private static final List<String> MONTHS = List.of("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep",
      "Oct", "Nov", "Dec");
  /** x tick labels: the only centred texts placed by x and y (the y-axis title is rotated). */
  private static final Pattern X_LABEL = Pattern.compile("<text x=\"[0-9.]+\" y=\"[0-9.]+\" text-anchor=\"middle\"[^>]*>([^<]+)</text>");
  private static final Pattern Y_LABEL = Pattern.compile("text-anchor=\"end\" dominant-baseline=\"middle\"[^>]*>([^<]+)</text>");

  @TempDir
  static java.nio.file.Path dataRoot;
  private static io.quanteam.eam.data.SnapshotStore lake;
  @TempDir
  java.nio.file.Path tmp;

  @org.junit.jupiter.api.BeforeAll
  static void createLake() {
    lake = SampleDossier.demoLake(dataRoot);
  }

  @Test
  void bothChartsHaveDatedTicksInsideTheCurveRangeAndLabelledYAxes() {
    String html = read(new ReportWriter(lake).write(SampleDossier.copyTo(tmp, lake)).html());
    assertThat(html.split("<svg class=\"chart\"", -1)).hasSize(3);
    // curve.csv runs from 2020-01-03 to 2022-12-30
    LocalDate first = LocalDate.of(2020, 1, 3);
    LocalDate last = LocalDate.of(2022, 12, 30);
    List<String> xLabels = all(X_LABEL, html);
    assertThat(xLabels).hasSize(10).startsWith("Jul 2020", "Jan 2021");
    for (String label : xLabels) {
      String[] parts = label.split(" ");
      LocalDate d = YearMonth.of(Integer.parseInt(parts[1]), MONTHS.indexOf(parts[0]) + 1).atDay(1);
      assertThat(d).isBetween(first, last);
    }
    // the equity axis covers the strategy (0.9475 to 1.4508) and the buy-and-hold benchmark (0.9856 to 1.8235)
    assertThat(all(Y_LABEL, html)).containsExactly("0.8", "1.0", "1.2", "1.4", "1.6", "1.8", "2.0",
        "-15%", "-10%", "-5%", "0%");
    assertThat(html).contains(">Equity (initial capital = 1)</text>", ">Drawdown (%)</text>",
        "<title>Equity, test_overall, 2020-01-03 to 2022-12-30, with buy &amp; hold</title>");
  }

  @Test
  void summaryDrawdownAgreesWithTheEngineMetric() {
    String md = read(new ReportWriter(lake).write(SampleDossier.copyTo(tmp, lake)).markdown());
    // metrics.json max_drawdown -0.14260895917434735; the last equity 1.44298135438416075 (total_return + 1)
    assertThat(md).contains("Deepest drawdown -14.26% on ", "goes from 1.0000 to 1.4430");
  }

  @Test
  void aRisingTenDayCurveGetsDailyTicksAndNoDrawdown() {
    List<CurvePoint> curve = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      curve.add(new CurvePoint(LocalDate.of(2024, 1, 1).plusDays(i), 1.0 + 0.001 * i));
    }
    ChartSection c = Charts.of(curve, List.of(), BenchmarkOutcome.withheld("none in this test"));
    // 10 days: daily ticks would be 10 > 8, every 2nd day from the first gives 5
    assertThat(all(X_LABEL, c.equitySvg())).containsExactly("2024-01-01", "2024-01-03", "2024-01-05", "2024-01-07",
        "2024-01-09");
    assertThat(all(Y_LABEL, c.drawdownSvg())).containsExactly("-1.0%", "-0.8%", "-0.6%", "-0.4%", "-0.2%", "0.0%");
    assertThat(c.banded()).isFalse();
    assertThat(c.summary()).endsWith("No drawdown: equity never fell below its running peak.")
        .contains("goes from 1.0000 to 1.0090");
  }

  /** Every first group of {@code p} in {@code text}, in order. */
  static List<String> all(Pattern p, String text) {
    List<String> out = new ArrayList<>();
    Matcher m = p.matcher(text);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }
}
