package io.quanteam.eam.gate;

import static io.quanteam.eam.gate.StatisticalGatesTest.SELF;
import static io.quanteam.eam.gate.StatisticalGatesTest.metrics;
import static org.assertj.core.api.Assertions.assertThat;

import io.quanteam.eam.json.Json;
import io.quanteam.eam.policy.GateSpec;
import io.quanteam.eam.stats.SharpeStatistics;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which recorded trials the DSR counts: the same data by default, the lineage on request, identical runs once. */
class TrialCountTest {
  private static final GateSpec DEFAULT = spec("{\"min_dsr\": 0.95}");
  private static final GateSpec SAME_DATA = spec("{\"min_dsr\": 0.95, \"trials\": \"same_data\"}");
  private static final GateSpec LINEAGE = spec("{\"min_dsr\": 0.95, \"trials\": \"lineage\"}");

  private static GateSpec spec(String params) {
    return new GateSpec("dsr_v1", "v1", Json.parse(params, "params"));
  }

  /** A registry with different trials on the run's data and in its lineage; it remembers what was asked. */
  private static final class Recorded implements TrialSource {
    final List<PriorTrial> onData;
    final List<PriorTrial> inLineage;
    final List<String> asked = new ArrayList<>();

    Recorded(List<PriorTrial> onData, List<PriorTrial> inLineage) {
      this.onData = onData;
      this.inLineage = inLineage;
    }

    @Override
    public List<PriorTrial> onData(String dataSnapshotId, List<String> universe) {
      asked.add("data " + dataSnapshotId + " " + universe);
      return onData;
    }

    @Override
    public List<PriorTrial> inLineage(String lineageRootJobId) {
      asked.add("lineage " + lineageRootJobId);
      return inLineage;
    }
  }

  private static final List<PriorTrial> FOUR_ON_THE_DATA = List.of(new PriorTrial("r1", "c1", 0.02),
      new PriorTrial("r2", "c2", 0.15), new PriorTrial("r3", "c3", -0.03), new PriorTrial("r4", "c4", 0.12));

  @Test
  void byDefaultEveryTrialOnTheSameSnapshotAndUniverseCounts() {
    for (GateSpec spec : List.of(DEFAULT, SAME_DATA)) {
      Recorded registry = new Recorded(FOUR_ON_THE_DATA, List.of());
      GateResult r = StatisticalGates.dsr(spec, metrics("0.1", 501), new DsrTrials("root", registry),
          "run_self", SELF);

      assertThat(registry.asked).containsExactly("data demo [AAA, BBB]");
      assertThat(r.metrics().path("n_trials").asInt()).isEqualTo(5);
      assertThat(r.metrics().path("trial_count_mode").asText()).isEqualTo("same_data");
      assertThat(r.metrics().path("trial_run_ids").toString())
          .isEqualTo("[\"r1\",\"r2\",\"r3\",\"r4\",\"run_self\"]");
      double v = SharpeStatistics.trialVariance(new double[] {0.02, 0.15, -0.03, 0.12, 0.1});
      assertThat(r.metrics().path("trial_sr_variance").asDouble()).isEqualTo(v);
      assertThat(r.metrics().path("dsr").asDouble())
          .isEqualTo(SharpeStatistics.dsr(0.1, 501, 0.0, 3.0, new double[] {0.02, 0.15, -0.03, 0.12, 0.1}).value());
    }
  }

  @Test
  void lineageModeCountsTheLineageOnlyAsBeforeSoAFreshLineageIsAFirstTrial() {
    Recorded registry = new Recorded(FOUR_ON_THE_DATA, List.of(new PriorTrial("r2", "c2", 0.15)));
    GateResult r = StatisticalGates.dsr(LINEAGE, metrics("0.1", 501), new DsrTrials("root", registry),
        "run_self", SELF);
    assertThat(registry.asked).containsExactly("lineage root");
    assertThat(r.metrics().path("n_trials").asInt()).isEqualTo(2);
    assertThat(r.metrics().path("trial_count_mode").asText()).isEqualTo("lineage");
    assertThat(r.metrics().path("trial_run_ids").toString()).isEqualTo("[\"r2\",\"run_self\"]");

    GateResult fresh = StatisticalGates.dsr(LINEAGE, metrics("0.1", 501),
        new DsrTrials("fresh", new Recorded(FOUR_ON_THE_DATA, List.of())), "run_self", SELF);
    assertThat(fresh.metrics().path("n_trials").asInt()).isEqualTo(1);
    assertThat(fresh.metrics().path("dsr").asDouble())
        .isEqualTo(SharpeStatistics.psr(0.1, 0.0, 501, 0.0, 3.0).value());
    assertThat(StatisticalGates.dsr(LINEAGE, metrics("0.1", 501), DsrTrials.first(null), "run_self", SELF)
        .metrics().path("n_trials").asInt()).isEqualTo(1);
  }

  @Test
  void theRunItselfAndRunsOfItsComputationCountOnceAsThisTrial() {
    List<PriorTrial> recorded = List.of(new PriorTrial("r1", "c1", 0.02),
        new PriorTrial("run_self", SELF.computationId(), 0.1), // gated again after its trial was recorded
        new PriorTrial("renamed", SELF.computationId(), 0.1), // the same blueprint under another id or title
        new PriorTrial("r1_retitled", "c1", 0.02), // an earlier trial, retitled
        new PriorTrial("legacy", null, 0.07)); // a line written before computation ids: a trial of its own
    GateResult r = StatisticalGates.dsr(DEFAULT, metrics("0.1", 501),
        new DsrTrials("root", TrialSource.of(recorded)), "run_self", SELF);

    assertThat(r.metrics().path("n_trials").asInt()).isEqualTo(3);
    assertThat(r.metrics().path("trial_run_ids").toString()).isEqualTo("[\"legacy\",\"r1\",\"run_self\"]");
    assertThat(r.metrics().path("same_computation_run_ids").toString()).isEqualTo("[\"r1_retitled\",\"renamed\"]");
    assertThat(r.metrics().path("trial_sr_variance").asDouble())
        .isEqualTo(SharpeStatistics.trialVariance(new double[] {0.02, 0.07, 0.1}));
  }

  @Test
  void anUnknownCountingModeFailsTheGateInsteadOfFallingBack() {
    GateResult r = StatisticalGates.dsr(spec("{\"min_dsr\": 0.95, \"trials\": \"linage\"}"), metrics("0.1", 1001),
        new DsrTrials("root", TrialSource.of(FOUR_ON_THE_DATA)), "run_self", SELF);
    assertThat(r.status()).isEqualTo(GateStatus.FAIL);
    assertThat(r.metrics().path("dsr").isNull()).isTrue();
    assertThat(r.metrics().path("reason").asText()).contains("linage", "same_data", "lineage");
    assertThat(r.metrics().has("n_trials")).isFalse();
  }
}
