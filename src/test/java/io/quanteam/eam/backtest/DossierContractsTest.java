package io.quanteam.eam.backtest;

import static io.quanteam.eam.compile.CompileFixtures.BUNDLE;
import static io.quanteam.eam.compile.CompileFixtures.TINY;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.quanteam.eam.compile.CompileFixtures;
import io.quanteam.eam.contract.Contracts;
import io.quanteam.eam.contract.Violation;
import io.quanteam.eam.data.SnapshotStore;
import io.quanteam.eam.gate.DsrTrials;
import io.quanteam.eam.gate.GateRunner;
import io.quanteam.eam.json.Json;
import io.quanteam.eam.policy.PolicyStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every JSON file of a real, gated dossier satisfies the contract its schema_version names (02 §1). */
class DossierContractsTest {
  @TempDir
  Path tmp;

  private SnapshotStore snapshots;
  private PolicyStore policies;

  @BeforeEach
  void setUp() {
    snapshots = CompileFixtures.tinyStore(tmp.resolve("data"));
    policies = CompileFixtures.shippedPolicies();
  }

  private RunSetup prepare(JsonNode blueprint) {
    JsonNode runspec = CompileFixtures.compiler(snapshots).compile(blueprint, TINY, BUNDLE, "bp.json").runspec();
    return RunSetup.prepare(runspec, "runspec.json", snapshots, policies);
  }

  /** Writes and gates the run; returns each JSON file (relative path) with the contract it declares. */
  private Map<String, String> gatedDossierContracts(JsonNode blueprint) throws IOException {
    DossierWriter.Written w = new DossierWriter(tmp.resolve("dossiers"), "test-version", 1_700_000_000L)
        .write(prepare(blueprint));
    new GateRunner(snapshots, policies).run(w.dir(), DsrTrials.first("aaaaaaaaaaaa"));

    Map<String, String> contracts = new TreeMap<>();
    List<Violation> violations = new ArrayList<>();
    try (Stream<Path> files = Files.walk(w.dir())) {
      for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
        String name = w.dir().relativize(f).toString().replace('\\', '/');
        JsonNode doc = Json.read(f);
        violations.addAll(Contracts.shared().checkAuto(doc, name));
        contracts.put(name, doc.path("schema_version").asText());
      }
    }
    assertThat(violations).isEmpty();
    return contracts;
  }

  @Test
  void everyFileOfAGatedFixedSplitDossierIsContractValid() throws IOException {
    Map<String, String> contracts = gatedDossierContracts(CompileFixtures.buyHold());

    assertThat(contracts).containsEntry("metrics.json", "segment_metrics_v1")
        .containsEntry("segments/train_000/metrics.json", "segment_metrics_v1")
        .containsEntry("segments/test_000/metrics.json", "segment_metrics_v1")
        .containsEntry("exposure.json", "exposure_v1")
        .containsEntry("config_snapshot.json", "config_snapshot_v1")
        .containsEntry("data_manifest.json", "data_manifest_v1")
        .containsEntry("segments_summary.json", "segments_summary_v1")
        .containsEntry("dossier_manifest.json", "dossier_v1")
        .containsEntry("gate_results.json", "gate_results_v2")
        .containsEntry("risk_report.json", "risk_report_v1")
        .hasSize(10);
  }

  @Test
  void everyFileOfAGatedWalkForwardDossierIsContractValid() throws IOException {
    Map<String, String> contracts = gatedDossierContracts(
        CompileFixtures.resource("/blueprints/buyhold_walk_forward_tiny.json"));

    // Two train/test pairs (the 1-bar last slice merged into test_001): 4 segment metrics, plus the 8 top-level
    // documents (risk report and gate results included).
    assertThat(contracts.keySet().stream().filter(n -> n.startsWith("segments/"))).hasSize(4)
        .allMatch(n -> n.endsWith("/metrics.json"));
    assertThat(contracts.values().stream().filter("segment_metrics_v1"::equals)).hasSize(5);
    assertThat(contracts).containsEntry("risk_report.json", "risk_report_v1").hasSize(12);
  }

  @Test
  void aDocumentThatBreaksItsContractIsRefusedBeforeAnythingIsWritten() {
    RunSetup setup = prepare(CompileFixtures.buyHold());
    DossierWriter writer = new DossierWriter(tmp.resolve("dossiers"), "", null);

    Violation v = CompileFixtures.violation(() -> writer.write(setup));

    assertThat(v.source()).isEqualTo("config_snapshot.json of run " + setup.runId());
    assertThat(v.pointer()).isEqualTo("/app_version");
    assertThat(v.rule()).isEqualTo("minLength");
    assertThat(tmp.resolve("dossiers").resolve(setup.runId())).doesNotExist();
  }
}
