package io.quanteam.eam.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quanteam.eam.app.DaemonFixture;
import io.quanteam.eam.app.EamConfig;
import io.quanteam.eam.app.EamDaemon;
import io.quanteam.eam.data.DemoProfile;
import io.quanteam.eam.job.Phase;
import io.quanteam.eam.json.Json;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The idea flow over HTTP on a running daemon: every checkpoint approved through the API, the review page of each
 * step, spawns (created, again, unknown, refused by the budget with its evidence), then DONE.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IdeaFlowHttpTest {
  static final String USER = ApiHttpTest.USER;
  static final String PASS = ApiHttpTest.PASS;

  EamConfig config;
  EamDaemon daemon;
  ApiClient api;

  @BeforeAll
  void start(@TempDir Path home) throws Exception {
    config = DaemonFixture.basicAuth(home, USER, PASS);
    daemon = EamDaemon.create(config);
    daemon.wiring().snapshots().createDemo("demo", DemoProfile.STANDARD);
    daemon.start();
    api = new ApiClient(config.http().port(), USER, PASS, home);
  }

  @AfterAll
  void stop() {
    daemon.stop();
  }

  private HttpResponse<String> post(String path, String body) throws Exception {
    return api.post(path, body);
  }

  private HttpResponse<String> get(String path) throws Exception {
    return api.get(path);
  }

  private static JsonNode json(HttpResponse<String> r) {
    return ApiClient.json(r);
  }

  private void awaitWaiting(String jobId, String step) throws Exception {
    DaemonFixture.awaitChange(config.jobRoot().resolve(jobId), Duration.ofSeconds(60),
        () -> step.equals(daemon.wiring().jobs().state(jobId).waitingStep()));
  }

  @Test
  void anIdeaIsReviewedStepByStepSpawnsAChildAndMeetsItsBudget() throws Exception {
    io.quanteam.eam.data.SnapshotInfo info = daemon.wiring().snapshots().infoOf("demo").orElseThrow();
    ObjectNode idea = Json.object().put("schema_version", "idea_spec_v1").put("title", "Crossover over HTTP")
        .put("hypothesis_text", "A moving average crossover <b>works</b>").put("frequency", "1d")
        .put("start", info.dtMin().toString()).put("end", info.dtMax().toString()).put("evaluation_intent", "research")
        .put("snapshot_id", "demo");
    idea.putArray("symbols").add(info.symbols().get(0)).add(info.symbols().get(1));
    // a symbol the snapshot lacks: refused at once, naming it, and no job is made
    ObjectNode doomed = idea.deepCopy();
    doomed.withArray("symbols").add("ZZZ");
    HttpResponse<String> unknown = post("/jobs/idea", doomed.toString());
    assertThat(unknown.statusCode()).as(unknown.body()).isEqualTo(422);
    assertThat(json(unknown).path("violations").get(0).path("pointer").asText()).isEqualTo("/symbols/2");
    assertThat(json(unknown).path("violations").get(0).path("rule").asText()).isEqualTo("unknown_symbol");
    HttpResponse<String> created = post("/jobs/idea", idea.toString());
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String job = json(created).path("job_id").asText();

    List<String> pages = new ArrayList<>();
    for (String step : List.of("blueprint", "strategy_spec", "runspec", "trace_preview")) {
      awaitWaiting(job, step);
      HttpResponse<String> page = get("/ui/jobs/" + job);
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.body()).contains("Approve " + step).doesNotContain("<b>works</b>")
          .contains("&lt;b&gt;works&lt;/b&gt;");
      pages.add(page.body());
      assertThat(post("/jobs/" + job + "/approve?step=" + step, null).statusCode()).isEqualTo(200);
    }
    assertThat(pages.get(0)).contains("Blueprint draft").contains("ma_crossover")
        .contains("sma_fast = sma(close, 10)").contains("60 % train");
    assertThat(pages.get(1)).contains("Variable dictionary").contains("entry_lagged");
    assertThat(pages.get(3)).contains("Trace preview").contains("PASS lag_enforced_entry");

    awaitWaiting(job, "improvements");
    String page = get("/ui/jobs/" + job).body();
    assertThat(page).contains("Improvement proposals").contains("Spawn").contains("fast 10 → 8");
    // what is under review comes first, right below its review box
    assertThat(page.indexOf("id=\"improvements\"")).isLessThan(page.indexOf("id=\"idea\""));
    JsonNode proposals = Json.read(config.jobRoot().resolve(job)
        .resolve("outputs/agents/improvement/improvement_proposals.json")).path("proposals");
    List<String> ids = new ArrayList<>();
    proposals.forEach(p -> ids.add(p.path("proposal_id").asText()));

    HttpResponse<String> spawned = post("/jobs/" + job + "/spawn?proposal_id=" + ids.get(0), null);
    assertThat(spawned.statusCode()).as(spawned.body()).isEqualTo(201);
    String child = json(spawned).path("job_id").asText();
    assertThat(json(spawned).path("parent_job_id").asText()).isEqualTo(job);
    HttpResponse<String> again = post("/jobs/" + job + "/spawn?proposal_id=" + ids.get(0), null);
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(json(again).path("job_id").asText()).isEqualTo(child);
    assertThat(post("/jobs/" + job + "/spawn?proposal_id=p_unknown", null).statusCode()).isEqualTo(404);
    assertThat(post("/jobs/" + job + "/spawn?proposal_id=..%2F..", null).statusCode()).isEqualTo(400);
    assertThat(post("/jobs/" + job + "/spawn", null).statusCode()).isEqualTo(400);
    awaitWaiting(child, "runspec");
    assertThat(post("/jobs/" + child + "/spawn?proposal_id=" + ids.get(1), null).statusCode()).isEqualTo(409);
    assertThat(post("/jobs/" + child + "/approve?step=runspec", null).statusCode()).isEqualTo(200);
    DaemonFixture.awaitChange(config.jobRoot().resolve(child), Duration.ofSeconds(60),
        () -> daemon.wiring().jobs().state(child).phase() == Phase.TERMINAL_DONE);
    // the child's DSR counts the trials on its data, its parent's among them (ADR 0007)
    JsonNode childJob = json(get("/jobs/" + child));
    JsonNode childRun = json(get("/runs/" + childJob.path("outcome").path("run_id").asText()));
    JsonNode dsr = null;
    for (JsonNode g : childRun.path("gate_results").path("results")) {
      if (g.path("gate_id").asText().equals("dsr_v1")) {
        dsr = g;
      }
    }
    assertThat(dsr).as("the default suite's DSR gate").isNotNull();
    assertThat(dsr.path("metrics").path("n_trials").asInt()).isEqualTo(2);
    assertThat(get("/ui/jobs/" + child).body()).contains("Parent").contains(job);
    JsonNode childLineage = json(get("/jobs/" + child)).path("lineage");
    assertThat(childLineage.path("parent_job_id").asText()).isEqualTo(job);
    assertThat(childLineage.path("root_job_id").asText()).isEqualTo(job);
    assertThat(childLineage.path("generation").asInt()).isEqualTo(1);
    assertThat(childLineage.path("proposal_id").asText()).isEqualTo(ids.get(0));
    JsonNode parentLineage = json(get("/jobs/" + job)).path("lineage");
    assertThat(parentLineage.path("root_job_id").asText()).isEqualTo(job);
    assertThat(parentLineage.path("children").toString())
        .isEqualTo("[{\"job_id\":\"" + child + "\",\"proposal_id\":\"" + ids.get(0) + "\"}]");
    assertThat(get("/ui/jobs/" + job).body()).contains("Child").contains(child);

    post("/jobs/" + job + "/spawn?proposal_id=" + ids.get(1), null);
    post("/jobs/" + job + "/spawn?proposal_id=" + ids.get(2), null);
    HttpResponse<String> refused = post("/jobs/" + job + "/spawn?proposal_id=" + ids.get(3), null);
    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
    assertThat(refused.headers().firstValue("Content-Type")).hasValue(ApiReply.PROBLEM_JSON);
    JsonNode evidence = json(refused).path("stopped_budget");
    assertThat(evidence.path("event_type").asText()).isEqualTo("STOPPED_BUDGET");
    assertThat(evidence.path("outputs").path("reason").asText()).isEqualTo("max_spawn_per_job");
    assertThat(evidence.path("outputs").path("limit").asInt()).isEqualTo(3);
    assertThat(evidence.path("outputs").path("current_spawn_count").asInt()).isEqualTo(3);

    assertThat(post("/jobs/" + job + "/approve?step=improvements", null).statusCode()).isEqualTo(200);
    DaemonFixture.awaitChange(config.jobRoot().resolve(job), Duration.ofSeconds(60),
        () -> daemon.wiring().jobs().state(job).phase() == Phase.TERMINAL_DONE);
    // the run traded the crossover the reviewer approved
    JsonNode runspec = Json.read(config.jobRoot().resolve(job).resolve("outputs/runspec.json"));
    String runId = json(get("/jobs/" + job)).path("outcome").path("run_id").asText();
    assertThat(io.quanteam.eam.workflow.CrossoverTrades.traded(config.dossierRoot().resolve(runId))).isNotEmpty()
        .containsExactlyInAnyOrderElementsOf(io.quanteam.eam.workflow.CrossoverTrades.expected(
            daemon.wiring().snapshots().load("demo"), runspec, 10, 30));
    assertThat(json(get("/health")).path("status").asText()).isEqualTo("UP");
  }
}
