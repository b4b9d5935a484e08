package io.quanteam.eam.workflow;

import io.quanteam.eam.job.EventType;
import io.quanteam.eam.json.Json;
import io.quanteam.eam.report.ReportFiles;
import io.quanteam.eam.report.ReportWriter;
import java.nio.file.Path;

/** report (idea flow): the dossier's report.md and report.html → REPORT_COMPLETED {report_md_path, report_html_path}. */
public final class ReportStage implements WorkflowStage {
  private final ReportWriter reports;
  private final VerifiedDossiers dossiers;
  private final Path artifactRoot;

  public ReportStage(ReportWriter reports, VerifiedDossiers dossiers) {
    this.reports = reports;
    this.dossiers = dossiers;
    this.artifactRoot = dossiers.artifactRoot();
  }

  @Override
  public String name() {
    return "report";
  }

  @Override
  public void execute(StageContext ctx) {
    ReportFiles files = reports.write(dossiers.verified(ctx, null).dir());
    ctx.append(EventType.REPORT_COMPLETED, Json.object()
        .put("report_md_path", artifactRoot.relativize(files.markdown()).toString())
        .put("report_html_path", artifactRoot.relativize(files.html()).toString()));
  }
}
