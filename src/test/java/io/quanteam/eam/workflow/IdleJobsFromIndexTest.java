package io.quanteam.eam.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.quanteam.eam.job.JobViews;
import io.quanteam.eam.job.Phase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A daemon's first sweep answers the jobs its summary index shows waiting or ended, at their logs' current stamps,
 * without reading their files; any job whose log changed since is read as before.
 */
class IdleJobsFromIndexTest {
  @TempDir
  Path home;

  @Test
  void theFirstSweepReadsOnlyTheJobsWhoseLogsChangedSinceTheIndex() throws Exception {
    SyncWorkflow before = new SyncWorkflow(home);
    String waiting = before.submitBuyAndHold();
    before.drive(waiting);
    String approved = before.wiring.jobs().submitBlueprint(
        ((com.fasterxml.jackson.databind.node.ObjectNode) io.quanteam.eam.json.Json.read(
            Path.of("contracts/examples/blueprint_v1_buyhold_demo_ok.json"))).put("title", "second"),
        "demo_tiny", null, null, "test").jobId();
    before.drive(approved);
    assertThat(before.wiring.jobs().state(waiting).phase()).isEqualTo(Phase.WAITING);
    JobViews.summaries(before.wiring.jobs()); // a listing: the index holds both rows at these stamps
    before.wiring.jobs().approve(approved, "runspec", "alice"); // its log moves on after the index
    // the waiting job's spec damaged without touching its log: only a read of its files can notice
    Files.writeString(before.wiring.jobs().dir(waiting).resolve("job_spec.json"), "{");

    // a new process: no caches; the control dispatcher reads every job, as a first sweep did
    List<String> warnings = new ArrayList<>();
    SyncWorkflow restarted = new SyncWorkflow(home);
    Dispatcher control = new Dispatcher(restarted.wiring.jobs(), restarted.wiring.stages(), warnings::add);
    assertThat(control.nextEndpoint(waiting)).isEqualTo(Dispatcher.NONE);
    assertThat(warnings).as("read: the damaged spec is found").hasSize(1);

    warnings.clear();
    SyncWorkflow again = new SyncWorkflow(home);
    Dispatcher dispatcher = new Dispatcher(again.wiring.jobs(), again.wiring.stages(), warnings::add);
    dispatcher.rememberIdle(io.quanteam.eam.job.JobSummaryIndex.load(again.wiring.jobs().root()));
    assertThat(dispatcher.nextEndpoint(waiting)).isEqualTo(Dispatcher.NONE);
    assertThat(warnings).as("answered from the index and one stat: not read").isEmpty();
    assertThat(dispatcher.nextEndpoint(approved)).as("approved after the index: read, and run")
        .isEqualTo(Dispatcher.stageEndpoint("run"));
    assertThat(dispatcher.jobsToSweep()).as("a sweep sends only jobs not seen idle at their logs' current stamps")
        .containsExactly(approved);
  }

  @Test
  void aSweepSendsAJobSeenIdleAgainOnceItsLogChanged() throws Exception {
    SyncWorkflow flow = new SyncWorkflow(home);
    String job = flow.submitBuyAndHold();
    Dispatcher dispatcher = new Dispatcher(flow.wiring.jobs(), flow.wiring.stages());
    assertThat(dispatcher.jobsToSweep()).as("never read: sent").containsExactly(job);
    flow.drive(job); // compiled, now waiting for a person
    assertThat(dispatcher.nextEndpoint(job)).isEqualTo(Dispatcher.NONE);
    assertThat(dispatcher.jobsToSweep()).as("seen waiting, log unchanged: not sent").isEmpty();
    flow.wiring.jobs().approve(job, "runspec", "alice"); // by another process, say: no signal reached us
    assertThat(dispatcher.jobsToSweep()).as("its log grew: sent").containsExactly(job);
  }
}
