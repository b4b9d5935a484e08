package io.quanteam.eam.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.quanteam.eam.app.DaemonFixture;
import io.quanteam.eam.app.EamWiring;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lines the stage runner, the dispatcher and the inbox write for each transition, driven synchronously as the
 * routes drive them: exactly one per transition, none for a step skipped or a state read again.
 */
class DaemonLinesTest {
  @TempDir
  Path home;
  final List<LogLine> lines = new ArrayList<>();
  SyncWorkflow flow;
  EamWiring wiring;
  InboxSubmitter inbox;

  @BeforeEach
  void setUp() {
    flow = new SyncWorkflow(home, new DaemonLog(LogLevel.INFO, Clock.systemUTC(), lines::add));
    wiring = flow.wiring;
    inbox = new InboxSubmitter(wiring.jobs(), wiring.policies(), wiring.config().inboxDir(), System::nanoTime,
        wiring.stages().faults(), wiring.stages().log());
  }

  private List<String> messages() {
    return lines.stream().map(LogLine::msg).toList();
  }

  @Test
  void aDropApprovedRunsToDoneWithOneLinePerTransition() throws Exception {
    Path entry = DaemonFixture.drop(wiring.config().inboxDir(), "ma.json", DaemonFixture.jobSpec("demo_tiny", "ma"));
    assertThat(inbox.submit(entry.toString())).isEqualTo(InboxSubmitter.DONE);
    String job = wiring.jobs().jobIds().get(0);
    flow.drive(job);
    flow.drive(job); // a second look finds nothing to do and says nothing
    wiring.jobs().approve(job, "runspec", "alice");
    wiring.dispatcher().nextEndpoint(job); // the watcher and the sweep both read the state: one line
    flow.drive(job);

    List<String> msgs = messages();
    assertThat(msgs).hasSize(8);
    assertThat(msgs.get(0)).isEqualTo("inbox ma.json → job " + job + " (created)");
    assertThat(msgs.get(1)).matches("job " + job + " compile done in \\d+ ms → RUNSPEC_COMPILED");
    assertThat(msgs.get(2)).isEqualTo("job " + job + " waits for approval of runspec (outputs/runspec.json)");
    assertThat(msgs.get(3)).isEqualTo("job " + job + " approved runspec by alice");
    assertThat(msgs.get(4)).matches("job " + job + " run done in \\d+ ms → RUN_COMPLETED");
    assertThat(msgs.get(5)).matches("job " + job + " gates done in \\d+ ms → GATES_COMPLETED");
    assertThat(msgs.get(6)).matches("job " + job + " registry done in \\d+ ms → REGISTRY_UPDATED");
    String outcome = io.quanteam.eam.job.JobViews.outcome(wiring.jobs(), job, wiring.jobs().state(job)).text();
    assertThat(msgs.get(7)).isEqualTo("job " + job + " " + outcome).startsWith("job " + job + " DONE · ");
    LogLine done = lines.get(7);
    assertThat(done.field("outcome")).isEqualTo(outcome);
    assertThat(done.field("event")).isEqualTo("DONE");
    assertThat(done.field("duration_ms")).isInstanceOf(Long.class);
    assertThat(lines.get(4).field("step")).isEqualTo("run");
    assertThat(lines.get(4).field("job_id")).isEqualTo(job);
  }

  @Test
  void aRefusedEntryNamesTheRuleAndThePointer() throws Exception {
    var spec = DaemonFixture.jobSpec("demoo", "unknown snapshot");
    Path entry = DaemonFixture.drop(wiring.config().inboxDir(), "bad.json", spec);
    assertThat(inbox.submit(entry.toString())).isEqualTo(InboxSubmitter.ERROR);
    assertThat(lines).hasSize(1);
    assertThat(lines.get(0).level()).isEqualTo(LogLevel.WARN);
    assertThat(lines.get(0).msg()).isEqualTo("inbox bad.json refused: /snapshot_id "
        + lines.get(0).field("rule")).contains("snapshot");
  }

  @Test
  void theSameSpecAgainIsAnsweredExists() throws Exception {
    var spec = DaemonFixture.jobSpec("demo_tiny", "twice");
    inbox.submit(DaemonFixture.drop(wiring.config().inboxDir(), "a.json", spec).toString());
    inbox.submit(DaemonFixture.drop(wiring.config().inboxDir(), "b.json", spec).toString());
    assertThat(messages()).element(1).asString().startsWith("inbox b.json → job ").endsWith("(exists)");
  }

  @Test
  void aRejectionByAnotherProcessIsReportedOnceWithItsActor() throws Exception {
    String job = flow.submitBuyAndHold();
    flow.drive(job);
    lines.clear();
    wiring.jobs().reject(job, "runspec", "too risky", "bob");
    wiring.dispatcher().nextEndpoint(job);
    wiring.dispatcher().nextEndpoint(job);
    assertThat(messages()).containsExactly("job " + job + " DONE · rejected at runspec: too risky (by bob)");
    assertThat(lines.get(0).field("verdict")).isEqualTo("rejected");
  }

  @Test
  void aFailedJobIsOneErrorLineWithItsReason() throws Exception {
    String job = flow.submitBuyAndHold();
    flow.drive(job);
    wiring.jobs().approve(job, "runspec", "alice");
    Path runspec = wiring.jobs().dir(job).resolve("outputs/runspec.json");
    java.nio.file.Files.writeString(runspec, java.nio.file.Files.readString(runspec)
        .replace("\"lag_bars\": 1", "\"lag_bars\": 2"));
    lines.clear();
    flow.drive(job);
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0).msg()).isEqualTo("job " + job + " approved runspec by alice");
    LogLine failed = lines.get(1);
    assertThat(failed.level()).isEqualTo(LogLevel.ERROR);
    assertThat(failed.msg()).startsWith("job " + job + " ERROR · ARTIFACT_CHANGED_AFTER_APPROVAL at runspec: ");
    assertThat(failed.field("reason")).isEqualTo("ARTIFACT_CHANGED_AFTER_APPROVAL");

    String other = wiring.jobs().submitBlueprint(DaemonFixture.blueprint("other"), "demo_tiny", null, null,
        "other").jobId();
    lines.clear();
    assertThat(wiring.stages().recordFailure(other, "stage-compile", "boom")).isEqualTo("recorded");
    assertThat(messages()).containsExactly("job " + other + " ERROR · STAGE_FAILED at compile: boom");
  }
}
