package io.quanteam.eam.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.quanteam.eam.app.EamConfig;
import io.quanteam.eam.data.SnapshotStore;
import io.quanteam.eam.gate.DsrTrials;
import io.quanteam.eam.gate.GateFailures;
import io.quanteam.eam.gate.GateOutcome;
import io.quanteam.eam.gate.GateRunner;
import io.quanteam.eam.json.CanonicalJson;
import io.quanteam.eam.json.Json;
import io.quanteam.eam.policy.MultipleTestingNote;
import io.quanteam.eam.policy.PolicyStore;
import io.quanteam.eam.registry.Registry;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code eam gates --dossier DIR}: runs the bundle's gate suite and writes {@code gate_results.json} (once; an
 * existing one is shown, never rewritten). DSR counts the registry's earlier trials as the suite says: by default
 * every trial on the same snapshot and universe, or the lineage's ({@code trials: lineage}; ADR 0007).
 * Exit 0 whatever the verdict (the verdict is the output); 2 for a dossier that is not intact.
 */
@Command(name = "gates", mixinStandardHelpOptions = true,
    description = "Run the gate suite on a dossier and write gate_results.json.")
public final class GatesCommand implements Callable<Integer> {
  private final EamConfig config;

  @Spec
  CommandSpec spec;

  @picocli.CommandLine.Mixin
  DossierSelector dossier = new DossierSelector();

  @Option(names = "--lineage-root", description = "lineage root job id, recorded with the DSR and counted by a suite "
      + "whose dsr_v1 says trials: lineage (default: the blueprint's)")
  String lineageRoot;

  @Option(names = "--json", description = "print gate_results.json")
  boolean json;

  public GatesCommand(EamConfig config) {
    this.config = config;
  }

  @Override
  public Integer call() {
    Path dir = DossierArgs.dossier(dossier.resolve(config));
    String lineage = DossierArgs.lineageRoot(dir, lineageRoot);
    DsrTrials trials = new DsrTrials(lineage, new Registry(config.registryRoot(), config.clock()).trialSource());
    GateOutcome outcome = new GateRunner(new SnapshotStore(config.dataRoot(), config.clock()),
        new PolicyStore(config.policiesRoot())).run(dir, trials);
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.print(CanonicalJson.pretty(outcome.gateResults()));
    } else {
      print(out, outcome);
    }
    out.flush();
    return EamCommand.OK;
  }

  private static void print(PrintWriter out, GateOutcome outcome) {
    JsonNode g = outcome.gateResults();
    out.println((outcome.reused() ? "existing " : "wrote ") + outcome.gateResultsPath());
    out.println("suite " + g.path("gate_suite_id").asText() + ", " + trials(g));
    Map<String, String> details = new HashMap<>();
    GateFailures.of(g).stream().filter(f -> f.segment() == null).forEach(f -> details.put(f.gateId(), f.detail()));
    for (JsonNode r : g.path("results")) {
      out.printf("  %-8s %s%n", r.path("status").asText().toUpperCase(java.util.Locale.ROOT),
          r.path("gate_id").asText() + reason(r, details.get(r.path("gate_id").asText())));
    }
    for (JsonNode seg : g.path("segment_results")) {
      long failed = 0;
      for (JsonNode r : seg.path("gates")) {
        failed += r.path("pass").asBoolean() || "skipped".equals(r.path("status").asText()) ? 0 : 1;
      }
      out.printf("  segment %-12s %s%n", seg.path("segment_id").asText(),
          seg.path("overall_pass").asBoolean() ? "pass" : failed + " gate(s) not passed");
    }
    String verdict = outcome.invalid() ? "INVALID (" + String.join(", ", outcome.invalidGates()) + ")"
        : outcome.overallPass() ? "PASS" : "FAIL";
    out.println("overall: " + verdict);
  }

  /** How the DSR counted its trials, as the results record it (the multiple-testing burden, ADR 0007). */
  private static String trials(JsonNode g) {
    for (JsonNode r : g.path("results")) {
      JsonNode m = r.path("metrics");
      if (MultipleTestingNote.DSR_GATE.equals(r.path("gate_id").asText()) && m.has("n_trials")) {
        String mode = m.path("trial_count_mode").asText("lineage"); // results written before ADR 0007
        String where = "lineage".equals(mode) ? "of lineage " + m.path("lineage_root_job_id").asText()
            : "on snapshot " + m.path("data_snapshot_id").asText() + " " + CanonicalJson.compact(m.path("universe"));
        return "dsr_v1: N = " + m.path("n_trials").asInt() + " trial(s) " + where + " (" + mode + ")";
      }
    }
    return "no multiple-testing gate (dsr_v1)";
  }

  /**
   * Why a gate did not pass: its value against its threshold or its reason, as {@code job show} says it
   * ({@link GateFailures}), else its thresholds and metrics (the full record is in the file, and with --json).
   */
  private static String reason(JsonNode r, String failure) {
    String status = r.path("status").asText();
    if ("pass".equals(status) || "skipped".equals(status)) {
      return "";
    }
    if (GateFailures.withheld(r.path("gate_id").asText())) {
      return "";
    }
    if (failure != null && !failure.isEmpty()) {
      return " — " + failure;
    }
    // A gate without thresholds (the integrity gates) records none: say so rather than print a missing node.
    JsonNode thresholds = r.path("thresholds");
    String detail = (thresholds.isObject() ? "thresholds " + CanonicalJson.compact(thresholds) + ", " : "")
        + "metrics " + CanonicalJson.compact(r.path("metrics"));
    return " — " + (detail.length() > 200 ? detail.substring(0, 197) + "..." : detail);
  }

  static JsonNode read(Path dir) {
    return Json.read(dir.resolve(GateRunner.GATE_RESULTS));
  }
}
