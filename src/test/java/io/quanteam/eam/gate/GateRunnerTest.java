package io.quanteam.eam.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quanteam.eam.backtest.DossierVerifier;
import io.quanteam.eam.contract.Contracts;
import io.quanteam.eam.contract.InvalidInputException;
import io.quanteam.eam.json.AtomicFiles;
import io.quanteam.eam.json.CanonicalJson;
import io.quanteam.eam.json.Json;
import io.quanteam.eam.json.Sha256;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole runner on the standard demo's MA crossover (walk-forward, holdout) and deliberately broken dossiers. */
class GateRunnerTest {
  @TempDir
  static Path tmp;
  static GateFixture f;
  static Path gated;
  static GateOutcome outcome;

  @BeforeAll
  static void gateTheExampleBlueprint() {
    f = new GateFixture(tmp.resolve("shared")).withStandardDemo();
    gated = f.dossier(GateFixture.maCrossoverBlueprint(), "demo");
    outcome = f.runner().run(gated, DsrTrials.first("job_root"));
  }

  static JsonNode result(JsonNode doc, String gateId) {
    for (JsonNode r : doc.path("results")) {
      if (r.path("gate_id").asText().equals(gateId)) {
        return r;
      }
    }
    throw new AssertionError("no result for " + gateId);
  }

  @Test
  void suiteGatesRunInOrderAndTheDocumentIsAValidGateResultsV2() {
    JsonNode doc = outcome.gateResults();
    assertThat(Contracts.shared().check(doc, "gate_results_v2", "gate_results")).isEmpty();
    assertThat(Contracts.shared().check(Json.read(gated.resolve("gate_results.json")), "gate_results_v2", "file"))
        .isEmpty();
    assertThat(doc.path("results").findValuesAsText("gate_id")).containsExactly("basic_sanity", "determinism_guard",
        "data_snapshot_integrity_v1", "gate_no_lookahead_v1", "gate_delay_plus_1bar_v1", "gate_cost_x2_v1",
        "risk_policy_compliance_v1", "gate_holdout_passfail_v1", "holdout_leak_guard_v1");
    assertThat(doc.path("gate_suite_id").asText()).isEqualTo("gate_suite_v1_default");
    assertThat(doc.path("run_id").asText()).isEqualTo(gated.getFileName().toString());
    for (String mandatory : List.of("basic_sanity", "determinism_guard", "data_snapshot_integrity_v1",
        "gate_no_lookahead_v1")) {
      assertThat(result(doc, mandatory).path("status").asText()).as(mandatory).isEqualTo("pass");
    }
    assertThat(result(doc, "determinism_guard").path("metrics").path("stored_curve_sha256").asText())
        .isEqualTo(Sha256.ofFile(gated.resolve("curve.csv")));
    assertThat(result(doc, "gate_no_lookahead_v1").path("metrics").path("rows_checked").asInt())
        .isEqualTo(result(doc, "gate_no_lookahead_v1").path("metrics").path("rows_visible_recorded").asInt());
  }

  @Test
  void aFailedOrdinaryGateIsFailNotInvalid() {
    // Lag+1 costs the crossover about 9 points of its 44% test return, more than the 5-point allowance.
    JsonNode delay = result(outcome.gateResults(), "gate_delay_plus_1bar_v1");
    JsonNode m = delay.path("metrics");
    assertThat(delay.path("status").asText()).isEqualTo("fail");
    assertThat(m.path("baseline_total_return").asDouble())
        .isEqualTo(Json.read(gated.resolve("metrics.json")).path("total_return").asDouble());
    assertThat(m.path("return_drop").asDouble()).isGreaterThan(0.05)
        .isEqualTo(m.path("baseline_total_return").asDouble() - m.path("stressed_total_return").asDouble());
    assertThat(outcome.overallPass()).isFalse();
    assertThat(outcome.invalid()).isFalse();
    assertThat(outcome.invalidGates()).isEmpty();
  }

