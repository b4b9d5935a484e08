package io.quanteam.eam.cli;

import io.quanteam.eam.app.EamConfig;
import io.quanteam.eam.contract.InvalidInputException;
import io.quanteam.eam.contract.Violation;
import io.quanteam.eam.json.CanonicalJson;
import io.quanteam.eam.json.Json;
import io.quanteam.eam.report.ReportFiles;
import io.quanteam.eam.report.ReportWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code eam report --run-id R}: write reports/report.md and reports/report.html for a dossier. */
@Command(name = "report", mixinStandardHelpOptions = true,
    description = "Write reports/report.md and a self-contained reports/report.html for the dossier of a run.")
public final class ReportCommand implements Callable<Integer> {
  private static final Pattern RUN_ID = Pattern.compile("^[0-9a-f]{12}$");

  private final EamConfig config;

  @Spec
  CommandSpec spec;

  @Option(names = "--run-id", required = true, description = "run id (12 lowercase hex digits)")
  String runId;

  @Option(names = "--json", description = "print the result as JSON")
  boolean json;

  public ReportCommand(EamConfig config) {
    this.config = config;
  }

  @Override
  public Integer call() {
    // Checked before the id touches a path, so it cannot name anything outside the dossier root.
    if (!RUN_ID.matcher(runId).matches()) {
      throw new InvalidInputException(new Violation("--run-id", "", "bad_run_id",
          "expected 12 lowercase hex digits", runId));
    }
    Path dir = config.dossierRoot().resolve(runId);
    if (!Files.isDirectory(dir)) {
      throw new UserError("no dossier for run " + runId + " at " + dir + " (run it first: eam run --runspec F)");
    }
    ReportFiles files = new ReportWriter().write(dir);
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
