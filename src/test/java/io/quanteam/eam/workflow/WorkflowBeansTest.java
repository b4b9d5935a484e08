package io.quanteam.eam.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.quanteam.eam.app.EamConfig;
import io.quanteam.eam.app.EamWiring;
import io.quanteam.eam.data.DemoProfile;
import io.quanteam.eam.job.ApprovalResult;
import io.quanteam.eam.job.EventType;
import io.quanteam.eam.job.JobEvent;
import io.quanteam.eam.job.Phase;
import io.quanteam.eam.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The workflow beans driven synchronously, as the dispatch route drives them (no Camel here). */
class WorkflowBeansTest {
  @TempDir
  Path home;
  EamWiring wiring;

  @BeforeEach
  void setUp() {
    Map<String, String> env = new HashMap<>();
    env.put("EAM_HOME", home.toString());
    env.put("EAM_POLICIES_ROOT", Path.of("policies").toAbsolutePath().toString());
    env.put("SOURCE_DATE_EPOCH", "1764115200");
    wiring = EamWiring.create(EamConfig.from(env, new Properties()));
    wiring.snapshots().createDemo("demo_tiny", DemoProfile.TINY);
  }

  /** Runs steps until the dispatcher says there is nothing to do; returns the endpoints taken. */
  private List<String> drive(String jobId) {
    List<String> taken = new java.util.ArrayList<>();
    for (String endpoint = wiring.dispatcher().nextEndpoint(jobId); !Dispatcher.NONE.equals(endpoint);
        endpoint = wiring.dispatcher().nextEndpoint(jobId)) {
      taken.add(endpoint);
      if (Dispatcher.CHECKPOINT.equals(endpoint)) {
        wiring.stages().openCheckpoint(jobId);
      } else {
        wiring.stages().advance(jobId, Dispatcher.stageOf(endpoint));
      }
    }
    return taken;
  }

  private String submitBuyAndHold() throws Exception {
    return wiring.jobs().submitBlueprint(Json.read(Path.of("contracts/examples/blueprint_v1_buyhold_demo_ok.json")),
        "demo_tiny", null, null, "test").jobId();
  }

