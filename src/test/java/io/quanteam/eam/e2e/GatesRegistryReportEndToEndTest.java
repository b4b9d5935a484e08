package io.quanteam.eam.e2e;

import static io.quanteam.eam.e2e.KernelEndToEndTest.config;
import static io.quanteam.eam.e2e.KernelEndToEndTest.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.quanteam.eam.app.EamConfig;
import io.quanteam.eam.cli.EamCommand;
import io.quanteam.eam.contract.Contracts;
import io.quanteam.eam.gate.GateFailures;
import io.quanteam.eam.json.Json;
import io.quanteam.eam.registry.LineageRoots;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** snapshot → compile → run → gates → registry → report on the standard demo with the statistical bundle. */
class GatesRegistryReportEndToEndTest {
  @TempDir
  Path home;

  @Test
  void theWholeKernelChainThroughTheCommandLine() throws IOException {
    EamConfig config = config(home);
    ok(config, "snapshot", "demo", "--snapshot-id", "demo", "--profile", "standard");
    Path bp = home.resolve("bp.json");
    try (var in = getClass().getResourceAsStream("/blueprints/ma_crossover_statistical.json")) {
      Files.write(bp, in.readAllBytes());
    }
    ok(config, "compile", "--blueprint", bp.toString(), "--snapshot-id", "demo", "--policy-bundle",
        "policies/policy_bundle_v2_statistical.yaml", "--out", home.resolve("rs.json").toString());
    Path dossier = Path.of(Json.parse(ok(config, "run", "--runspec", home.resolve("rs.json").toString(), "--json"),
        "run").path("dossier_path").asText());

    String gatesOut = ok(config, "gates", "--dossier", dossier.toString());
    assertThat(gatesOut).contains("suite gate_suite_v2_statistical", "psr_v1", "dsr_v1", "min_trl_v1", "overall: ");
    JsonNode gates = Json.read(dossier.resolve("gate_results.json"));
    assertThat(Contracts.shared().check(gates, "gate_results_v2", "gate_results.json")).isEmpty();
    assertThat(gates.path("results").findValuesAsText("gate_id")).contains("psr_v1", "dsr_v1", "min_trl_v1");
    assertThat(gates.path("holdout_summary").path("metrics_minimal").size()).isEqualTo(3);
    // a gate that did not pass is said as job show says it: its value against its threshold, the holdout's verdict only
    for (GateFailures.Failure f : GateFailures.of(gates)) {
      if (f.segment() == null && !f.detail().isEmpty()) {
        assertThat(gatesOut).contains(f.gateId() + " — " + f.detail() + "\n");
      }
    }
    assertThat(gatesOut.lines().filter(l -> l.contains("gate_holdout_passfail_v1"))).allMatch(
        l -> l.endsWith("gate_holdout_passfail_v1"));
    byte[] first = Files.readAllBytes(dossier.resolve("gate_results.json"));
    assertThat(ok(config, "gates", "--dossier", dossier.toString())).startsWith("existing ");
    assertThat(Files.readAllBytes(dossier.resolve("gate_results.json"))).isEqualTo(first);

    JsonNode recorded = Json.parse(ok(config, "registry", "record", "--dossier", dossier.toString(), "--json"), "r");
    assertThat(recorded.path("newly_recorded").asBoolean()).isTrue();
    assertThat(recorded.path("lineage_root_job_id").asText()).isEqualTo(LineageRoots.forBlueprint("ma_crossover_stat_v1"));
    assertThat(recorded.path("card_id").isNull()).isEqualTo(!gates.path("overall_pass").asBoolean());
    JsonNode again = Json.parse(ok(config, "registry", "record", "--dossier", dossier.toString(), "--json"), "r");
    assertThat(again.path("newly_recorded").asBoolean()).isFalse();
    JsonNode trials = Json.parse(ok(config, "registry", "trials", "--json"), "trials");
    assertThat(trials).hasSize(1);
    assertThat(trials.get(0).path("sr").asDouble()).isEqualTo(Json.read(dossier.resolve("metrics.json")).path("sr")
        .asDouble());

    ok(config, "report", "--run-id", dossier.getFileName().toString());
    String html = Files.readString(dossier.resolve("reports/report.html"));
    assertThat(html).contains("SMA crossover under the statistical gate suite", "<svg", "psr_v1");
    // the benchmark line, read from the snapshot the run recorded in data_manifest.json
    assertThat(html).containsPattern("buy &amp; hold, equal weight, [0-9]+ symbols, no fees: -?[0-9.]+%</text>");
    assertThat(Files.readString(dossier.resolve("reports/report.md"))).contains("Benchmark (grey dashed line): "
        + "buy-and-hold of the same ").doesNotContain("No buy-and-hold benchmark");
  }

  @Test
  void recordingIsRefusedForAFolderThatIsNotADossierAndForADossierNotYetGated() throws IOException {
    EamConfig config = config(home);
    ok(config, "snapshot", "demo", "--snapshot-id", "demo_tiny", "--profile", "tiny");
    assertThat(fails(config, "registry", "record", "--dossier", home.toString())).contains("not_a_dossier");

    Path bp = home.resolve("bp.json");
    try (var in = getClass().getResourceAsStream("/blueprints/buyhold_tiny.json")) {
      Files.write(bp, in.readAllBytes());
    }
    ok(config, "compile", "--blueprint", bp.toString(), "--snapshot-id", "demo_tiny", "--out",
        home.resolve("rs.json").toString());
    String dossier = Json.parse(ok(config, "run", "--runspec", home.resolve("rs.json").toString(), "--json"), "run")
        .path("dossier_path").asText();
    assertThat(fails(config, "registry", "record", "--dossier", dossier)).contains("not_gated", "eam gates --run-id ");
  }

  private static String fails(EamConfig config, String... args) {
    StringWriter err = new StringWriter();
    CommandLine cl = EamCommand.commandLine(config);
    cl.setErr(new PrintWriter(err, true));
    cl.setOut(new PrintWriter(new StringWriter(), true));
    assertThat(cl.execute(args)).as(String.join(" ", args)).isEqualTo(2);
    return err.toString();
  }
}
