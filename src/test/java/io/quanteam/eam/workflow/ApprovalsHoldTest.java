package io.quanteam.eam.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.quanteam.eam.app.EamWiring;
import io.quanteam.eam.job.EventType;
import io.quanteam.eam.job.JobEvent;
import io.quanteam.eam.job.JobLock;
import io.quanteam.eam.job.JobStore;
import io.quanteam.eam.json.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every approval a stage builds on still holds when the stage acts, not only the one directly before it. */
class ApprovalsHoldTest {
  @TempDir
  Path home;
  EamWiring wiring;

  @BeforeEach
  void setUp() {
    wiring = new SyncWorkflow(home).wiring;
    wiring.snapshots().createDemo("demo_snap_job_001", io.quanteam.eam.data.DemoProfile.TINY); // the idea's
  }

  /** An idea job whose agent stages are recorded by hand, approved up to the trace preview: next is run. */
  private String ideaJobApprovedUpToTheTracePreview() {
    JobStore jobs = wiring.jobs();
    // the example names the reference's budget file (/eam/inputs/...), which a submission here refuses
    com.fasterxml.jackson.databind.node.ObjectNode idea = (com.fasterxml.jackson.databind.node.ObjectNode) Json.read(
        Path.of("contracts/examples/idea_spec_v1_ok.json"));
    idea.remove("budget_policy_path");
    String job = jobs.submitIdea(idea, "test").jobId();
    Object[][] steps = {
        {EventType.BLUEPRINT_PROPOSED, "blueprint"}, {EventType.STRATEGY_SPEC_PROPOSED, "strategy_spec"},
        {EventType.RUNSPEC_COMPILED, "runspec"}, {EventType.TRACE_PREVIEW_COMPLETED, "trace_preview"}};
    for (Object[] step : steps) {
      String checkpoint = (String) step[1];
      String artifact = ReviewArtifacts.pathOf(checkpoint);
      try (JobLock lock = jobs.lock(job)) {
        jobs.writeArtifact(lock, artifact, ("reviewed " + checkpoint + "\n").getBytes(StandardCharsets.UTF_8));
        jobs.append(lock, (EventType) step[0], Json.object().put(checkpoint + "_path", artifact), null);
        jobs.waitForApproval(lock, checkpoint, artifact);
      }
      jobs.approve(job, checkpoint, "alice");
    }
    return job;
  }

  @Test
  void theRunStageRefusesARunspecEditedWhileTheTracePreviewWaited() throws Exception {
    String job = ideaJobApprovedUpToTheTracePreview();
    assertThat(wiring.dispatcher().nextEndpoint(job)).isEqualTo("direct:stage-run");
    Files.writeString(wiring.jobs().dir(job).resolve("outputs/runspec.json"), "edited after approval\n");

    assertThat(wiring.stages().advance(job, "run")).isEqualTo("ERROR");

    JobEvent error = wiring.jobs().events(job).last();
    assertThat(error.outputs().path("step").asText()).isEqualTo("runspec");
    assertThat(error.output("reason")).isEqualTo("ARTIFACT_CHANGED_AFTER_APPROVAL");
    assertThat(error.output("message")).contains("outputs/runspec.json changed after step runspec was approved");
  }

  @Test
  void aBlueprintJobsLaterStagesStillCheckTheApprovedRunspec() throws Exception {
    SyncWorkflow flow = new SyncWorkflow(home.resolve("second"));
    String job = flow.submitBuyAndHold();
    flow.runToDossier(job);
    Files.writeString(flow.wiring.jobs().dir(job).resolve("outputs/runspec.json"), "{}\n");

    assertThat(flow.wiring.stages().advance(job, "gates")).isEqualTo("ERROR");
    assertThat(flow.wiring.jobs().events(job).last().output("reason")).isEqualTo("ARTIFACT_CHANGED_AFTER_APPROVAL");
  }
}
