package io.quanteam.eam.cli;

import io.quanteam.eam.app.EamConfig;
import io.quanteam.eam.compile.BlueprintCompiler;
import io.quanteam.eam.data.SnapshotStore;
import io.quanteam.eam.json.AtomicFiles;
import io.quanteam.eam.json.CanonicalJson;
import io.quanteam.eam.json.Json;
import io.quanteam.eam.policy.MultipleTestingNote;
import io.quanteam.eam.policy.PolicyStore;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code eam compile --blueprint F --snapshot-id ID [--policy-bundle P] --out F}; without a path the blueprint's own
 * bundle is used, and a note is printed when its suite has no multiple-testing gate.
 */
@Command(name = "compile", mixinStandardHelpOptions = true,
    description = "Compile a blueprint against a snapshot and a policy bundle into a run_spec_v2.")
public final class CompileCommand implements Callable<Integer> {
  private final EamConfig config;

  @Spec
  CommandSpec spec;

  @Option(names = "--blueprint", required = true, description = "blueprint JSON file")
  Path blueprint;

  @Option(names = "--snapshot-id", required = true, description = "data snapshot id")
  String snapshotId;

  @Option(names = "--policy-bundle",
      description = "policy bundle path (default: the bundle the blueprint names by policy_bundle_id)")
  String policyBundle;

  @Option(names = "--out", required = true, description = "where to write the runspec")
  Path out;

  @Option(names = "--json", description = "print the result as JSON")
  boolean json;

  public CompileCommand(EamConfig config) {
    this.config = config;
  }

  @Override
  public Integer call() {
    PolicyStore policies = new PolicyStore(config.policiesRoot());
    BlueprintCompiler compiler = new BlueprintCompiler(policies, new SnapshotStore(config.dataRoot(), config.clock()));
    BlueprintCompiler.Compiled c = compiler.compile(Json.read(blueprint), snapshotId, policyBundle,
        blueprint.toString());
    AtomicFiles.write(out, CanonicalJson.prettyBytes(c.runspec()));
    var w = spec.commandLine().getOut();
    if (json) {
      w.println(CanonicalJson.compact(Json.object().put("run_id", c.runId()).put("runspec_path", out.toString())
          .put("segments", c.runspec().path("segments").path("list").size())));
    } else {
      w.println("compiled " + blueprint + " -> " + out + " (run_id " + c.runId() + ", "
          + c.runspec().path("segments").path("list").size() + " segments, lag " + c.runspec().path("lag_bars")
          + " bar(s))");
    }
    w.flush();
    MultipleTestingNote.of(policies.loadBundleById(c.runspec().path("policy_bundle_id").asText()))
        .ifPresent(spec.commandLine().getErr()::println);
    return EamCommand.OK;
  }
}
