package io.quanteam.eam.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 9: job files that are links, FIFOs, folders or empty are refused by name, never followed or opened. */
class HostileJobFilesTest {
  private static final Duration PROMPTLY = Duration.ofSeconds(20);
  @TempDir
  Path tmp;
  /** Outside the job root, inside the test's folder (so the clean-up has no link leaving it). */
  private Path outside;
  private Path root;
  private JobStore store;
  private String id;
  private Path dir;

  @BeforeEach
  void submit() throws Exception {
    root = tmp.resolve("jobs");
    outside = Files.createDirectories(tmp.resolve("outside"));
    store = JobFixtures.store(root);
    id = store.submitBlueprint(JobFixtures.referenceBlueprint(), "demo_snap_job_001", null, null, "test").jobId();
    dir = root.resolve(id);
  }

  private UnreadableJobException unreadable(Runnable read) {
    try {
      read.run();
    } catch (UnreadableJobException e) {
      return e;
    }
    throw new AssertionError("expected the job to be unreadable");
  }

  @Test
  void anEventLogLinkedOutsideTheRootIsNeitherReadNorAppendedTo() throws Exception {
    Path copy = outside.resolve("events.jsonl");
    Files.move(dir.resolve("events.jsonl"), copy);
    byte[] before = Files.readAllBytes(copy);
    Files.createSymbolicLink(dir.resolve("events.jsonl"), copy);

    UnreadableJobException e = unreadable(() -> store.state(id));
    assertThat(e.reason()).isEqualTo("not_regular_file");
    assertThat(e.getMessage()).contains("job " + id, "events.jsonl", "symbolic link");
    assertThatThrownBy(() -> store.lock(id)).isInstanceOf(UnreadableJobException.class);
    assertThatThrownBy(() -> store.approve(id, "runspec", "alice")).isInstanceOf(UnreadableJobException.class);
    assertThat(Files.readAllBytes(copy)).isEqualTo(before);
    assertThat(store.verify(id).problems()).extracting(VerifyReport.Problem::kind).contains("events_unreadable");
  }

  @Test
  void anOutputsFolderLinkedOutsideIsNeverWrittenThrough() throws Exception {
    Files.move(dir.resolve("outputs"), outside.resolve("outputs"));
    Files.createSymbolicLink(dir.resolve("outputs"), outside.resolve("outputs"));
    try (JobLock lock = store.lock(id)) {
      assertThatThrownBy(() -> store.writeArtifact(lock, "outputs/runspec.json", "{}\n".getBytes(StandardCharsets.UTF_8)))
          .isInstanceOf(UnreadableJobException.class).hasMessageContaining("outputs");
      store.fail(lock, "compile", "ARTIFACT_CHANGED", "test");
    }
    assertThat(outside.resolve("outputs/runspec.json")).doesNotExist();
    assertThat(outside.resolve("outputs/outputs.json")).as("the index is not written through the link")
        .doesNotExist();
    assertThatThrownBy(() -> store.reindex(id)).isInstanceOf(UnreadableJobException.class);
    assertThat(outside.resolve("outputs/outputs.json")).doesNotExist();
    assertThat(store.verify(id).problems()).extracting(VerifyReport.Problem::kind).contains("bundle_ref_changed");
  }

  @Test
  void aRecoveryLogLinkedOutsideIsNotAppendedTo() throws Exception {
    Files.createDirectories(outside.resolve("logs"));
    Files.createSymbolicLink(dir.resolve("logs"), outside.resolve("logs"));
    Files.write(dir.resolve("events.jsonl"), "{\"torn".getBytes(StandardCharsets.UTF_8),
        java.nio.file.StandardOpenOption.APPEND);
    assertThatThrownBy(() -> store.lock(id)).isInstanceOf(UnreadableJobException.class)
        .hasMessageContaining("logs");
    assertThat(outside.resolve("logs/recovery.jsonl")).doesNotExist();
  }

