package io.quanteam.eam.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.quanteam.eam.app.DaemonFixture;
import io.quanteam.eam.app.EamConfig;
import io.quanteam.eam.app.EamDaemon;
import io.quanteam.eam.data.DemoProfile;
import io.quanteam.eam.job.Phase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web UI over HTTP, without a browser: pages work without JavaScript, every value is escaped, Approve and Reject
 * appear for the waiting step only and write the job's event, a post from another site is refused.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UiPagesTest {
  EamConfig config;
  EamDaemon daemon;
  HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  String base;
  String site;

  @BeforeAll
  void start(@TempDir Path home) throws Exception {
    config = DaemonFixture.openWrites(home);
    daemon = EamDaemon.create(config);
    daemon.wiring().snapshots().createDemo("demo_tiny", DemoProfile.TINY);
    daemon.start();
    site = "127.0.0.1:" + config.http().port();
    base = "http://" + site;
  }

  @AfterAll
  void stop() {
    daemon.stop();
  }

  private String waitingJob(String title) throws Exception {
    String id = daemon.wiring().jobs().submitBlueprint(DaemonFixture.blueprint(title), "demo_tiny", null, null,
        "test").jobId();
    awaitPhase(id, Phase.WAITING);
    // the pages list from the daemon's listing, which follows the log through the event watcher
    io.quanteam.eam.job.JobListing listing = daemon.camelContext().getRegistry()
        .lookupByNameAndType("jobListing", io.quanteam.eam.job.JobListing.class);
    DaemonFixture.awaitChange(config.jobRoot().resolve(id), Duration.ofSeconds(30),
        () -> !listing.page("WAITING", r -> r.jobId().equals(id), 1, null).rows().isEmpty());
    return id;
  }

  private void awaitPhase(String id, Phase phase) throws Exception {
    DaemonFixture.awaitChange(config.jobRoot().resolve(id), Duration.ofSeconds(60),
        () -> daemon.wiring().jobs().state(id).phase() == phase);
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String path, String form, String origin) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form));
    if (origin != null) {
      b.header("Origin", origin);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void theListPutsWaitingJobsFirstAndEscapesEveryValue() throws Exception {
    String id = waitingJob("<script>alert('x')</script> & co");
    HttpResponse<String> page = get("/ui/jobs");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
    String html = page.body();
    assertThat(html).contains("Waiting for you").contains("/ui/jobs/" + id)
        .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; co").doesNotContain("<script>alert");
    assertThat(html.indexOf("/ui/jobs/" + id)).isLessThan(html.indexOf("Other jobs"));
    assertThat(get("/ui/jobs?state=waiting").body()).contains(id);
    assertThat(get("/ui/jobs?state=bogus").statusCode()).isEqualTo(400);
    assertThat(get("/ui/style.css").headers().firstValue("Content-Type")).hasValue("text/css; charset=utf-8");
  }

  @Test
  void aReviewerApprovesFromTheJobPageAndTheRunPageShowsTheResult() throws Exception {
    String id = waitingJob("ui approve");
    String page = get("/ui/jobs/" + id).body();
    assertThat(page).contains("Waiting for your review: runspec").contains("action=\"/ui/jobs/" + id
        + "/approve?step=runspec\"").contains("Runspec segments").contains("<h2>Timeline</h2>");
    HttpResponse<String> refused = post("/ui/jobs/" + id + "/approve?step=runspec", "", "https://evil.example");
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(post("/ui/jobs/" + id + "/approve?step=runspec", "", null).statusCode()).isEqualTo(403);
    assertThat(daemon.wiring().jobs().state(id).phase()).isEqualTo(Phase.WAITING);

    HttpResponse<String> approved = post("/ui/jobs/" + id + "/approve?step=runspec", "", "http://" + site);
    assertThat(approved.statusCode()).isEqualTo(303);
    assertThat(approved.headers().firstValue("Location")).hasValue("/ui/jobs/" + id);
    awaitPhase(id, Phase.TERMINAL_DONE);
    String done = get("/ui/jobs/" + id).body();
    assertThat(done).doesNotContain("Waiting for your review").doesNotContain("<form").contains("APPROVED")
        .contains(">ui<");
    String runId = daemon.wiring().jobs().state(id).last() == null ? null
        : io.quanteam.eam.job.JobViews.detail(daemon.wiring().jobs(), id).path("outcome").path("run_id").asText();
    String run = get("/ui/runs/" + runId).body();
    assertThat(run).contains("<svg").contains("<h2>Gates").contains("<h2>Trades</h2>");
    for (String line : run.split("\n")) {
      if (line.contains("(holdout)")) {
        String segment = line.replaceAll(".*segment=([a-z0-9_]+)\">[a-z0-9_]+ \\(holdout\\).*", "$1");
        String holdout = get("/ui/runs/" + runId + "?segment=" + segment).body();
        assertThat(holdout).contains("minimal summary").doesNotContain("<svg").doesNotContain("Trades");
      }
    }
    assertThat(get("/ui/runs/000000000000").statusCode()).isEqualTo(404);
    // a dossier folder that is a link (to a real dossier) is no run, on the page as in the API
    java.nio.file.Files.createSymbolicLink(config.dossierRoot().resolve("0000000000aa"),
        config.dossierRoot().resolve(runId));
    assertThat(get("/ui/runs/0000000000aa").statusCode()).isEqualTo(404);
    assertThat(get("/runs/0000000000aa").statusCode()).isEqualTo(404);
  }

  @Test
  void aJobPageNeverReadsThroughALink(@org.junit.jupiter.api.io.TempDir Path elsewhere) throws Exception {
    String id = waitingJob("ui linked outputs");
    assertThat(get("/ui/jobs/" + id).body()).contains("Runspec segments");
    Path outputs = config.jobRoot().resolve(id).resolve("outputs");
    Path moved = java.nio.file.Files.move(outputs, elsewhere.resolve("outputs"));
    java.nio.file.Files.createSymbolicLink(outputs, moved);
    HttpResponse<String> page = get("/ui/jobs/" + id);
    assertThat(page.statusCode()).isEqualTo(500);
    assertThat(page.body()).contains("outputs is a symbolic link").doesNotContain("Runspec segments");
  }

  @Test
  void aWrongIdOrARefusedPostIsAPagePeopleReadNotJson() throws Exception {
    HttpResponse<String> unknown = get("/ui/jobs/0123456789ab");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
    assertThat(unknown.body()).contains("<title>404 Not found").contains("0123456789ab")
        .contains("href=\"/ui/jobs\"");
    HttpResponse<String> malformed = get("/ui/jobs/%3Cscript%3E");
    assertThat(malformed.statusCode()).isBetween(400, 404);
    assertThat(malformed.body()).doesNotContain("<script>").doesNotContain(config.jobRoot().toString());
    String id = waitingJob("ui error pages");
    HttpResponse<String> crossSite = post("/ui/jobs/" + id + "/approve?step=runspec", "", "https://evil.example");
    assertThat(crossSite.statusCode()).isEqualTo(403);
    assertThat(crossSite.body()).contains("<title>403 Forbidden").contains("this site");
    HttpResponse<String> notWaiting = post("/ui/jobs/" + id + "/approve?step=compile", "", "http://" + site);
    assertThat(notWaiting.statusCode()).isEqualTo(409);
    assertThat(notWaiting.body()).contains("<title>409 Conflict").contains("runspec");
  }

  @Test
  void aRejectionNeedsAReasonAndEndsTheJob() throws Exception {
    String id = waitingJob("ui reject");
    assertThat(post("/ui/jobs/" + id + "/reject?step=runspec", "reason=", "http://" + site).statusCode())
        .isEqualTo(400);
    HttpResponse<String> rejected = post("/ui/jobs/" + id + "/reject?step=runspec",
        "reason=window+too+short+%26+costs+wrong", "http://" + site);
    assertThat(rejected.statusCode()).isEqualTo(303);
    assertThat(daemon.wiring().jobs().state(id).phase()).isEqualTo(Phase.TERMINAL_DONE);
    assertThat(get("/ui/jobs/" + id).body()).contains("window too short &amp; costs wrong");
    assertThat(Path.of("file-uploads")).as("a form post leaves nothing in the working folder").doesNotExist();
  }

  @Test
  void catalogueAndRegistryPages() throws Exception {
    assertThat(get("/ui/snapshots").body()).contains("demo_tiny");
    assertThat(get("/ui/registry").statusCode()).isEqualTo(200);
    HttpResponse<String> home = get("/");
    assertThat(home.statusCode()).isEqualTo(303);
    assertThat(home.headers().firstValue("Location")).hasValue("/ui/jobs");
  }
}
