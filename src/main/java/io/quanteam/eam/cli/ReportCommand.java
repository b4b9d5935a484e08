package io.quanteam.eam.cli;

import io.quanteam.eam.app.EamConfig;
import io.quanteam.eam.data.SnapshotStore;
import io.quanteam.eam.json.CanonicalJson;
import io.quanteam.eam.json.Json;
import io.quanteam.eam.report.ReportFiles;
import io.quanteam.eam.report.ReportWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code eam report --run-id R}: write reports/report.md and reports/report.html for a dossier. */
@Command(name = "report", mixinStandardHelpOptions = true,
    description = "Write reports/report.md and a self-contained reports/report.html for the dossier of a run "
        + "(--run-id ID or --dossier DIR, as gates and registry record take it).")
public final class ReportCommand implements Callable<Integer> {
  private final EamConfig config;

  @Spec
  CommandSpec spec;

  @picocli.CommandLine.Mixin
  DossierSelector dossier = new DossierSelector();

  @Option(names = "--json", description = "print the result as JSON")
  boolean json;

  public ReportCommand(EamConfig config) {
    this.config = config;
  }

  @Override
  public Integer call() {
    Path dir = dossier.resolve(config);
    String runId = dir.getFileName().toString();
    ReportFiles files = new ReportWriter(new SnapshotStore(config.dataRoot(), config.clock())).write(dir);
    var out = spec.commandLine().getOut();
    if (json) {
      out.println(CanonicalJson.compact(Json.object().put("run_id", runId)
          .put("report_md", files.markdown().toString()).put("report_html", files.html().toString())));
    } else {
      out.println(files.markdown());
      out.println(files.html());
    }
    return EamCommand.OK;
  }
}