  @Test
  void aFifoAsEventLogIsReportedWithoutBeingOpened() throws Exception {
    Files.delete(dir.resolve("events.jsonl"));
    Fifos.make(dir.resolve("events.jsonl"));
    assertTimeoutPreemptively(PROMPTLY, () -> {
      UnreadableJobException e = unreadable(() -> store.events(id));
      assertThat(e.getMessage()).contains("events.jsonl", "not a regular file");
      assertThatThrownBy(() -> store.lock(id)).isInstanceOf(UnreadableJobException.class);
      assertThat(store.verify(id).problems()).extracting(VerifyReport.Problem::kind).contains("events_unreadable");
      assertThat(JobViews.summary(store, id).get("state").asText()).isEqualTo("UNREADABLE");
    });
  }

  @Test
  void aFifoAsLockFileIsNotOpened() throws Exception {
    Fifos.make(dir.resolve(".lock"));
    assertTimeoutPreemptively(PROMPTLY, () -> {
      assertThatThrownBy(() -> store.lock(id)).isInstanceOf(UnreadableJobException.class)
          .hasMessageContaining(".lock");
    });
  }

  @Test
  void anEmptiedOrDeletedLogIsCorruptEvidenceNotANewJob() throws Exception {
    Files.write(dir.resolve("events.jsonl"), new byte[0]);
    UnreadableJobException e = unreadable(() -> store.state(id));
    assertThat(e.reason()).isEqualTo("events_missing");
    assertThat(e.getMessage()).contains("events.jsonl is empty");
    assertThatThrownBy(() -> store.lock(id)).isInstanceOf(UnreadableJobException.class);
    assertThat(store.verify(id).problems()).extracting(VerifyReport.Problem::kind).containsExactly("events_missing");

    Files.delete(dir.resolve("events.jsonl"));
    assertThat(unreadable(() -> store.state(id)).reason()).isEqualTo("events_missing");
    assertThatThrownBy(() -> store.approve(id, "runspec", "alice")).isInstanceOf(UnreadableJobException.class);
    assertThat(dir.resolve("events.jsonl")).as("nothing recreates the log").doesNotExist();
    assertThat(store.verify(id).problems()).extracting(VerifyReport.Problem::kind).containsExactly("events_missing");
  }

  @Test
  void aLogThatIsOnlyATornLineIsMissingItsSubmissionEvent() throws Exception {
    Files.write(dir.resolve("events.jsonl"), "{\"schema_version\":".getBytes(StandardCharsets.UTF_8));
    assertThat(unreadable(() -> store.state(id)).reason()).isEqualTo("events_missing");
  }

  @Test
  void aLinkedOrEmptySpecMakesTheJobUnreadable() throws Exception {
    Path spec = dir.resolve("job_spec.json");
    Files.move(spec, outside.resolve("job_spec.json"));
    Files.createSymbolicLink(spec, outside.resolve("job_spec.json"));
    JobStore fresh = JobFixtures.store(root);
    assertThat(unreadable(() -> fresh.spec(id)).getMessage()).contains("job_spec.json", "symbolic link");
    Files.delete(spec);
    Files.write(spec, new byte[0]);
    assertThat(unreadable(() -> fresh.kind(id)).getMessage()).contains("job_spec.json", "not valid JSON");
  }

  @Test
  void aLogEditedInTheMiddleAfterItWasReadIsReadAfresh() throws Exception {
    store.state(id); // the parsed log is kept: a longer log is read from where it ended, if its start is unchanged
    java.util.List<String> lines = new java.util.ArrayList<>(Files.readAllLines(dir.resolve("events.jsonl")));
    lines.add(0, "garbage inserted before line 1");
    Files.write(dir.resolve("events.jsonl"), lines);
    assertThatThrownBy(() -> store.events(id)).isInstanceOf(JobLogException.class)
        .hasMessageContaining("line 1: not a JSON object");

    lines.remove(0);
    Files.write(dir.resolve("events.jsonl"), lines);
    assertThat(store.events(id).list()).hasSize(1);
    // the first line edited in place (same length) and a second line appended: the edit is seen
    String first = lines.get(0);
    lines.set(0, first.replace("BLUEPRINT_SUBMITTED", "BLUEPRINT_SUBMITTEX"));
    lines.add(first);
    Files.write(dir.resolve("events.jsonl"), lines);
    assertThatThrownBy(() -> store.events(id)).isInstanceOf(JobLogException.class)
        .hasMessageContaining("line 1").hasMessageContaining("BLUEPRINT_SUBMITTEX");
  }
}
