package io.quanteam.eam.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quanteam.eam.json.Json;
import io.quanteam.eam.json.Sha256;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointsTest {
  private static final byte[] RUNSPEC = "{\"runspec\": 1}\n".getBytes(StandardCharsets.UTF_8);
  @TempDir
  Path root;
  private JobStore store;
  private String id;

  @BeforeEach
  void compileAndWait() {
    store = JobFixtures.store(root);
    id = store.submitBlueprint(JobFixtures.referenceBlueprint(), "demo_snap_job_001", null, null, "test").jobId();
    try (JobLock lock = store.lock(id)) {
      store.writeArtifact(lock, "outputs/runspec.json", RUNSPEC);
      ObjectNode out = Json.object().put("runspec_path", "outputs/runspec.json");
      store.append(lock, EventType.RUNSPEC_COMPILED, out, null);
      assertThat(store.state(lock).next()).isEqualTo(new Checkpoint("runspec"));
      JobEvent waiting = store.waitForApproval(lock, "runspec", "outputs/runspec.json");
      assertThat(store.waitForApproval(lock, "runspec", "outputs/runspec.json")).isEqualTo(waiting);
      assertThat(waiting.outputs()).isEqualTo(Json.object().put("step", "runspec")
          .put("artifact_path", "outputs/runspec.json").put("artifact_sha256", Sha256.hex(RUNSPEC)));
    }
  }

  private List<EventType> types() {
    return store.events(id).list().stream().map(JobEvent::type).toList();
  }

  @Test
  void theJobWaitsOnceAndAnApprovalRecordsWhoAndWhat() {
    assertThat(store.state(id).label()).isEqualTo("WAITING_APPROVAL(runspec)");
    assertThat(types()).containsExactly(EventType.BLUEPRINT_SUBMITTED, EventType.RUNSPEC_COMPILED,
        EventType.WAITING_APPROVAL);
    assertThat(store.approve(id, "runspec", "alice")).isEqualTo(ApprovalResult.APPROVED);
    JobEvent approved = store.events(id).last();
    assertThat(approved.outputs()).isEqualTo(Json.object().put("actor", "alice")
        .put("artifact_sha256", Sha256.hex(RUNSPEC)).put("step", "runspec"));
    assertThat(store.state(id).next()).isEqualTo(new Stage("run", EventType.RUN_COMPLETED));
    assertThat(store.approve(id, "runspec", "bob")).isEqualTo(ApprovalResult.NOOP);
    assertThat(store.events(id).size()).isEqualTo(4);
    assertThat(store.verify(id).ok()).isTrue();
  }

  @Test
  void anArtifactChangedBetweenItsStageAndItsCheckpointIsNotPutUpForReview(@TempDir Path other) throws Exception {
    JobStore store = JobFixtures.store(other);
    String job = store.submitBlueprint(JobFixtures.referenceBlueprint(), "demo_snap_job_001", null, null, "test")
        .jobId();
    try (JobLock lock = store.lock(job)) {
      store.writeArtifact(lock, "outputs/runspec.json", RUNSPEC);
      store.append(lock, EventType.RUNSPEC_COMPILED, Json.object().put("runspec_path", "outputs/runspec.json"), null);
    }
    // e.g. a daemon stopped after compile, the file edited before the next one opened the checkpoint
    Files.writeString(other.resolve(job).resolve("outputs/runspec.json"), "{\"runspec\": 2}\n");

    try (JobLock lock = store.lock(job)) {
      JobEvent e = store.waitForApproval(lock, "runspec", "outputs/runspec.json");
      assertThat(e.type()).isEqualTo(EventType.ERROR);
      assertThat(e.output("reason")).isEqualTo("ARTIFACT_CHANGED");
      assertThat(e.output("message")).contains("outputs/runspec.json changed after RUNSPEC_COMPILED recorded sha256 "
          + Sha256.hex(RUNSPEC));
    }
    assertThat(store.state(job).phase()).isEqualTo(Phase.TERMINAL_ERROR);
  }

  @Test
  void approvingOrRejectingAStepThatIsNotWaitingIsAConflictNamingTheWaitingStep() {
    assertThatThrownBy(() -> store.approve(id, "trace_preview", "alice")).isInstanceOf(ConflictException.class)
        .hasMessageContaining("step trace_preview is not waiting").hasMessageContaining("waiting on step runspec");
    assertThatThrownBy(() -> store.reject(id, "blueprint", "no", "alice")).isInstanceOf(ConflictException.class)
        .hasMessageContaining("waiting on step runspec");
    store.approve(id, "runspec", "alice");
    assertThatThrownBy(() -> store.reject(id, "runspec", "too late", "alice")).isInstanceOf(ConflictException.class)
        .hasMessageContaining("nothing is waiting").hasMessageContaining("next: run");
    assertThat(store.events(id).size()).isEqualTo(4);
  }

  @Test
  void aRejectEndsTheJob() {
    JobEvent done = store.reject(id, "runspec", "wrong universe", "cli");
    assertThat(done.type()).isEqualTo(EventType.DONE);
    assertThat(done.outputs()).isEqualTo(Json.object().put("actor", "cli").put("reason", "wrong universe")
        .put("status", "rejected").put("step", "runspec"));
    assertThat(store.state(id).phase()).isEqualTo(Phase.TERMINAL_DONE);
    assertThatThrownBy(() -> store.approve(id, "runspec", "alice")).isInstanceOf(ConflictException.class)
        .hasMessageContaining("has ended (DONE)");
  }

  @Test
  void anArtifactChangedAfterApprovalEndsTheJobInError() throws Exception {
    store.approve(id, "runspec", "alice");
    try (JobLock lock = store.lock(id)) {
      assertThat(store.checkApprovedArtifact(lock, "runspec")).isTrue();
    }
    Files.writeString(root.resolve(id).resolve("outputs/runspec.json"), "{\"runspec\": 2}\n");
    try (JobLock lock = store.lock(id)) {
      assertThat(store.checkApprovedArtifact(lock, "runspec")).isFalse();
    }
    JobEvent error = store.events(id).last();
    assertThat(error.type()).isEqualTo(EventType.ERROR);
    assertThat(error.output("reason")).isEqualTo("ARTIFACT_CHANGED_AFTER_APPROVAL");
    assertThat(error.output("step")).isEqualTo("runspec");
    assertThat(error.output("message")).contains("outputs/runspec.json", Sha256.hex(RUNSPEC));
    assertThat(store.state(id).phase()).isEqualTo(Phase.TERMINAL_ERROR);
  }

  @Test
  void stepsWithoutARecordedArtifactHaveNothingToRecheck() {
    try (JobLock lock = store.lock(id)) {
      assertThat(store.checkApprovedArtifact(lock, "blueprint")).isTrue();
      assertThatThrownBy(() -> store.waitForApproval(lock, "trace_preview", "outputs/runspec.json"))
          .isInstanceOf(ConflictException.class);
    }
  }

  @Test
  void aJobTheReferenceLeftWaitingIsApprovedAndContinuesAsAChain(@TempDir Path refRoot) throws Exception {
    JobStore ref = JobFixtures.store(refRoot);
    String child = JobFixtures.copyReferenceJob("child_job_at_checkpoint_0d38b73dd02d", refRoot);
    assertThat(ref.state(child).waitingStep()).isEqualTo("blueprint");
    assertThat(ref.approve(child, "blueprint", "cli")).isEqualTo(ApprovalResult.APPROVED);
    List<String> lines = Files.readAllLines(refRoot.resolve(child).resolve("events.jsonl"));
    assertThat(lines).hasSize(3);
    assertThat(lines.get(2)).isEqualTo("{\"event_type\":\"APPROVED\",\"extensions\":{\"chain\":{\"prev_sha256\":\""
        + Sha256.hex(lines.get(1).getBytes(StandardCharsets.UTF_8)) + "\",\"seq\":3},\"recorded_at\":"
        + "\"2023-11-14T22:13:20+00:00\"},\"job_id\":\"0d38b73dd02d\",\"outputs\":{\"actor\":\"cli\","
        + "\"step\":\"blueprint\"},\"schema_version\":\"job_event_v2\"}");
    VerifyReport report = ref.verify(child);
    assertThat(report.ok()).isTrue();
    assertThat(report.unchainedPrefix()).isEqualTo(2);
    assertThat(report.lines()).isEqualTo(3);
    assertThat(ref.state(child).next()).isEqualTo(new Stage("compile", EventType.RUNSPEC_COMPILED));
  }
}
