package io.quanteam.eam.report;

import io.quanteam.eam.data.SnapshotStore;
import io.quanteam.eam.json.AtomicFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Writes {@code reports/report.md} and a self-contained {@code reports/report.html} for a dossier (02 §10).
 *
 * <p>Reports are derived files, outside the dossier manifest: they may be rewritten at any time, and the same
 * dossier always gives the same bytes (no clock, no locale; display rounding in {@link DisplayNumbers}).
 * The holdout appears only as gate_results.json's minimal {@code holdout_summary} and its date range.
 */
public final class ReportWriter {
  public static final String REPORTS_DIR = "reports";

  private final SnapshotStore snapshots;

  /** {@code snapshots}: the data lake the equity chart's buy-and-hold benchmark reads its prices from. */
  public ReportWriter(SnapshotStore snapshots) {
    this.snapshots = snapshots;
  }

  /** Reads the dossier in {@code dossierDir} and writes both reports; throws IllegalStateException when a required file is missing. */
  public ReportFiles write(Path dossierDir) {
    DossierContents contents = DossierLoader.load(dossierDir);
    ReportModel model = ReportModelBuilder.build(contents, BenchmarkLoader.load(contents, snapshots));
    Path dir = dossierDir.resolve(REPORTS_DIR);
    Path md = dir.resolve("report.md");
    Path html = dir.resolve("report.html");
    AtomicFiles.write(md, MarkdownReport.render(model).getBytes(StandardCharsets.UTF_8));
    AtomicFiles.write(html, HtmlReport.render(model).getBytes(StandardCharsets.UTF_8));
    return new ReportFiles(md, html);
  }
}
