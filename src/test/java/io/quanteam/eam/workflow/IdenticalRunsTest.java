package io.quanteam.eam.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quanteam.eam.app.EamWiring;
import io.quanteam.eam.job.EventType;
import io.quanteam.eam.job.JobEvent;
import io.quanteam.eam.json.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Jobs whose blueprints differ only in their title are five jobs and five runs (the run id hashes the runspec, which
 * names the blueprint), but one computation: one trial for the DSR and one card (ADR 0007).
 */
class IdenticalRunsTest {
  @TempDir
  Path home;
  SyncWorkflow flow;
  EamWiring wiring;

  @BeforeEach
  void setUp() {
    flow = new SyncWorkflow(home);
    wiring = flow.wiring;
  }

  /** Submits the buy-and-hold example under five titles and drives every job to its end; returns the job ids. */
  private List<String> fiveTitles(String bundleId, String suiteId) {
    List<String> jobs = new ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      ObjectNode bp = (ObjectNode) Json.read(Path.of("contracts/examples/blueprint_v1_buyhold_demo_ok.json"));
      bp.put("title", "Buy & Hold, take " + i).put("policy_bundle_id", bundleId);
      ((ObjectNode) bp.get("evaluation_protocol")).put("gate_suite_id", suiteId);
      if (suiteId.equals("gate_suite_v3_default")) {
        // Suite v3 requires a holdout clear of the test range (the reference's demo uses one range three times).
        ObjectNode segments = (ObjectNode) bp.at("/evaluation_protocol/segments");
        segments.putObject("train").put("start", "2024-01-01").put("end", "2024-01-03");
        segments.putObject("test").put("start", "2024-01-04").put("end", "2024-01-08");
        segments.putObject("holdout").put("start", "2024-01-09").put("end", "2024-01-10");
      }
      String job = wiring.jobs().submitBlueprint(bp, "demo_tiny", null, null, "test").jobId();
      flow.drive(job);
      wiring.jobs().approve(job, "runspec", "alice");
      flow.drive(job);
      assertThat(wiring.jobs().events(job).last().type()).as(job).isEqualTo(EventType.DONE);
      jobs.add(job);
    }
    return jobs;
  }

  private JobEvent event(String job, EventType type) {
    return wiring.jobs().events(job).list().stream().filter(e -> e.type() == type).findFirst().orElseThrow();
  }

  @Test
  void fiveJobsDifferingOnlyInTitleAreOneComputationWithOneCard() {
    List<String> jobs = fiveTitles("policy_bundle_v1_default", "gate_suite_v1_default");

    Set<String> runs = new HashSet<>();
    Set<String> cards = new HashSet<>();
    for (String job : jobs) {
      runs.add(event(job, EventType.RUN_COMPLETED).output("run_id"));
      JobEvent updated = event(job, EventType.REGISTRY_UPDATED);
      assertThat(updated.outputs().path("trial_recorded").asBoolean()).isTrue();
      cards.add(updated.output("card_id"));
    }
    assertThat(runs).hasSize(5);
    String firstRun = event(jobs.get(0), EventType.RUN_COMPLETED).output("run_id");
    assertThat(cards).containsExactly("card_" + firstRun);
    assertThat(wiring.registry().cards()).hasSize(1);
    assertThat(wiring.registry().cards().get(0).card().path("title").asText()).isEqualTo("Buy & Hold, take 1");
    // Each run keeps its trial line (02 §9), all naming one computation.
    List<JsonNode> trials = wiring.registry().trials();
    assertThat(trials).hasSize(5);
    assertThat(trials).extracting(t -> t.path("extensions").path("computation_id").asText()).containsOnly(
        trials.get(0).path("extensions").path("computation_id").asText());
  }

  @Test
  void underTheDefaultBundleTheyAreOneTrialOfTheDeflatedSharpeRatio() {
    List<String> jobs = fiveTitles("policy_bundle_v3_default", "gate_suite_v3_default");

    List<String> earlierRuns = new ArrayList<>();
    for (String job : jobs) {
      String run = event(job, EventType.RUN_COMPLETED).output("run_id");
      JsonNode results = Json.read(wiring.config().dossierRoot().resolve(run).resolve("gate_results.json"));
      assertThat(results.path("gate_suite_id").asText()).isEqualTo("gate_suite_v3_default");
      JsonNode dsr = null;
      for (JsonNode r : results.path("results")) {
        dsr = "dsr_v1".equals(r.path("gate_id").asText()) ? r.path("metrics") : dsr;
      }
      assertThat(dsr.path("trial_count_mode").asText()).isEqualTo("same_data");
      assertThat(dsr.path("n_trials").asInt()).as(job).isEqualTo(1);
      assertThat(dsr.path("trial_run_ids").toString()).isEqualTo("[\"" + run + "\"]");
      assertThat(dsr.path("same_computation_run_ids")).extracting(JsonNode::asText)
          .containsExactlyInAnyOrderElementsOf(earlierRuns);
      earlierRuns.add(run);
    }
  }
}
