package io.quanteam.eam.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.quanteam.eam.app.EamWiring;
import io.quanteam.eam.data.DemoProfile;
import io.quanteam.eam.job.ApprovalResult;
import io.quanteam.eam.job.EventType;
import io.quanteam.eam.job.JobEvent;
import io.quanteam.eam.job.Phase;
import io.quanteam.eam.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The workflow beans driven synchronously, as the dispatch route drives them (no Camel here). */
class WorkflowBeansTest {
  @TempDir
  Path home;
  SyncWorkflow flow;
  EamWiring wiring;

  @BeforeEach
  void setUp() {
    flow = new SyncWorkflow(home);
    wiring = flow.wiring;
  }

  @Test
  void aBlueprintJobStopsAtTheRunspecCheckpointAndFinishesAfterApproval() throws Exception {
    String job = flow.submitBuyAndHold();

    assertThat(flow.drive(job)).containsExactly("direct:stage-compile", "direct:checkpoint");
    assertThat(wiring.jobs().state(job).waitingOn("runspec")).isTrue();
    assertThat(flow.drive(job)).as("nothing runs past a checkpoint").isEmpty();

    assertThat(wiring.jobs().approve(job, "runspec", "alice")).isEqualTo(ApprovalResult.APPROVED);
    assertThat(flow.drive(job)).containsExactly("direct:stage-run", "direct:stage-gates", "direct:stage-registry",
        "direct:stage-done");

    List<JobEvent> events = wiring.jobs().events(job).list();
    assertThat(events).extracting(JobEvent::type).containsExactly(EventType.BLUEPRINT_SUBMITTED,
        EventType.RUNSPEC_COMPILED, EventType.WAITING_APPROVAL, EventType.APPROVED, EventType.RUN_COMPLETED,
        EventType.GATES_COMPLETED, EventType.REGISTRY_UPDATED, EventType.DONE);
    String runId = events.get(4).output("run_id");
    Path dossier = wiring.config().artifactRoot().resolve(events.get(4).output("dossier_path"));
    assertThat(dossier).isEqualTo(wiring.config().dossierRoot().resolve(runId));
    assertThat(dossier.resolve("gate_results.json")).exists();
    assertThat(wiring.registry().trial(runId)).isPresent();
    assertThat(wiring.jobs().verify(job).ok()).isTrue();
    // The finished job has its index (01 §2), equal to what eam job reindex rebuilds.
    Path index = wiring.jobs().dir(job).resolve("outputs/outputs.json");
    assertThat(Json.read(index)).isEqualTo(wiring.jobs().outputs(job));
    assertThat(Json.read(index).get("runspec_path").asText()).isEqualTo("outputs/runspec.json");
  }

  @Test
  void aRunspecChangedAfterApprovalEndsTheJobInError() throws Exception {
    String job = flow.submitBuyAndHold();
    flow.drive(job);
    wiring.jobs().approve(job, "runspec", "alice");
    Path runspec = wiring.jobs().dir(job).resolve("outputs/runspec.json");
    Files.writeString(runspec, Files.readString(runspec).replace("\"lag_bars\": 1", "\"lag_bars\": 2"));

    flow.drive(job);

    JobEvent last = wiring.jobs().events(job).last();
    assertThat(last.type()).isEqualTo(EventType.ERROR);
    assertThat(last.output("reason")).isEqualTo("ARTIFACT_CHANGED_AFTER_APPROVAL");
    assertThat(wiring.jobs().state(job).phase()).isEqualTo(Phase.TERMINAL_ERROR);
  }

  @Test
  void gateResultsEditedAfterTheGatesStageStopTheJobAndFailVerification() throws Exception {
    String job = flow.submitBuyAndHold();
    flow.drive(job);
    wiring.jobs().approve(job, "runspec", "alice");
    assertThat(wiring.stages().advance(job, "run")).isEqualTo("RUN_COMPLETED");
    assertThat(wiring.stages().advance(job, "gates")).isEqualTo("GATES_COMPLETED");
    JobEvent gated = wiring.jobs().events(job).last();
    Path gateResults = wiring.config().artifactRoot().resolve(gated.output("gate_results_path"));
    assertThat(gated.output("gate_results_sha256")).isEqualTo(io.quanteam.eam.json.Sha256.ofFile(gateResults));
    assertThat(wiring.jobs().verify(job).ok()).isTrue();

    Files.writeString(gateResults, Files.readString(gateResults).replace("\"overall_pass\": false",
        "\"overall_pass\": true") + " ");

    assertThat(wiring.stages().advance(job, "registry")).isEqualTo("ERROR");
    JobEvent last = wiring.jobs().events(job).last();
    assertThat(last.output("reason")).isEqualTo("ARTIFACT_CHANGED");
    assertThat(last.output("message")).contains("gate_results.json");
    assertThat(wiring.registry().trials()).isEmpty();
    assertThat(wiring.jobs().verify(job).ok()).isFalse();
  }

