package io.quanteam.eam.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.quanteam.eam.app.EamConfig;
import io.quanteam.eam.backtest.DossierWriter;
import io.quanteam.eam.backtest.RunSetup;
import io.quanteam.eam.data.SnapshotStore;
import io.quanteam.eam.json.CanonicalJson;
import io.quanteam.eam.json.Json;
import io.quanteam.eam.policy.PolicyStore;
import io.quanteam.eam.report.MetricFormat;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code eam run --runspec F}: backtest a compiled runspec and write (or reuse) its dossier. */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Run a compiled runspec and write its dossier under dossiers/<run_id>/ of the artifact root "
        + "(EAM_ARTIFACT_ROOT, default var/artifacts).")
public final class RunCommand implements Callable<Integer> {
  private final EamConfig config;

  @Spec
  CommandSpec spec;

  @Option(names = "--runspec", required = true, description = "run_spec_v2 JSON file")
  Path runspec;

  @Option(names = "--json", description = "print the result as JSON")
  boolean json;

  public RunCommand(EamConfig config) {
    this.config = config;
  }

  @Override
  public Integer call() {
    JsonNode doc = Json.read(runspec);
    RunSetup setup = RunSetup.prepare(doc, runspec.toString(),
        new SnapshotStore(config.dataRoot(), config.clock()), new PolicyStore(config.policiesRoot()));
    DossierWriter.Written w = new DossierWriter(config.dossierRoot(), EamConfig.appVersion(),
        config.sourceDateEpoch()).write(setup);
    JsonNode metrics = Json.read(w.dir().resolve("metrics.json"));
    var out = spec.commandLine().getOut();
    if (json) {
      out.println(CanonicalJson.compact(Json.object().put("run_id", w.runId()).put("dossier_path",
          w.dir().toString()).put("reused", w.reused()).set("metrics", metrics)));
    } else {
      out.println((w.reused() ? "reused dossier " : "wrote dossier ") + w.dir());
      out.println("run_id " + w.runId() + "  " + MetricFormat.headline(metrics));
    }
    return EamCommand.OK;
  }
}
