package io.quanteam.eam.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quanteam.eam.data.DemoProfile;
import io.quanteam.eam.data.Snapshot;
import io.quanteam.eam.data.SnapshotInfo;
import io.quanteam.eam.data.SymbolBars;
import io.quanteam.eam.job.EventType;
import io.quanteam.eam.job.JobStore;
import io.quanteam.eam.job.Phase;
import io.quanteam.eam.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An ma_crossover idea on the standard demo through every checkpoint to DONE, through the workflow beans as the
 * routes call them: the run trades the crossover the reviewer approved (its trades checked against the DSL evaluated
 * here, independently), not buy-and-hold as the reference did.
 */
class IdeaFlowEndToEndTest {
  @TempDir
  Path home;

  @Test
  void anIdeaRunsTheStrategyItsReviewerApproved() throws Exception {
    SyncWorkflow flow = new SyncWorkflow(home);
    flow.wiring.snapshots().createDemo("demo", DemoProfile.STANDARD);
    JobStore jobs = flow.wiring.jobs();
    SnapshotInfo info = flow.wiring.snapshots().infoOf("demo").orElseThrow();
    ObjectNode idea = Json.object().put("schema_version", "idea_spec_v1").put("title", "Fast over slow")
        .put("hypothesis_text", "When the 10-day moving average crosses above the 30-day one, prices keep rising.")
        .put("frequency", "1d").put("start", info.dtMin().toString()).put("end", info.dtMax().toString())
        .put("evaluation_intent", "research").put("snapshot_id", "demo");
    idea.putArray("symbols").add(info.symbols().get(0)).add(info.symbols().get(1));
    String job = jobs.submitIdea(idea, "test").jobId();

    for (String step : List.of("blueprint", "strategy_spec", "runspec", "trace_preview")) {
      flow.drive(job);
      assertThat(jobs.state(job).waitingStep()).as("waiting").isEqualTo(step);
      JsonNode waiting = jobs.events(job).last().outputs();
      assertThat(waiting.path("artifact_path").asText()).isEqualTo(ReviewArtifacts.pathOf(step));
      assertThat(waiting.path("artifact_sha256").asText()).hasSize(64);
      jobs.approve(job, step, "alice");
    }
    JsonNode draft = Json.read(jobs.dir(job).resolve(ReviewArtifacts.pathOf("blueprint")));
    assertThat(draft.path("extensions").path("strategy_template").asText()).isEqualTo("ma_crossover");
    JsonNode meta = Json.read(jobs.dir(job).resolve(TracePreviewStage.META));
    assertThat(meta.path("assertions_pass").asBoolean()).isTrue();
    assertThat(meta.path("assertions").get(0).path("assertion_id").asText()).isEqualTo("lag_enforced_entry");
    assertThat(Files.readAllLines(jobs.dir(job).resolve(TracePreviewStage.CSV)).get(0))
        .isEqualTo("dt,symbol,close,available_at,eligible,enter,exit,sma_fast,sma_slow,entry_raw,exit_raw,"
            + "entry_lagged,exit_lagged");

    flow.drive(job);
    assertThat(jobs.state(job).waitingStep()).isEqualTo("improvements");
    List<EventType> types = jobs.events(job).list().stream().map(e -> e.type()).toList();
    assertThat(types).containsSubsequence(EventType.TRACE_PREVIEW_COMPLETED, EventType.RUN_COMPLETED,
        EventType.GATES_COMPLETED, EventType.REGISTRY_UPDATED, EventType.REPORT_COMPLETED,
        EventType.IMPROVEMENTS_PROPOSED, EventType.WAITING_APPROVAL);
    JsonNode proposals = Json.read(jobs.dir(job).resolve(ReviewArtifacts.pathOf("improvements")));
    assertThat(proposals.path("proposals").size()).isBetween(1, 5);
    assertThat(proposals.path("proposals").get(0).path("title").asText()).isEqualTo("fast 10 → 8");

    noHoldoutResultInAnyAgentInput(jobs.dir(job));
    JsonNode report = Json.read(jobs.dir(job).resolve("outputs/agents/report/report_summary.json"));
    assertThat(report.path("headline").asText()).startsWith("ma_crossover on ");
    assertThat(report.path("narrative").get(0).asText())
        .contains("cross_above(sma(close, 10), sma(close, 30))");

    jobs.approve(job, "improvements", "alice");
    flow.drive(job);
    assertThat(jobs.state(job).phase()).isEqualTo(Phase.TERMINAL_DONE);

    // the trades of the whole test range follow cross_above/cross_below of sma(close, 10) and sma(close, 30)
    JsonNode runspec = Json.read(jobs.dir(job).resolve("outputs/runspec.json"));
    Path dossier = flow.wiring.config().artifactRoot()
        .resolve(jobs.events(job).list().stream().filter(e -> e.type() == EventType.RUN_COMPLETED).findFirst()
            .orElseThrow().output("dossier_path"));
    List<String> traded = Files.readAllLines(dossier.resolve("trades.csv")).stream().skip(1)
        .map(l -> l.split(",")).map(f -> f[0] + "," + f[1] + "," + f[3]).toList();
    assertThat(traded).isNotEmpty().containsExactlyInAnyOrderElementsOf(
        CrossoverTrades.expected(flow.wiring.snapshots().load("demo"), runspec, 10, 30));
  }


  /** Dates whose segments hold no bars (a weekend) are named at intent, before anyone is asked to review them. */
  @Test
  void aDraftTheCompilerWouldRefuseEndsTheJobAtIntent() {
    SyncWorkflow flow = new SyncWorkflow(home);
    flow.wiring.snapshots().createDemo("demo", DemoProfile.STANDARD);
    ObjectNode idea = Json.object().put("schema_version", "idea_spec_v1").put("title", "A weekend")
        .put("hypothesis_text", "momentum").put("frequency", "1d").put("start", "2023-01-06")
        .put("end", "2023-01-08").put("evaluation_intent", "research").put("snapshot_id", "demo");
    idea.putArray("symbols").add("ACME");
    String job = flow.wiring.jobs().submitIdea(idea, "test").jobId();
    flow.drive(job);
    var last = flow.wiring.jobs().events(job).last();
    assertThat(last.type()).isEqualTo(EventType.ERROR);
    assertThat(last.outputs().path("step").asText()).isEqualTo("intent");
    assertThat(last.outputs().path("reason").asText()).isEqualTo("INVALID_INPUT");
    assertThat(last.outputs().path("message").asText()).contains("blueprint_draft.json").contains("no bars");
  }

  /**
   * No agent reads a holdout result (02 §11): every agent input, the blueprints' segment dates aside (the holdout's
   * dates are part of the plan the reviewer approves), says nothing of a holdout.
   */
  private static void noHoldoutResultInAnyAgentInput(Path jobDir) throws Exception {
    List<Path> inputs;
    try (var files = Files.walk(jobDir.resolve("outputs/agents"))) {
      inputs = files.filter(f -> f.getFileName().toString().equals("agent_input.json")).toList();
    }
    assertThat(inputs).hasSize(4); // intent, strategy_spec, report, improvement
    for (Path input : inputs) {
      JsonNode doc = Json.read(input).deepCopy();
      doc.findParents("evaluation_protocol").forEach(p -> ((ObjectNode) p).remove("evaluation_protocol"));
      assertThat(doc.toString().toLowerCase(java.util.Locale.ROOT)).as("%s", input).doesNotContain("holdout");
    }
  }
}