  @Test
  void everyTestSegmentGetsLookaheadDelayAndCostAndTheHoldoutOnlyItsGate() {
    JsonNode segs = outcome.gateResults().path("segment_results");
    List<String> ids = new ArrayList<>();
    segs.forEach(s -> ids.add(s.path("segment_id").asText()));
    // The planner's 1-bar last slice (2022-12-30..31) is merged into test_005.
    assertThat(ids).containsExactly("test_000", "test_001", "test_002", "test_003", "test_004", "test_005",
        "holdout_000");
    for (JsonNode s : segs) {
      String id = s.path("segment_id").asText();
      if (id.startsWith("test_")) {
        assertThat(s.path("gates").findValuesAsText("gate_id")).containsExactly("gate_no_lookahead_v1",
            "gate_delay_plus_1bar_v1", "gate_cost_x2_v1");
        assertThat(s.path("artifacts").path("curve").asText()).isEqualTo("segments/" + id + "/curve.csv");
        assertThat(s.path("gates").get(1).path("metrics").path("baseline_total_return").asDouble())
            .isEqualTo(Json.read(gated.resolve("segments/" + id + "/metrics.json")).path("total_return").asDouble());
      } else {
        assertThat(s.path("holdout").asBoolean()).isTrue();
        assertThat(s.path("artifacts").isEmpty()).isTrue();
        assertThat(s.path("gates").findValuesAsText("gate_id")).containsExactly("gate_holdout_passfail_v1");
      }
    }
  }

  @Test
  void theHoldoutAppearsOnlyAsItsMinimalSummary() throws IOException {
    JsonNode summary = outcome.gateResults().path("holdout_summary");
    assertThat(summary.path("pass").asBoolean()).isTrue();
    assertThat(summary.path("summary").asText()).isEqualTo(HoldoutGate.NO_THRESHOLD);
    List<String> keys = new ArrayList<>();
    summary.path("metrics_minimal").fieldNames().forEachRemaining(keys::add);
    assertThat(keys).containsExactlyInAnyOrder("total_return", "trade_count", "lag_bars");
    // The holdout total return is written once in gate_results.json and nowhere else in the dossier.
    String value = CanonicalJson.compact(summary.path("metrics_minimal").path("total_return"));
    assertThat(Files.readString(gated.resolve("gate_results.json")).split(java.util.regex.Pattern.quote(value), -1))
        .hasSize(2);
    try (var files = Files.walk(gated)) {
      for (Path p : files.filter(Files::isRegularFile).toList()) {
        if (!p.getFileName().toString().equals("gate_results.json")) {
          assertThat(Files.readString(p)).as(p.toString()).doesNotContain(value);
        }
      }
    }
    assertThat(result(outcome.gateResults(), "holdout_leak_guard_v1").path("status").asText()).isEqualTo("pass");
  }

  @Test
  void riskReportIsWrittenWithObservedValuesLimitsAndWorstDates() {
    JsonNode report = Json.read(gated.resolve("risk_report.json"));
    assertThat(report.path("schema_version").asText()).isEqualTo("risk_report_v1");
    assertThat(report.path("pass").asBoolean()).isTrue();
    JsonNode exposure = Json.read(gated.resolve("exposure.json"));
    assertThat(report.path("rules").path("max_leverage").path("observed").asDouble())
        .isEqualTo(exposure.path("max_gross_exposure").asDouble());
    assertThat(report.path("rules").path("max_positions").path("observed").asInt())
        .isEqualTo(exposure.path("max_positions_held").asInt());
    JsonNode metrics = Json.read(gated.resolve("metrics.json"));
    assertThat(report.path("rules").path("max_drawdown").path("observed").asDouble())
        .isEqualTo(metrics.path("max_drawdown").asDouble());
    assertThat(report.path("rules").path("max_turnover").path("observed").asDouble())
        .isEqualTo(metrics.path("max_turnover").asDouble());
    assertThat(report.path("rules").path("max_drawdown").path("worst_dt").asText()).matches("202[0-2]-\\d\\d-\\d\\d");
  }

  @Test
  void gateResultsAreNeverRewrittenASecondRunReusesThem() throws IOException {
    byte[] before = Files.readAllBytes(gated.resolve("gate_results.json"));
    GateOutcome again = f.runner().run(gated, new DsrTrials("job_root", TrialSource.of(
        java.util.List.of(new PriorTrial("r1", "c1", 0.5), new PriorTrial("r2", "c2", -0.5)))));
    assertThat(again.reused()).isTrue();
    assertThat(Files.readAllBytes(gated.resolve("gate_results.json"))).isEqualTo(before);
    assertThat(again.overallPass()).isEqualTo(outcome.overallPass());
    assertThat(again.gateResults()).isEqualTo(outcome.gateResults());
  }

  @Test
  void aTamperedDossierIsRefused() throws IOException {
    GateFixture g = new GateFixture(tmp.resolve("tamper")).withTinyDemo();
    Path d = g.dossier(TinyBlueprints.buyAndHold(), "tiny");
    Files.writeString(d.resolve("trades.csv"), "symbol\n");
    assertThatThrownBy(() -> g.runner().run(d, DsrTrials.first(null)))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("dossier_tampered");
    assertThat(d.resolve("gate_results.json")).doesNotExist();
  }