  @Test
  void aJobTheReferenceLeftWaitingIsApprovedAndFinishedByThisProduct() throws Exception {
    wiring.snapshots().createDemo("demo_snap_job_001", DemoProfile.TINY);
    Path fixture = Path.of("src/test/resources/reference/child_job_at_checkpoint_0d38b73dd02d");
    Path job = wiring.config().jobRoot().resolve("0d38b73dd02d");
    try (var files = Files.walk(fixture)) {
      for (Path f : files.toList()) {
        Path target = job.resolve(fixture.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(target);
        } else {
          Files.copy(f, target);
        }
      }
    }
    assertThat(wiring.jobs().state("0d38b73dd02d").waitingOn("blueprint")).isTrue();

    assertThat(wiring.jobs().approve("0d38b73dd02d", "blueprint", "alice")).isEqualTo(ApprovalResult.APPROVED);
    assertThat(flow.drive("0d38b73dd02d")).containsExactly("direct:stage-compile", "direct:checkpoint");
    wiring.jobs().approve("0d38b73dd02d", "runspec", "alice");
    flow.drive("0d38b73dd02d");

    assertThat(wiring.jobs().state("0d38b73dd02d").phase()).isEqualTo(Phase.TERMINAL_DONE);
    var report = wiring.jobs().verify("0d38b73dd02d");
    assertThat(report.ok()).isTrue();
    assertThat(report.unchainedPrefix()).as("the reference's two lines stay an unchained prefix").isEqualTo(2);
  }

  @Test
  void twoJobsSharingARunspecGateItOnceAndBothFinish() throws Exception {
    var bp = Json.read(Path.of("contracts/examples/blueprint_v1_buyhold_demo_ok.json"));
    String a = wiring.jobs().submitBlueprint(bp, "demo_tiny", "policies/policy_bundle_v1.yaml", null, "a").jobId();
    String b = wiring.jobs().submitBlueprint(bp, "demo_tiny", "policy_bundle_v1.yaml", null, "b").jobId();
    assertThat(a).isNotEqualTo(b);
    for (String job : List.of(a, b)) {
      flow.drive(job);
      wiring.jobs().approve(job, "runspec", "alice");
    }
    java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
    var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
    try {
      var fa = pool.submit(() -> {
        start.await();
        return flow.drive(a);
      });
      var fb = pool.submit(() -> {
        start.await();
        return flow.drive(b);
      });
      start.countDown();
      fa.get();
      fb.get();
    } finally {
      pool.shutdown();
    }
    for (String job : List.of(a, b)) {
      assertThat(wiring.jobs().state(job).phase()).as(job).isEqualTo(Phase.TERMINAL_DONE);
      assertThat(wiring.jobs().verify(job).ok()).as(job).isTrue();
    }
    List<Boolean> reused = new java.util.ArrayList<>();
    for (String job : List.of(a, b)) {
      for (JobEvent e : wiring.jobs().events(job).list()) {
        if (e.type() == EventType.GATES_COMPLETED) {
          reused.add(e.outputs().path("gates_reused").asBoolean());
        }
      }
    }
    assertThat(reused).containsExactlyInAnyOrder(false, true);
  }

  @Test
  void anInvalidRunHasItsTrialRecordedAndEndsInError() throws Exception {
    String job = flow.submitBuyAndHold();
    flow.drive(job);
    wiring.jobs().approve(job, "runspec", "alice");
    assertThat(wiring.stages().advance(job, "run")).isEqualTo("RUN_COMPLETED");
    // The snapshot changes under the run: its integrity gate, a mandatory one, fails.
    Path csv = wiring.config().dataRoot().resolve("lake/demo_tiny/ohlcv_1d.csv");
    Files.writeString(csv, Files.readString(csv) + "AAA,2024-01-11,1,1,1,1,1,2024-01-11T16:00:00+08:00,demo\r\n");

    assertThat(wiring.stages().advance(job, "gates")).isEqualTo("GATES_COMPLETED");
    JobEvent gated = wiring.jobs().events(job).last();
    assertThat(gated.outputs().path("invalid").asBoolean()).isTrue();
    assertThat(gated.outputs().path("invalid_gates").toString()).contains("data_snapshot_integrity_v1");

    // Also what a restart after a crash between the two events does: the registry stage records and ends the job.
    assertThat(wiring.stages().advance(job, "registry")).isEqualTo("ERROR");
    JobEvent last = wiring.jobs().events(job).last();
    assertThat(last.output("reason")).isEqualTo("INVALID_RUN");
    assertThat(last.output("step")).isEqualTo("gates");
    String runId = wiring.jobs().events(job).list().get(4).output("run_id");
    assertThat(wiring.registry().trial(runId).orElseThrow().path("status").asText()).isEqualTo("invalid");
    assertThat(wiring.registry().cards()).isEmpty();
  }

