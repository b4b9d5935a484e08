package io.quanteam.eam.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.quanteam.eam.data.DemoProfile;
import io.quanteam.eam.job.EventType;
import io.quanteam.eam.job.JobEvent;
import io.quanteam.eam.job.JobViews;
import io.quanteam.eam.job.Phase;
import io.quanteam.eam.json.Json;
import io.quanteam.eam.workflow.DaemonLog;
import io.quanteam.eam.workflow.LogLevel;
import io.quanteam.eam.workflow.LogLine;
import io.quanteam.eam.workflow.StepThreads;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.main.MainConfigurationProperties;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.apache.camel.test.main.junit5.Configure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The daemon's routes (inbox, events-watch, dispatch, stages, checkpoint) on a temporary root, as camel-main runs them. */
@CamelMainTest
class InboxToDoneRoutesTest {
  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir
  Path home;

  @BeanInject
  CamelContext context;

  EamWiring wiring;
  /** The daemon's lines, as the routes' threads write them (guarded by itself; writers notify waiters). */
  final List<LogLine> lines = new ArrayList<>();

  private void collect(LogLine line) {
    synchronized (lines) {
      lines.add(line);
      lines.notifyAll();
    }
  }

  /**
   * The lines so far, once one says {@code msg}: the inbox says its answer after writing it and moving the entry,
   * so a test that saw the file waits for the line too (a monitor wait, woken by each line; no polling).
   */
  private List<LogLine> awaitLine(String msg) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    synchronized (lines) {
      while (lines.stream().noneMatch(l -> l.msg().equals(msg))) {
        long left = deadline - System.nanoTime();
        assertThat(left).as("no line '%s' in %s", msg, lines).isPositive();
        lines.wait(TimeUnit.NANOSECONDS.toMillis(left) + 1);
      }
      return List.copyOf(lines);
    }
  }

  @Configure
  protected void configure(MainConfigurationProperties configuration) {
    wiring = EamWiring.create(DaemonFixture.config(home), StepThreads.inline(),
        new DaemonLog(LogLevel.INFO, Clock.systemUTC(), this::collect));
    wiring.snapshots().createDemo("demo_tiny", DemoProfile.TINY);
    configuration.addConfiguration(new EamCamelConfiguration(wiring, true));
    configuration.withRoutesIncludePattern(EamCamelConfiguration.ROUTES);
  }

  private Path inbox() {
    return wiring.config().inboxDir();
  }

  @Test
  void aBlueprintJobDroppedInTheInboxWaitsForApprovalThenRunsToDone() throws Exception {
    NotifyBuilder checkpointOpened = new NotifyBuilder(context).wereSentTo("direct:checkpoint").whenDone(1).create();
    DaemonFixture.drop(inbox(), "buyhold.json", DaemonFixture.jobSpec("demo_tiny", "inbox buy and hold"));

    Path result = inbox().resolve(".done/buyhold.json.result.json");
    DaemonFixture.awaitFile(result, WAIT);
    JsonNode answer = Json.read(result);
    assertThat(answer.path("status").asText()).isEqualTo("created");
    String job = answer.path("job_id").asText();
    // the answer is written by the bean; the file moves when the exchange completes, just after
    DaemonFixture.awaitFile(inbox().resolve(".done/buyhold.json"), WAIT);
    assertThat(inbox().resolve("buyhold.json")).doesNotExist();

    assertThat(checkpointOpened.matches(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    assertThat(wiring.jobs().state(job).waitingOn("runspec")).isTrue();
    // a sweep over every job moves nothing past the checkpoint
    context.createProducerTemplate().sendBody("direct:sweep-jobs", null);
    assertThat(wiring.jobs().state(job).waitingOn("runspec")).isTrue();
    assertThat(types(job)).containsExactly(EventType.BLUEPRINT_SUBMITTED, EventType.RUNSPEC_COMPILED,
        EventType.WAITING_APPROVAL);

    NotifyBuilder done = new NotifyBuilder(context).wereSentTo("direct:stage-done").whenDone(1).create();
    wiring.jobs().approve(job, "runspec", "alice");
    assertThat(done.matches(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();

    assertThat(wiring.jobs().state(job).phase()).isEqualTo(Phase.TERMINAL_DONE);
    assertThat(types(job)).containsExactly(EventType.BLUEPRINT_SUBMITTED, EventType.RUNSPEC_COMPILED,
        EventType.WAITING_APPROVAL, EventType.APPROVED, EventType.RUN_COMPLETED, EventType.GATES_COMPLETED,
        EventType.REGISTRY_UPDATED, EventType.DONE);
    JobEvent run = wiring.jobs().events(job).list().get(4);
    Path dossier = wiring.config().artifactRoot().resolve(run.output("dossier_path"));
    assertThat(dossier.resolve("dossier_manifest.json")).exists();
    assertThat(dossier.resolve("gate_results.json")).exists();
    assertThat(wiring.registry().trial(run.output("run_id"))).isPresent();
    assertThat(wiring.jobs().verify(job).ok()).isTrue();

    // What the daemon said: the inbox's answer, and one line per transition of the job, in order (the inbox line
    // may come after the job's first lines: the watcher can take the new job up before the answer is written).
    List<LogLine> said = awaitLine("inbox buyhold.json → job " + job + " (created)");
    List<String> jobLines = said.stream().filter(l -> l.logger().equals(DaemonLog.JOBS)).map(LogLine::msg).toList();
    String outcome = JobViews.outcome(wiring.jobs(), job, wiring.jobs().state(job)).text();
    assertThat(jobLines).hasSize(7);
    assertThat(jobLines.get(0)).matches("job " + job + " compile done in \\d+ ms → RUNSPEC_COMPILED");
    assertThat(jobLines.get(1)).isEqualTo("job " + job + " waits for approval of runspec (outputs/runspec.json)");
    assertThat(jobLines.get(2)).isEqualTo("job " + job + " approved runspec by alice");
    assertThat(jobLines.get(3)).matches("job " + job + " run done in \\d+ ms → RUN_COMPLETED");
    assertThat(jobLines.get(4)).matches("job " + job + " gates done in \\d+ ms → GATES_COMPLETED");
    assertThat(jobLines.get(5)).matches("job " + job + " registry done in \\d+ ms → REGISTRY_UPDATED");
    assertThat(jobLines.get(6)).isEqualTo("job " + job + " " + outcome).contains(" DONE · ");
    assertThat(said).allSatisfy(l -> assertThat(Json.parse(l.json(), "line").path("msg").asText())
        .isEqualTo(l.msg()));
    assertThat(said).extracting(LogLine::level).containsOnly(LogLevel.INFO);
  }

  @Test
  void aBadFileGoesToErrorWithThePointerAndTheSameFileTwiceMakesOneJob() throws Exception {
    var bad = DaemonFixture.jobSpec("demo_tiny", "bad");
    ((com.fasterxml.jackson.databind.node.ObjectNode) bad.get("blueprint").get("universe")).putArray("symbols");
    DaemonFixture.drop(inbox(), "bad.json", bad);
    DaemonFixture.drop(inbox(), "bare.json", DaemonFixture.blueprint("bare"));

    Path error = inbox().resolve(".error/bad.json.error.json");
    DaemonFixture.awaitFile(error, WAIT);
    JsonNode answer = Json.read(error);
    assertThat(answer.path("error").asText()).contains("/blueprint/universe/symbols");
    assertThat(answer.path("violations")).isNotEmpty();
    assertThat(answer.path("violations").get(0).path("pointer").asText()).isEqualTo("/blueprint/universe/symbols");
    assertThat(answer.path("violations").get(0).path("source").asText()).isEqualTo("inbox/bad.json");
    DaemonFixture.awaitFile(inbox().resolve(".error/bad.json"), WAIT);
    assertThat(inbox().resolve("bad.json")).doesNotExist();

    Path bare = inbox().resolve(".error/bare.json.error.json");
    DaemonFixture.awaitFile(bare, WAIT);
    assertThat(Json.read(bare).path("violations").get(0).path("rule").asText()).isEqualTo("snapshot_required");
    assertThat(Json.read(bare).path("error").asText()).contains("snapshot id");
    awaitLine("inbox bad.json refused: /blueprint/universe/symbols "
        + answer.path("violations").get(0).path("rule").asText());
    assertThat(awaitLine("inbox bare.json refused: /schema_version snapshot_required"))
        .filteredOn(l -> l.msg().startsWith("inbox bare.json")).extracting(LogLine::level).containsExactly(LogLevel.WARN);

    var spec = DaemonFixture.jobSpec("demo_tiny", "twice");
    Path result = inbox().resolve(".done/twice.json.result.json");
    DaemonFixture.drop(inbox(), "twice.json", spec);
    DaemonFixture.awaitFile(result, WAIT);
    String first = Json.read(result).path("job_id").asText();
    assertThat(Json.read(result).path("status").asText()).isEqualTo("created");
    // The answer is written before Camel moves the file: drop again only once the first file has left the inbox,
    // or the second drop would replace the first in place and never be an exchange of its own.
    DaemonFixture.awaitChange(inbox(), WAIT, () -> !Files.exists(inbox().resolve("twice.json")));

    NotifyBuilder secondDrop = new NotifyBuilder(context).fromRoute("inbox").whenDone(1).create();
    DaemonFixture.drop(inbox(), "twice.json", spec);
    assertThat(secondDrop.matches(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    DaemonFixture.awaitChange(result.getParent(), WAIT,
        () -> Json.read(result).path("status").asText().equals("exists"));
    assertThat(Json.read(result).path("job_id").asText()).isEqualTo(first);
    assertThat(wiring.jobs().jobIds()).containsExactly(first);
  }

  private List<EventType> types(String job) {
    return wiring.jobs().events(job).list().stream().map(JobEvent::type).toList();
  }
}
