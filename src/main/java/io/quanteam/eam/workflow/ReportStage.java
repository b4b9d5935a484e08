package io.quanteam.eam.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quanteam.eam.agent.ReportAgent;
import io.quanteam.eam.agent.StrategySpecAgent;
import io.quanteam.eam.job.EventType;
import io.quanteam.eam.json.Json;
import io.quanteam.eam.report.ReportFiles;
import io.quanteam.eam.report.ReportWriter;
import java.nio.file.Path;
import java.util.List;

/**
 * report (idea flow): the dossier's report.md and report.html, and the report agent's narrative of the run from its
 * test figures and gates ({@code outputs/agents/report/report_summary.json}; no holdout result goes in) →
 * REPORT_COMPLETED {report_md_path, report_html_path, report_summary_path, agent_run_path}.
 */
public final class ReportStage implements WorkflowStage {
  static final String FOLDER = "outputs/agents/report";
  private final ReportAgent agent = new ReportAgent();
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
    Path dossier = dossiers.verified(ctx, null).dir();
    ReportFiles files = reports.write(dossier);
    JsonNode metrics = Json.read(dossier.resolve("metrics.json"));
    ObjectNode figures = Json.object();
    for (String k : List.of("total_return", "sharpe", "max_drawdown", "trade_count")) {
      if (metrics.path(k).isNumber()) {
        figures.set(k, metrics.get(k));
      }
    }
    String run = AgentRuns.runOrReuse(ctx, agent, ReportAgent.input(
        ctx.latest(EventType.RUN_COMPLETED).outputs().path("run_id").asText(),
        ctx.readJobFile(StrategySpecStage.FOLDER + "/" + StrategySpecAgent.FINAL), figures,
        OutsideHoldout.outcome(Json.read(dossier.resolve("gate_results.json")))), FOLDER);
    ctx.append(EventType.REPORT_COMPLETED, Json.object()
        .put("report_md_path", artifactRoot.relativize(files.markdown()).toString())
        .put("report_html_path", artifactRoot.relativize(files.html()).toString())
        .put("report_summary_path", FOLDER + "/" + ReportAgent.SUMMARY)
        .put("agent_run_path", run));
  }
}