  @Test
  void aCurveThatTheReplayDoesNotReproduceMakesTheRunInvalid() {
    GateFixture g = new GateFixture(tmp.resolve("determinism")).withTinyDemo();
    Path d = g.dossier(TinyBlueprints.buyAndHold(), "tiny");
    // A consistent manifest over a wrong curve: intact as evidence, but not what the runspec produces.
    byte[] curve = "dt,equity\n2024-01-02,1.5\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    AtomicFiles.write(d.resolve("curve.csv"), curve);
    ObjectNode manifest = (ObjectNode) Json.read(d.resolve(DossierVerifier.MANIFEST));
    ((ObjectNode) manifest.get("hashes")).put("curve.csv", Sha256.hex(curve));
    AtomicFiles.write(d.resolve(DossierVerifier.MANIFEST), CanonicalJson.prettyBytes(manifest));
    assertThat(DossierVerifier.problems(d)).isEmpty();

    GateOutcome o = g.runner().run(d, DsrTrials.first(null));
    JsonNode det = result(o.gateResults(), "determinism_guard");
    assertThat(det.path("status").asText()).isEqualTo("invalid");
    assertThat(det.path("pass").asBoolean()).isFalse();
    assertThat(det.path("metrics").path("curve_reproduced").asBoolean()).isFalse();
    assertThat(o.invalid()).isTrue();
    assertThat(o.invalidGates()).containsExactly("determinism_guard");
    assertThat(o.overallPass()).isFalse();
  }

  @Test
  void forgedMetricsWithARecomputedManifestMakeTheRunInvalid() {
    GateFixture g = new GateFixture(tmp.resolve("forged")).withTinyDemo();
    Path d = g.dossier(TinyBlueprints.buyAndHold(), "tiny");
    // Raise the Sharpe statistics the PSR/DSR/MinTRL gates read, and re-hash the manifest so it stays consistent.
    ObjectNode metrics = (ObjectNode) Json.read(d.resolve("metrics.json"));
    metrics.put("sr", 0.9).put("skew", 0.0).put("kurtosis", 3.0);
    byte[] forged = CanonicalJson.prettyBytes(metrics);
    AtomicFiles.write(d.resolve("metrics.json"), forged);
    ObjectNode manifest = (ObjectNode) Json.read(d.resolve(DossierVerifier.MANIFEST));
    ((ObjectNode) manifest.get("hashes")).put("metrics.json", Sha256.hex(forged));
    AtomicFiles.write(d.resolve(DossierVerifier.MANIFEST), CanonicalJson.prettyBytes(manifest));
    assertThat(DossierVerifier.problems(d)).isEmpty();

    GateOutcome o = g.runner().run(d, DsrTrials.first(null));
    JsonNode det = result(o.gateResults(), "determinism_guard");
    assertThat(det.path("status").asText()).isEqualTo("invalid");
    assertThat(det.path("metrics").path("curve_reproduced").asBoolean()).isTrue();
    assertThat(det.path("metrics").path("files_differing")).extracting(JsonNode::asText)
        .containsExactly("metrics.json");
    assertThat(o.invalid()).isTrue();
    assertThat(o.overallPass()).isFalse();
  }

  @Test
  void theSpecsInvalidClassGatesStayMandatoryWhenASuiteListsNone() {
    GateFixture g = new GateFixture(tmp.resolve("no-mandatory")).withTinyDemo()
        .withEditedPolicy("gate_suite_v1.yaml", "  mandatory_gates:\n    - basic_sanity\n    - determinism_guard\n"
            + "    - gate_no_lookahead_v1\n    - data_snapshot_integrity_v1\n", "  mandatory_gates: []\n");
    Path d = g.dossier(TinyBlueprints.buyAndHold(), "tiny");
    byte[] curve = "dt,equity\n2024-01-02,1.5\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    AtomicFiles.write(d.resolve("curve.csv"), curve);
    ObjectNode manifest = (ObjectNode) Json.read(d.resolve(DossierVerifier.MANIFEST));
    ((ObjectNode) manifest.get("hashes")).put("curve.csv", Sha256.hex(curve));
    AtomicFiles.write(d.resolve(DossierVerifier.MANIFEST), CanonicalJson.prettyBytes(manifest));

    GateOutcome o = g.runner().run(d, DsrTrials.first(null));
    assertThat(result(o.gateResults(), "determinism_guard").path("status").asText()).isEqualTo("invalid");
    assertThat(o.invalid()).isTrue();
  }