  @Test
  void aStageSeesItsStepTakenAndSkips() throws Exception {
    String job = flow.submitBuyAndHold();
    assertThat(wiring.stages().advance(job, "compile")).isEqualTo("RUNSPEC_COMPILED");
    assertThat(wiring.stages().advance(job, "compile")).isEqualTo(StageRunner.SKIPPED);
    assertThat(wiring.stages().advance(job, "run")).as("run waits for the runspec approval")
        .isEqualTo(StageRunner.SKIPPED);
    assertThat(wiring.stages().openCheckpoint(job)).isEqualTo("runspec");
    assertThat(wiring.stages().openCheckpoint(job)).isEqualTo(StageRunner.SKIPPED);
    assertThat(wiring.jobs().events(job).list()).filteredOn(e -> e.type() == EventType.WAITING_APPROVAL).hasSize(1);
  }

  @Test
  void aCompileErrorEndsTheJobWithAnActionableMessage() throws Exception {
    // submitted unchecked, as by a version before submissions were checked against the lake
    io.quanteam.eam.job.JobStore unchecked = new io.quanteam.eam.job.JobStore(wiring.config().jobRoot(),
        wiring.config().artifactRoot(), wiring.policies(), wiring.config().clock());
    String job = unchecked.submitBlueprint(
        Json.read(Path.of("contracts/examples/blueprint_v1_buyhold_demo_ok.json")), "no_such_snapshot", null, null,
        "test").jobId();
    flow.drive(job);
    JobEvent last = wiring.jobs().events(job).last();
    assertThat(last.type()).isEqualTo(EventType.ERROR);
    assertThat(last.output("step")).isEqualTo("compile");
    assertThat(last.output("reason")).isEqualTo("INVALID_INPUT");
    assertThat(last.output("message")).contains("no_such_snapshot");
  }

  @Test
  void aSubmittedFileEditedBeforeCompileEndsTheJobInsteadOfBeingCompiled() throws Exception {
    String job = flow.submitBuyAndHold();
    Path input = wiring.jobs().dir(job).resolve("inputs/blueprint.json");
    Files.writeString(input, Files.readString(input).replace("\"AAA\"", "\"ZZZ\""));

    assertThat(flow.drive(job)).containsExactly("direct:stage-compile");

    JobEvent error = wiring.jobs().events(job).last();
    assertThat(error.type()).isEqualTo(EventType.ERROR);
    assertThat(error.output("reason")).isEqualTo("ARTIFACT_CHANGED");
    assertThat(error.output("message")).contains("inputs/blueprint.json no longer equals the blueprint");
    assertThat(wiring.jobs().dir(job).resolve("outputs/runspec.json")).doesNotExist();
  }

  @Test
  void anEditedJobSpecIsRefusedToo() throws Exception {
    String job = flow.submitBuyAndHold();
    Path spec = wiring.jobs().dir(job).resolve("job_spec.json");
    Files.writeString(spec, Files.readString(spec).replace("\"demo_tiny\"", "\"demo\""));

    flow.drive(job);

    assertThat(wiring.jobs().state(job).phase()).isEqualTo(Phase.TERMINAL_ERROR);
    assertThat(wiring.jobs().events(job).last().output("message")).contains("job_spec.json no longer hashes to");
    assertThat(wiring.jobs().dir(job).resolve("outputs/outputs.json")).as("a job ended in ERROR has its index too")
        .exists();
  }



  @Test
  void aRunspecEditedBeforeItsCheckpointOpensIsNotPutUpForReview() throws Exception {
    String job = flow.submitBuyAndHold();
    assertThat(wiring.stages().advance(job, "compile")).isEqualTo("RUNSPEC_COMPILED");
    Path runspec = wiring.jobs().dir(job).resolve("outputs/runspec.json");
    Files.writeString(runspec, Files.readString(runspec).replace("\"lag_bars\": 1", "\"lag_bars\": 2"));

    assertThat(wiring.stages().openCheckpoint(job)).isEqualTo("ERROR");

    assertThat(wiring.jobs().events(job).last().output("reason")).isEqualTo("ARTIFACT_CHANGED");
    assertThat(flow.drive(job)).isEmpty();
  }

}