  @Test
  void aBlueprintJobStopsAtTheRunspecCheckpointAndFinishesAfterApproval() throws Exception {
    String job = submitBuyAndHold();

    assertThat(drive(job)).containsExactly("direct:stage-compile", "direct:checkpoint");
    assertThat(wiring.jobs().state(job).waitingOn("runspec")).isTrue();
    assertThat(drive(job)).as("nothing runs past a checkpoint").isEmpty();

    assertThat(wiring.jobs().approve(job, "runspec", "alice")).isEqualTo(ApprovalResult.APPROVED);
    assertThat(drive(job)).containsExactly("direct:stage-run", "direct:stage-gates", "direct:stage-registry",
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
  }

  @Test
  void aRunspecChangedAfterApprovalEndsTheJobInError() throws Exception {
    String job = submitBuyAndHold();
    drive(job);
    wiring.jobs().approve(job, "runspec", "alice");
    Path runspec = wiring.jobs().dir(job).resolve("outputs/runspec.json");
    Files.writeString(runspec, Files.readString(runspec).replace("\"lag_bars\": 1", "\"lag_bars\": 2"));

    drive(job);

    JobEvent last = wiring.jobs().events(job).last();
    assertThat(last.type()).isEqualTo(EventType.ERROR);
    assertThat(last.output("reason")).isEqualTo("ARTIFACT_CHANGED_AFTER_APPROVAL");
    assertThat(wiring.jobs().state(job).phase()).isEqualTo(Phase.TERMINAL_ERROR);
  }

  @Test
  void gateResultsEditedAfterTheGatesStageStopTheJobAndFailVerification() throws Exception {
    String job = submitBuyAndHold();
    drive(job);
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

  /** Submits, approves and runs a job; returns its dossier folder. */
  private Path runToDossier(String job) {
    drive(job);
    wiring.jobs().approve(job, "runspec", "alice");
    assertThat(wiring.stages().advance(job, "run")).isEqualTo("RUN_COMPLETED");
    return wiring.config().artifactRoot().resolve(wiring.jobs().events(job).last().output("dossier_path"));
  }

  /** The dossier of the job's runspec, written by the kernel directly (as another process or build would). */
  private Path dossierWrittenOutsideTheJob(String job, String appVersion) {
    io.quanteam.eam.backtest.RunSetup setup = io.quanteam.eam.backtest.RunSetup.prepare(
        Json.read(wiring.jobs().dir(job).resolve("outputs/runspec.json")), "test", wiring.snapshots(),
        wiring.policies());
    return new io.quanteam.eam.backtest.DossierWriter(wiring.config().dossierRoot(), appVersion, 1764115200L)
        .write(setup).dir();
  }

  private List<com.fasterxml.jackson.databind.JsonNode> recoveryNotes(String job) throws Exception {
    Path log = wiring.jobs().dir(job).resolve("logs/recovery.jsonl");
    return Files.readAllLines(log).stream().map(l -> Json.parse(l, log.toString())).toList();
  }

  @Test
  void aDossierEditedAfterTheRunIsPutBackFromTheApprovedRunspecAndTheEditKeptAside() throws Exception {
    String job = submitBuyAndHold();
    Path dossier = runToDossier(job);
    Path metrics = dossier.resolve("metrics.json");
    String original = Files.readString(metrics);
    Files.writeString(metrics, original.replace("\"total_return\"", "\"total_return\" ").strip() + " ");

    assertThat(wiring.stages().advance(job, "gates")).isEqualTo("GATES_COMPLETED");

    assertThat(Files.readString(metrics)).isEqualTo(original);
    Path damaged = dossier.resolveSibling(".damaged-" + dossier.getFileName() + "-1");
    assertThat(Files.readString(damaged.resolve("metrics.json"))).isNotEqualTo(original);
    com.fasterxml.jackson.databind.JsonNode note = recoveryNotes(job).get(0);
    assertThat(note.path("action").asText()).isEqualTo("restored_dossier");
    assertThat(note.path("stage").asText()).isEqualTo("gates");
    assertThat(note.path("problems").toString()).contains("metrics.json");
    assertThat(drive(job)).containsExactly("direct:stage-registry", "direct:stage-done");
    assertThat(wiring.jobs().verify(job).ok()).isTrue();
  }

  @Test
  void aDossierLostAfterItsEventIsRebuiltByteForByte() throws Exception {
    String job = submitBuyAndHold();
    Path dossier = runToDossier(job);
    Map<String, String> before = new java.util.TreeMap<>();
    try (var files = Files.walk(dossier)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        before.put(dossier.relativize(f).toString(), io.quanteam.eam.json.Sha256.ofFile(f));
      }
    }
    // What a power cut can leave of files that were never forced: one emptied, the folder's others gone.
    Files.write(dossier.resolve("curve.csv"), new byte[0]);
    Files.delete(dossier.resolve("segments_summary.json"));

    assertThat(drive(job)).containsExactly("direct:stage-gates", "direct:stage-registry", "direct:stage-done");

    Map<String, String> after = new java.util.TreeMap<>();
    try (var files = Files.walk(dossier)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        String name = dossier.relativize(f).toString();
        if (before.containsKey(name)) {
          after.put(name, io.quanteam.eam.json.Sha256.ofFile(f));
        }
      }
    }
    assertThat(after).isEqualTo(before);
    assertThat(wiring.jobs().state(job).phase()).isEqualTo(Phase.TERMINAL_DONE);
    assertThat(wiring.jobs().verify(job).ok()).isTrue();
  }