  @Test
  void aDossierRecordingABarTheDataDidNotHaveByAsOfFailsTheLookaheadGate() throws IOException {
    GateFixture g = new GateFixture(tmp.resolve("late-bar")).withTinyDemo();
    Path d = g.dossier(TinyBlueprints.buyAndHold(), "tiny");
    // As if a runner had ignored the as-of rule: the curve marks 2024-01-11, which no snapshot row publishes.
    byte[] curve = (Files.readString(d.resolve("curve.csv")) + "2024-01-11,1.01\n")
        .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    AtomicFiles.write(d.resolve("curve.csv"), curve);
    ObjectNode manifest = (ObjectNode) Json.read(d.resolve(DossierVerifier.MANIFEST));
    ((ObjectNode) manifest.get("hashes")).put("curve.csv", Sha256.hex(curve));
    AtomicFiles.write(d.resolve(DossierVerifier.MANIFEST), CanonicalJson.prettyBytes(manifest));

    GateOutcome o = g.runner().run(d, DsrTrials.first(null));
    JsonNode lookahead = result(o.gateResults(), "gate_no_lookahead_v1");
    assertThat(lookahead.path("status").asText()).isEqualTo("invalid");
    assertThat(lookahead.path("metrics").path("recorded_rows_after_as_of").asInt()).isEqualTo(1);
    assertThat(lookahead.path("metrics").path("first_violation").path("date").asText()).isEqualTo("2024-01-11");
    assertThat(o.invalidGates()).contains("gate_no_lookahead_v1");
  }

  @Test
  void aMissingRequiredArtifactIsInvalid() {
    GateFixture g = new GateFixture(tmp.resolve("sanity")).withTinyDemo()
        .withEditedPolicy("gate_suite_v1.yaml", "          - segments_summary.json",
            "          - segments_summary.json\n          - reports/report.md");
    Path d = g.dossier(TinyBlueprints.buyAndHold(), "tiny");
    GateOutcome o = g.runner().run(d, DsrTrials.first(null));
    JsonNode sanity = result(o.gateResults(), "basic_sanity");
    assertThat(sanity.path("status").asText()).isEqualTo("invalid");
    assertThat(sanity.path("metrics").path("missing_artifacts").get(0).asText()).isEqualTo("reports/report.md");
    assertThat(o.invalidGates()).containsExactly("basic_sanity");
  }

  @Test
  void aTamperedSnapshotFailsIntegrityAndEveryReplayGateWithAReason() throws IOException {
    GateFixture g = new GateFixture(tmp.resolve("snapshot")).withTinyDemo();
    Path d = g.dossier(TinyBlueprints.buyAndHold(), "tiny");
    Path csv = tmp.resolve("snapshot/data/lake/tiny/ohlcv_1d.csv");
    Files.writeString(csv, Files.readString(csv).replace("100.5", "100.6"));
    GateOutcome o = new GateFixture(tmp.resolve("snapshot")).runner().run(d, DsrTrials.first(null));
    JsonNode integrity = result(o.gateResults(), "data_snapshot_integrity_v1");
    assertThat(integrity.path("status").asText()).isEqualTo("invalid");
    assertThat(integrity.path("metrics").path("mismatches").get(0).asText()).startsWith("sha256");
    assertThat(result(o.gateResults(), "gate_no_lookahead_v1").path("metrics").path("reason").asText())
        .contains("failed its integrity check");
    assertThat(result(o.gateResults(), "gate_cost_x2_v1").path("status").asText()).isEqualTo("fail");
    assertThat(o.invalidGates()).contains("determinism_guard", "data_snapshot_integrity_v1",
        "gate_no_lookahead_v1", "test_000/gate_no_lookahead_v1");
    assertThat(Contracts.shared().check(o.gateResults(), "gate_results_v2", "g")).isEmpty();
  }

  @Test
  void aSnapshotChangedAfterAnEarlierVerificationIsVerifiedAgain() throws IOException {
    GateFixture g = new GateFixture(tmp.resolve("memo")).withTinyDemo();
    GateRunner runner = g.runner();
    Path first = g.dossier(TinyBlueprints.buyAndHold(), "tiny");
    assertThat(result(runner.run(first, DsrTrials.first(null)).gateResults(), "data_snapshot_integrity_v1")
        .path("status").asText()).isEqualTo("pass");
    Path csv = tmp.resolve("memo/data/lake/tiny/ohlcv_1d.csv");
    Files.writeString(csv, Files.readString(csv).replace("100.5", "100.6"));
    Files.delete(first.resolve("gate_results.json"));
    JsonNode again = runner.run(first, DsrTrials.first(null)).gateResults();
    assertThat(result(again, "data_snapshot_integrity_v1").path("status").asText()).isEqualTo("invalid");
  }
}
