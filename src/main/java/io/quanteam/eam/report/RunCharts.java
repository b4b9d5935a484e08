package io.quanteam.eam.report;

import java.nio.file.Path;

/**
 * The run's equity and drawdown charts as inline SVG — the report's own chart code, for the web UI's run page. The
 * dossier holds no holdout curve, so neither chart can draw one.
 */
public record RunCharts(String equitySvg, String drawdownSvg, String summary) {
  /** Reads the curve and the segments only: a page view neither parses the trades nor hashes the dossier. */
  public static RunCharts of(Path dossierDir) {
    ChartSection c = Charts.of(DossierLoader.curve(dossierDir), DossierLoader.segments(dossierDir),
        BenchmarkOutcome.withheld("the benchmark line is in the run's report"));
    return new RunCharts(c.equitySvg(), c.drawdownSvg(), c.summary());
  }
}
