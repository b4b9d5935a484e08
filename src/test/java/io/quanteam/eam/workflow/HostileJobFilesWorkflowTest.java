package io.quanteam.eam.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.quanteam.eam.app.EamWiring;
import io.quanteam.eam.job.EventType;
import io.quanteam.eam.job.JobEvent;
import io.quanteam.eam.job.Phase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 9: the dispatcher and the stages against hostile job files — nothing revived, nothing written outside. */
class HostileJobFilesWorkflowTest {
  @TempDir
  Path home;
  /** Outside the job root, inside the test's folder (so the clean-up has no link leaving it). */
  Path outside;
  SyncWorkflow flow;
  EamWiring wiring;
  final List<String> warnings = new ArrayList<>();
  Dispatcher dispatcher;

  @BeforeEach
  void setUp() throws Exception {
    outside = Files.createDirectories(home.resolve("outside"));
    flow = new SyncWorkflow(home);
    wiring = flow.wiring;
    dispatcher = new Dispatcher(wiring.jobs(), wiring.stages(), warnings::add);
  }

  private String doneJob() throws Exception {
    String job = flow.submitBuyAndHold();
    flow.drive(job);
    wiring.jobs().approve(job, "runspec", "alice");
    flow.drive(job);
    assertThat(wiring.jobs().state(job).phase()).isEqualTo(Phase.TERMINAL_DONE);
    return job;
  }

  @Test
  void aDoneJobWhoseLogWasEmptiedIsNotRecompiledAndStaysCorrupt() throws Exception {
    String job = doneJob();
    Path dir = wiring.jobs().dir(job);
    byte[] runspec = Files.readAllBytes(dir.resolve("outputs/runspec.json"));
    Files.write(dir.resolve("events.jsonl"), new byte[0]);

    assertThat(dispatcher.nextEndpoint(job)).isEqualTo(Dispatcher.NONE);
    assertThat(dispatcher.nextEndpoint(job)).isEqualTo(Dispatcher.NONE);
    assertThat(dispatcher.label(job)).startsWith("UNREADABLE");
    assertThat(warnings).as("one warning per job, not per sweep").hasSize(1);
    assertThat(warnings.get(0)).contains(job, "events.jsonl is empty");
    assertThat(wiring.stages().advance(job, "compile")).isEqualTo(StageRunner.SKIPPED);
    assertThat(wiring.stages().openCheckpoint(job)).isEqualTo(StageRunner.SKIPPED);
    assertThat(Files.readAllBytes(dir.resolve("outputs/runspec.json"))).isEqualTo(runspec);
    assertThat(Files.size(dir.resolve("events.jsonl"))).isZero();
    assertThat(wiring.jobs().verify(job).problems()).extracting(p -> p.kind()).containsExactly("events_missing");
  }

  @Test
  void aDoneJobWhoseLogWasDeletedIsNotRecompiled() throws Exception {
    String job = doneJob();
    Path dir = wiring.jobs().dir(job);
    Files.delete(dir.resolve("events.jsonl"));
    assertThat(dispatcher.nextEndpoint(job)).isEqualTo(Dispatcher.NONE);
    assertThat(flow.drive(job)).isEmpty();
    assertThat(dir.resolve("events.jsonl")).doesNotExist();
    assertThat(wiring.jobs().verify(job).problems()).extracting(p -> p.kind()).containsExactly("events_missing");
    assertThat(warnings).hasSize(1);
  }

  @Test
  void aLogLinkedOutsideTheRootIsNotAdvancedNorAppendedTo() throws Exception {
    String job = flow.submitBuyAndHold();
    flow.drive(job);
    wiring.jobs().approve(job, "runspec", "alice");
    Path dir = wiring.jobs().dir(job);
    Path copy = outside.resolve("events.jsonl");
    Files.move(dir.resolve("events.jsonl"), copy);
    Files.createSymbolicLink(dir.resolve("events.jsonl"), copy);
    byte[] before = Files.readAllBytes(copy);

    assertThat(dispatcher.nextEndpoint(job)).isEqualTo(Dispatcher.NONE);
    assertThat(flow.drive(job)).isEmpty();
    assertThat(wiring.stages().advance(job, "run")).isEqualTo(StageRunner.SKIPPED);
    assertThat(Files.readAllBytes(copy)).isEqualTo(before);
    assertThat(warnings).singleElement().asString().contains(job, "events.jsonl", "symbolic link");
    // once the link is replaced by the file, the job moves on and the warning may come again later
    Files.delete(dir.resolve("events.jsonl"));
    Files.move(copy, dir.resolve("events.jsonl"));
    assertThat(flow.drive(job)).contains("direct:stage-run");
  }

  @Test
  void anOutputsFolderLinkedOutsideEndsTheJobWithoutWritingThere() throws Exception {
    String job = flow.submitBuyAndHold();
    flow.drive(job);
    wiring.jobs().approve(job, "runspec", "alice");
    Path dir = wiring.jobs().dir(job);
    Files.move(dir.resolve("outputs"), outside.resolve("outputs"));
    Files.createSymbolicLink(dir.resolve("outputs"), outside.resolve("outputs"));
    List<String> before;
    try (var files = Files.list(outside.resolve("outputs"))) {
      before = files.map(p -> p.getFileName().toString()).sorted().toList();
    }

    flow.drive(job);

    JobEvent last = wiring.jobs().events(job).last();
    assertThat(last.type()).isEqualTo(EventType.ERROR);
    assertThat(last.message()).contains("outputs", "symbolic link");
    try (var files = Files.list(outside.resolve("outputs"))) {
      assertThat(files.map(p -> p.getFileName().toString()).sorted().toList()).isEqualTo(before);
    }
  }

  @Test
  void aFifoAsEventLogDoesNotHoldUpTheDispatcher() throws Exception {
    String job = flow.submitBuyAndHold();
    var bp = (com.fasterxml.jackson.databind.node.ObjectNode) io.quanteam.eam.json.Json.read(
        Path.of("contracts/examples/blueprint_v1_buyhold_demo_ok.json"));
    String other = wiring.jobs().submitBlueprint(bp.put("title", "other"), "demo_tiny", null, null, "test").jobId();
    Path log = wiring.jobs().dir(job).resolve("events.jsonl");
    Files.delete(log);
    io.quanteam.eam.job.Fifos.make(log);
    assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
      assertThat(dispatcher.nextEndpoint(job)).isEqualTo(Dispatcher.NONE);
      assertThat(dispatcher.jobsToSweep()).contains(job, other); // a sweep lists it, and goes on
      assertThat(flow.drive(other)).contains("direct:stage-compile");
    });
    assertThat(warnings).singleElement().asString().contains("not a regular file");
  }
}