  @Test
  void aDossierDamagedBeforeItsRunWasRecordedIsRebuiltByTheRunStage() throws Exception {
    String job = submitBuyAndHold();
    drive(job);
    wiring.jobs().approve(job, "runspec", "alice");
    // A power cut after the dossier's rename and before RUN_COMPLETED: the folder is there, a file is empty.
    Path dossier = dossierWrittenOutsideTheJob(job, EamConfig.appVersion());
    String metrics = Files.readString(dossier.resolve("metrics.json"));
    Files.write(dossier.resolve("metrics.json"), new byte[0]);

    assertThat(drive(job)).containsExactly("direct:stage-run", "direct:stage-gates", "direct:stage-registry",
        "direct:stage-done");

    assertThat(Files.readString(dossier.resolve("metrics.json"))).isEqualTo(metrics);
    assertThat(recoveryNotes(job)).extracting(n -> n.path("stage").asText()).containsExactly("run");
    assertThat(wiring.jobs().verify(job).ok()).isTrue();
  }

  @Test
  void aDossierDamagedAfterGatingIsRepairedInPlaceAndKeepsItsGateResults() throws Exception {
    String job = submitBuyAndHold();
    Path dossier = runToDossier(job);
    assertThat(wiring.stages().advance(job, "gates")).isEqualTo("GATES_COMPLETED");
    byte[] gateResults = Files.readAllBytes(dossier.resolve("gate_results.json"));
    Files.write(dossier.resolve("metrics.json"), new byte[0]);

    assertThat(drive(job)).containsExactly("direct:stage-registry", "direct:stage-done");

    assertThat(Files.readAllBytes(dossier.resolve("gate_results.json"))).isEqualTo(gateResults);
    assertThat(recoveryNotes(job)).extracting(n -> n.path("stage").asText()).containsExactly("registry");
    assertThat(wiring.jobs().verify(job).ok()).isTrue();
  }

  @Test
  void anEmptiedManifestIsRebuiltToo() throws Exception {
    String job = submitBuyAndHold();
    Path dossier = runToDossier(job);
    Files.write(dossier.resolve("dossier_manifest.json"), new byte[0]);

    assertThat(drive(job)).containsExactly("direct:stage-gates", "direct:stage-registry", "direct:stage-done");
    assertThat(wiring.jobs().verify(job).ok()).isTrue();
  }

  @Test
  void verifyReportsADossierFileDamagedAfterTheJobFinished() throws Exception {
    String job = submitBuyAndHold();
    Path dossier = runToDossier(job);
    drive(job);
    assertThat(wiring.jobs().verify(job).ok()).isTrue();

    Files.write(dossier.resolve("curve.csv"), new byte[0]);

    var report = wiring.jobs().verify(job);
    assertThat(report.ok()).isFalse();
    assertThat(report.problems()).extracting(p -> p.kind()).containsExactly("dossier_file_changed");
    assertThat(report.problems().get(0).message()).contains("curve.csv");
  }

  @Test
  void verifyWithRepairRestoresAFinishedJobsDossier() throws Exception {
    String job = submitBuyAndHold();
    Path dossier = runToDossier(job);
    drive(job);
    byte[] curve = Files.readAllBytes(dossier.resolve("curve.csv"));
    Files.write(dossier.resolve("curve.csv"), new byte[0]);
    java.io.StringWriter out = new java.io.StringWriter();
    picocli.CommandLine cli = io.quanteam.eam.cli.EamCommand.commandLine(wiring.config());
    cli.setOut(new java.io.PrintWriter(out, true));

    assertThat(cli.execute("job", "verify", job)).isEqualTo(2);
    assertThat(cli.execute("job", "verify", job, "--repair")).isZero();

    assertThat(out.toString()).contains("dossier restored from the approved runspec (curve.csv: sha256");
    assertThat(Files.readAllBytes(dossier.resolve("curve.csv"))).isEqualTo(curve);
    assertThat(recoveryNotes(job)).extracting(n -> n.path("stage").asText()).containsExactly("verify");
    assertThat(cli.execute("job", "verify", job, "--repair")).isZero();
    assertThat(out.toString()).contains("dossier: nothing to repair");
  }

  @Test
  void theRunStageDoesNotRebuildADamagedDossierWhoseManifestItCannotReproduce() throws Exception {
    String job = submitBuyAndHold();
    drive(job);
    wiring.jobs().approve(job, "runspec", "alice");
    // The same run written by another build (another manifest), then damaged: not this runspec's to rebuild.
    Path dossier = dossierWrittenOutsideTheJob(job, "0.0.0-other");
    Files.write(dossier.resolve("trades.csv"), new byte[0]);

    assertThat(wiring.stages().advance(job, "run")).isEqualTo("ERROR");
    assertThat(wiring.jobs().events(job).last().output("reason")).isEqualTo("ARTIFACT_CHANGED");
    assertThat(dossier.resolve("trades.csv")).isEmptyFile();
  }

