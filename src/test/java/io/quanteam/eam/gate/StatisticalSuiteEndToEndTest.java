package io.quanteam.eam.gate;

import static io.quanteam.eam.gate.GateRunnerTest.result;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quanteam.eam.contract.Contracts;
import io.quanteam.eam.json.Json;
import io.quanteam.eam.stats.SharpeStatistics;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Standard demo + MA crossover (walk-forward, holdout) under policy_bundle_v2_statistical, end to end. */
class StatisticalSuiteEndToEndTest {
  @TempDir
  Path tmp;

  @Test
  void theStatisticalSuiteRunsEveryGateAndWritesValidResults() {
    GateFixture f = new GateFixture(tmp).withStandardDemo();
    ObjectNode bp = GateFixture.maCrossoverBlueprint();
    bp.put("policy_bundle_id", "policy_bundle_v2_statistical");
    ((ObjectNode) bp.get("evaluation_protocol")).put("gate_suite_id", "gate_suite_v2_statistical");
    Path dossier = f.dossier(bp, "demo", "policies/policy_bundle_v2_statistical.yaml");
    java.util.List<PriorTrial> prior = java.util.List.of(new PriorTrial("r1", "c1", 0.02),
        new PriorTrial("r2", "c2", 0.05), new PriorTrial("r3", "c3", 0.09));
    GateOutcome o = f.runner().run(dossier, new DsrTrials("job_root_1", TrialSource.of(prior)));

    JsonNode doc = Json.read(o.gateResultsPath());
    assertThat(Contracts.shared().check(doc, "gate_results_v2", "gate_results.json")).isEmpty();
    assertThat(doc.path("gate_suite_id").asText()).isEqualTo("gate_suite_v2_statistical");
    assertThat(doc.path("results").findValuesAsText("gate_id")).endsWith("holdout_leak_guard_v1", "psr_v1", "dsr_v1",
        "min_trl_v1");
    assertThat(o.invalid()).isFalse();

    JsonNode metrics = Json.read(dossier.resolve("metrics.json"));
    double sr = metrics.path("sr").asDouble();
    JsonNode dsr = result(doc, "dsr_v1").path("metrics");
    assertThat(dsr.path("n_trials").asInt()).isEqualTo(4);
    double mean = (0.02 + 0.05 + 0.09 + sr) / 4;
    double v = (sq(0.02 - mean) + sq(0.05 - mean) + sq(0.09 - mean) + sq(sr - mean)) / 4;
    assertThat(dsr.path("trial_sr_variance").asDouble()).isCloseTo(v, org.assertj.core.data.Offset.offset(1e-15));
    assertThat(dsr.path("sr0").asDouble()).isEqualTo(SharpeStatistics.sr0(dsr.path("trial_sr_variance").asDouble(), 4));
    assertThat(dsr.path("lineage_root_job_id").asText()).isEqualTo("job_root_1");

    JsonNode psr = result(doc, "psr_v1");
    assertThat(psr.path("metrics").path("bars").asInt()).isEqualTo(metrics.path("bars").asInt());
    assertThat(psr.path("metrics").path("psr").asDouble()).isEqualTo(SharpeStatistics.psr(sr, 0.0,
        metrics.path("bars").asInt(), metrics.path("skew").asDouble(), metrics.path("kurtosis").asDouble()).value());
    assertThat(psr.path("pass").asBoolean()).isEqualTo(psr.path("metrics").path("psr").asDouble() >= 0.95);
    JsonNode trl = result(doc, "min_trl_v1");
    assertThat(trl.path("pass").asBoolean())
        .isEqualTo(metrics.path("bars").asInt() >= trl.path("metrics").path("min_trl").asDouble());
  }

  private static double sq(double x) {
    return x * x;
  }
}
