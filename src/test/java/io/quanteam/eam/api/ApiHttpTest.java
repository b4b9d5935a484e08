package io.quanteam.eam.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.quanteam.eam.app.DaemonFixture;
import io.quanteam.eam.app.EamConfig;
import io.quanteam.eam.app.EamDaemon;
import io.quanteam.eam.cli.EamCommand;
import io.quanteam.eam.data.DemoProfile;
import io.quanteam.eam.job.Phase;
import io.quanteam.eam.json.Json;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API over real HTTP (03 §2): a daemon on a free port of the loopback, basic write authentication on, every
 * status code of the table exercised, and what no answer may carry (a request header, a folder of the server).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiHttpTest {
  static final String USER = "reviewer";
  static final String PASS = "s3cret-pass";

  Path home;
  EamConfig config;
  EamDaemon daemon;
  ApiClient api;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    home = dir;
    config = DaemonFixture.basicAuth(home, USER, PASS);
    daemon = EamDaemon.create(config);
    daemon.wiring().snapshots().createDemo("demo_tiny", DemoProfile.TINY);
    daemon.start();
    api = new ApiClient(config.http().port(), USER, PASS, home);
  }

  @AfterAll
  void stop() {
    daemon.stop();
  }

  private static String blueprint(String title) {
    return Json.MAPPER.valueToTree(DaemonFixture.blueprint(title)).toString();
  }

  private HttpResponse<String> send(String method, String path, String body, String contentType, boolean auth)
      throws Exception {
    return api.send(method, path, body, contentType, auth);
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

  private static void assertProblem(HttpResponse<String> r, int status) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    assertThat(r.headers().firstValue("Content-Type")).hasValue(ApiReply.PROBLEM_JSON);
    assertThat(json(r).path("status").asInt()).isEqualTo(status);
    assertThat(json(r).path("detail").asText()).isNotBlank();
  }

  private Phase phase(String jobId) {
    return daemon.wiring().jobs().state(jobId).phase();
  }

  private void awaitPhase(String jobId, Phase phase) throws Exception {
    DaemonFixture.awaitChange(config.jobRoot().resolve(jobId), Duration.ofSeconds(60), () -> phase(jobId) == phase);
  }

  @Test
  void submitReviewAndFinishAJobOverHttp() throws Exception {
    HttpResponse<String> created = post("/jobs/blueprint?snapshot_id=demo_tiny", blueprint("api walk"));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    assertThat(created.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(created.headers().map().keySet()).noneMatch(h -> h.equalsIgnoreCase("location")
        || h.equalsIgnoreCase("www-authenticate"));
    String jobId = json(created).path("job_id").asText();
    assertThat(json(created).path("status").asText()).isEqualTo("created");

    HttpResponse<String> again = post("/jobs/blueprint?snapshot_id=demo_tiny", blueprint("api walk"));
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(json(again).path("job_id").asText()).isEqualTo(jobId);
    assertThat(json(again).path("status").asText()).isEqualTo("exists");

    awaitPhase(jobId, Phase.WAITING);
    // the listing follows the log through the event watcher: a moment after the store
    DaemonFixture.awaitChange(config.jobRoot().resolve(jobId), Duration.ofSeconds(30), () -> {
      try {
        return json(get("/jobs?state=waiting&waiting_step=runspec")).path("jobs").findValuesAsText("job_id")
            .contains(jobId);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    JsonNode waiting = json(get("/jobs?state=waiting&waiting_step=runspec"));
    assertThat(waiting.path("jobs")).anyMatch(row -> row.path("job_id").asText().equals(jobId)
        && row.path("waiting_step").asText().equals("runspec") && row.has("updated_at"));

    assertProblem(post("/jobs/" + jobId + "/approve?step=blueprint", null), 409);
    assertProblem(post("/jobs/" + jobId + "/reject?step=blueprint&reason=no", null), 409);
    HttpResponse<String> approved = post("/jobs/" + jobId + "/approve?step=runspec", null);
    assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
    assertThat(json(approved).path("status").asText()).isEqualTo("approved");
    assertThat(json(post("/jobs/" + jobId + "/approve?step=runspec", null)).path("status").asText())
        .isEqualTo("noop");

    awaitPhase(jobId, Phase.TERMINAL_DONE);
    JsonNode job = json(get("/jobs/" + jobId));
    assertThat(job.path("job_id").asText()).isEqualTo(jobId);
    assertThat(job.path("state").path("phase").asText()).isEqualTo("TERMINAL_DONE");
    assertThat(job.path("events")).anyMatch(e -> e.path("event_type").asText().equals("APPROVED")
        && e.path("outputs").path("actor").asText().equals(USER));
    HttpResponse<String> events = get("/jobs/" + jobId + "/events");
    assertThat(events.headers().firstValue("Content-Type")).hasValue(ApiReply.NDJSON);
    assertThat(events.body().split("\n")).hasSize(job.path("events").size())
        .allSatisfy(line -> assertThat(Json.parse(line, "line").path("job_id").asText()).isEqualTo(jobId));

    String runId = job.path("outcome").path("run_id").asText();
    JsonNode run = json(get("/runs/" + runId));
    assertThat(run.path("metrics").isObject()).isTrue();
    assertThat(run.path("gate_results").path("run_id").asText()).isEqualTo(runId);
    for (JsonNode segment : run.path("segments_summary").path("segments")) {
      JsonNode s = json(get("/runs/" + runId + "/segments/" + segment.path("segment_id").asText()));
      if (segment.path("holdout").asBoolean()) {
        assertThat(s.has("metrics")).isFalse();
        assertThat(s.has("artifacts")).isFalse();
        assertThat(s.path("summary").isObject()).isTrue();
      } else {
        assertThat(s.path("metrics").isObject()).isTrue();
      }
    }
    assertProblem(get("/runs/" + runId + "/segments/nope_000"), 404);
    assertProblem(get("/runs/000000000000"), 404);
    assertProblem(get("/runs/..%2F..%2Fetc"), 400);
  }

  /** One submission path: the CLI finds the job the API created. */
  @Test
  void theSameSpecIsTheSameJobWhicheverWayItCameIn() throws Exception {
    String body = blueprint("one path");
    String jobId = json(post("/jobs/blueprint?snapshot_id=demo_tiny", body)).path("job_id").asText();
    Path file = home.resolve("one-path.json");
    Files.writeString(file, body);
    java.io.StringWriter out = new java.io.StringWriter();
    picocli.CommandLine cl = EamCommand.commandLine(config);
    cl.setOut(new java.io.PrintWriter(out));
    assertThat(cl.execute("job", "submit-blueprint", file.toString(), "--snapshot-id", "demo_tiny")).isZero();
    assertThat(out.toString()).contains("job already exists: " + jobId);
  }

  @Test
  void writesNeedTheConfiguredCredentials() throws Exception {
    assertProblem(send("POST", "/jobs/blueprint?snapshot_id=demo_tiny", blueprint("no auth"), "application/json",
        false), 401);
    HttpResponse<String> r = new ApiClient(config.http().port(), USER, "wrong", home).post(
        "/jobs/blueprint?snapshot_id=demo_tiny", blueprint("wrong auth"));
    assertProblem(r, 401);
    assertThat(r.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"eam\", charset=\"UTF-8\"");
    assertThat(Files.list(config.jobRoot()).filter(p -> !p.getFileName().toString().startsWith(".")).map(
        p -> daemon.wiring().jobs().spec(p.getFileName().toString()).path("blueprint").path("title").asText()))
        .doesNotContain("no auth", "wrong auth");
    assertThat(get("/jobs").statusCode()).isEqualTo(200); // reads stay open
  }

  @Test
  void badRequestsGetAProblemNamingWhatWasWrong() throws Exception {
    assertProblem(post("/jobs/blueprint?snapshot_id=demo_tiny", "{\"title\": "), 400);
    HttpResponse<String> missing = post("/jobs/blueprint", blueprint("no snapshot"));
    assertProblem(missing, 400);
    assertThat(json(missing).path("violations").get(0).path("parameter").asText()).isEqualTo("snapshot_id");
    HttpResponse<String> invalid = post("/jobs/blueprint?snapshot_id=demo_tiny", "{\"a\": 1}");
    assertProblem(invalid, 422);
    assertThat(json(invalid).path("violations")).anyMatch(v -> v.path("pointer").asText().equals("/a")
        && v.path("rule").asText().equals("additionalProperties"));
    HttpResponse<String> unknownSnapshot = post("/jobs/blueprint?snapshot_id=nosuch", blueprint("doomed"));
    assertProblem(unknownSnapshot, 422);
    assertThat(json(unknownSnapshot).path("violations").get(0).path("parameter").asText()).isEqualTo("snapshot_id");
    assertThat(send("POST", "/jobs/blueprint?snapshot_id=demo_tiny", "{}", "text/plain", true).statusCode())
        .isEqualTo(415);
    assertThat(post("/jobs/blueprint?snapshot_id=demo_tiny", "[" + " ".repeat(70 * 1024) + "]").statusCode())
        .isEqualTo(413);
    assertProblem(post("/jobs/blueprint?snapshot_id=demo_tiny", "[".repeat(500) + "]".repeat(500)), 400);
    assertProblem(post("/jobs/0123456789ab/approve?step=runspec", null), 404);
    assertProblem(post("/jobs/0123456789AB/approve?step=runspec", null), 400);
    assertProblem(post("/jobs/0123456789ab/approve", null), 400);
    assertProblem(get("/jobs/%2e%2e%2f%2e%2e"), 400);
    assertProblem(get("/jobs?state=nonsense"), 400);
    assertProblem(get("/jobs?limit=0"), 400);
    assertProblem(get("/jobs?cursor=!!"), 400);
    assertProblem(get("/snapshots/nosuch"), 404);
    assertProblem(get("/registry/cards/card_000000000000"), 404);
    assertProblem(post("/registry/cards/card_000000000000/promote?to=champion", null), 404);
    assertProblem(get("/registry/cards/..%2Fx"), 400);
  }

  @Test
  void catalogueHealthAndTheApiDescription() throws Exception {
    JsonNode snapshots = json(get("/snapshots"));
    assertThat(snapshots.path("snapshots")).anyMatch(s -> s.path("snapshot_id").asText().equals("demo_tiny"));
    assertThat(json(get("/snapshots/demo_tiny")).path("manifest").isObject()).isTrue();
    assertThat(json(get("/registry/cards")).path("cards").isArray()).isTrue();
    HttpResponse<String> health = get("/health");
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(json(health).path("status").asText()).isEqualTo("UP");
    assertThat(json(health).path("checks")).anyMatch(c -> c.path("id").asText().equals("job-root-writable"));
    JsonNode openapi = json(get("/openapi.json"));
    assertThat(openapi.path("paths").has("/jobs/{job_id}/approve")).isTrue();
    assertThat(openapi.toString()).contains("\"operationId\":\"approve-job\"", "\"operationId\":\"list-jobs\"",
        "\"operationId\":\"submit-blueprint\"", "\"operationId\":\"get-run-segment\"");
  }

  @Test
  void metricsCountJobsByPhaseAndTimeTheStages() throws Exception {
    String jobId = json(post("/jobs/blueprint?snapshot_id=demo_tiny", blueprint("metrics"))).path("job_id").asText();
    awaitPhase(jobId, Phase.WAITING);
    HttpResponse<String> metrics = get("/metrics");
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v)
        .startsWith("text/plain"));
    // other tests' jobs may still be moving between phases; their number is fixed: every job is in one phase
    double total = 0;
    for (String line : metrics.body().split("\n")) {
      if (line.startsWith("eam_jobs{")) {
        total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    assertThat(total).isEqualTo(daemon.wiring().jobs().jobIds().size());
    assertThat(metrics.body()).containsPattern("eam_jobs\\{phase=\"WAITING\"\\} [0-9.]+")
        .containsPattern("eam_waiting_approvals [0-9.]+").contains("eam_inbox_refused_total 0.0")
        .containsPattern("camel_route_policy_seconds_count\\{.*routeId=\"stage-compile\".*\\} [1-9]");
  }

  @Test
  void listingPagesNewestFirstWithACursor() throws Exception {
    for (int i = 0; i < 5; i++) {
      assertThat(post("/jobs/blueprint?snapshot_id=demo_tiny", blueprint("page " + i)).statusCode()).isEqualTo(201);
    }
    java.util.List<String> seen = new java.util.ArrayList<>();
    String cursor = null;
    String previous = null;
    do {
      JsonNode page = json(get("/jobs?limit=2" + (cursor == null ? "" : "&cursor=" + cursor)));
      assertThat(page.path("jobs").size()).isBetween(1, 2);
      for (JsonNode row : page.path("jobs")) {
        seen.add(row.path("job_id").asText());
        String at = row.path("updated_at").asText();
        if (previous != null) {
          assertThat(at.compareTo(previous)).as("newest first").isLessThanOrEqualTo(0);
        }
        previous = at;
      }
      cursor = page.path("next_cursor").isNull() ? null : page.path("next_cursor").asText();
    } while (cursor != null);
    assertThat(seen).doesNotHaveDuplicates().hasSizeGreaterThanOrEqualTo(5);
  }
}