  @Test
  void aWhollyMissingDossierIsRebuiltToo() throws Exception {
    String job = submitBuyAndHold();
    Path dossier = runToDossier(job);
    io.quanteam.eam.json.AtomicFiles.deleteTree(dossier);

    assertThat(drive(job)).containsExactly("direct:stage-gates", "direct:stage-registry", "direct:stage-done");
    assertThat(dossier.resolve("dossier_manifest.json")).exists();
    assertThat(recoveryNotes(job)).extracting(n -> n.path("problems").get(0).asText())
        .containsExactly("dossier_manifest.json: missing");
    assertThat(wiring.jobs().verify(job).ok()).isTrue();
  }

  @Test
  void aDossierThatTheApprovedRunspecNoLongerReproducesStopsTheJob() throws Exception {
    String job = submitBuyAndHold();
    Path dossier = runToDossier(job);
    Files.writeString(dossier.resolve("metrics.json"), Files.readString(dossier.resolve("metrics.json")) + " ");
    // Another application version would render a different config snapshot, so a different manifest.
    Map<String, String> env = new HashMap<>();
    env.put("EAM_HOME", home.toString());
    env.put("EAM_POLICIES_ROOT", Path.of("policies").toAbsolutePath().toString());
    env.put("SOURCE_DATE_EPOCH", "1764115201");
    EamWiring other = EamWiring.create(EamConfig.from(env, new Properties()));

    assertThat(other.stages().advance(job, "gates")).isEqualTo("ERROR");
    JobEvent last = other.jobs().events(job).last();
    assertThat(last.output("reason")).isEqualTo("ARTIFACT_CHANGED");
    assertThat(last.output("message")).contains("metrics.json").contains("does not reproduce");
    assertThat(dossier.resolve("gate_results.json")).doesNotExist();
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
    assertThat(drive("0d38b73dd02d")).containsExactly("direct:stage-compile", "direct:checkpoint");
    wiring.jobs().approve("0d38b73dd02d", "runspec", "alice");
    drive("0d38b73dd02d");

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
      drive(job);
      wiring.jobs().approve(job, "runspec", "alice");
    }
    java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
    var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
    try {
      var fa = pool.submit(() -> {
        start.await();
        return drive(a);
      });
      var fb = pool.submit(() -> {
        start.await();
        return drive(b);
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
    String job = submitBuyAndHold();
    drive(job);
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
    String job = submitBuyAndHold();
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
    String job = wiring.jobs().submitBlueprint(
        Json.read(Path.of("contracts/examples/blueprint_v1_buyhold_demo_ok.json")), "no_such_snapshot", null, null,
        "test").jobId();
    drive(job);
    JobEvent last = wiring.jobs().events(job).last();
    assertThat(last.type()).isEqualTo(EventType.ERROR);
    assertThat(last.output("step")).isEqualTo("compile");
    assertThat(last.output("reason")).isEqualTo("INVALID_INPUT");
    assertThat(last.output("message")).contains("no_such_snapshot");
  }

  @Test
  void theDispatcherKnowsEventLogPaths() {
    assertThat(wiring.dispatcher().jobIdOfEventsFile("/var/jobs/0123456789ab/events.jsonl")).isEqualTo("0123456789ab");
    assertThat(wiring.dispatcher().jobIdOfEventsFile("0123456789ab/events.jsonl")).isEqualTo("0123456789ab");
    assertThat(wiring.dispatcher().jobIdOfEventsFile("/var/jobs/0123456789ab/job_spec.json"))
        .isEqualTo(Dispatcher.NONE);
    assertThat(wiring.dispatcher().jobIdOfEventsFile("/var/jobs/XYZ/events.jsonl")).isEqualTo(Dispatcher.NONE);
  }
}
