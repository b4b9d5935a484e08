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
    assertThat(traded).isNotEmpty().containsExactlyInAnyOrderElementsOf(expectedTrades(flow, runspec));
  }

  /** symbol,entry_dt,exit_dt of every closed trade, from the crossovers computed here. */
  private static List<String> expectedTrades(SyncWorkflow flow, JsonNode runspec) {
    Snapshot snapshot = flow.wiring.snapshots().load("demo");
    JsonNode test = runspec.path("segments").path("test");
    long asOf = OffsetDateTime.parse(test.path("as_of").asText()).toEpochSecond();
    java.time.LocalDate from = java.time.LocalDate.parse(test.path("start").asText());
    java.time.LocalDate to = java.time.LocalDate.parse(test.path("end").asText());
    int lag = runspec.path("lag_bars").asInt();
    List<String> trades = new ArrayList<>();
    for (JsonNode s : runspec.path("symbols")) {
      SymbolBars bars = snapshot.visibleAsOf(asOf).get(s.asText());
      double[] fast = sma(bars.close(), 10);
      double[] slow = sma(bars.close(), 30);
      boolean long_ = false;
      String entry = null;
      for (int t = 0; t < bars.size(); t++) {
        if (bars.date(t).isBefore(from) || bars.date(t).isAfter(to) || t - lag < 1) {
          continue;
        }
        int k = t - lag;
        boolean up = fast[k - 1] <= slow[k - 1] && fast[k] > slow[k];
        boolean down = fast[k - 1] >= slow[k - 1] && fast[k] < slow[k];
        if (!long_ && up) {
          long_ = true;
          entry = bars.date(t).toString();
        } else if (long_ && down) {
          long_ = false;
          trades.add(s.asText() + "," + entry + "," + bars.date(t));
        }
      }
    }
    return trades;
  }

  private static double[] sma(double[] x, int n) {
    double[] out = new double[x.length];
    for (int t = 0; t < x.length; t++) {
      if (t < n - 1) {
        out[t] = Double.NaN;
        continue;
      }
      double sum = 0;
      for (int i = t - n + 1; i <= t; i++) {
        sum += x[i];
      }
      out[t] = sum / n;
    }
    return out;
  }
}
