package io.quanteam.eam.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quanteam.eam.contract.InvalidInputException;
import io.quanteam.eam.json.Json;
import io.quanteam.eam.json.Sha256;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobAppendTest {
  @TempDir
  Path root;
  private JobStore store;
  private String id;

  @BeforeEach
  void submit() {
    store = JobFixtures.store(root);
    id = store.submitBlueprint(JobFixtures.referenceBlueprint(), "demo_snap_job_001", null, null, "test").jobId();
  }

  private List<String> lines() throws Exception {
    return Files.readAllLines(root.resolve(id).resolve("events.jsonl"), StandardCharsets.UTF_8);
  }

  private static ObjectNode out(String key, String value) {
    ObjectNode o = Json.object();
    o.put(key, value);
    return o;
  }

  @Test
  void eachLineIsChainedToTheBytesOfTheLineBefore() throws Exception {
    try (JobLock lock = store.lock(id)) {
      store.writeArtifact(lock, "outputs/runspec.json", "{}\n".getBytes(StandardCharsets.UTF_8));
      JobEvent compiled = store.append(lock, EventType.RUNSPEC_COMPILED, out("runspec_path", "outputs/runspec.json"),
          null);
      assertThat(compiled.seq()).isEqualTo(2);
      assertThat(compiled.schemaVersion()).isEqualTo("job_event_v2");
      assertThat(compiled.output("runspec_sha256")).isEqualTo(Sha256.hex("{}\n".getBytes(StandardCharsets.UTF_8)));
    }
    List<String> lines = lines();
    assertThat(lines).hasSize(2);
    JsonNode second = Json.parse(lines.get(1), "line 2");
    assertThat(second.at("/extensions/chain/seq").asInt()).isEqualTo(2);
    assertThat(second.at("/extensions/chain/prev_sha256").asText())
        .isEqualTo(Sha256.hex(lines.get(0).getBytes(StandardCharsets.UTF_8)));
    assertThat(second.at("/extensions/recorded_at").asText()).isEqualTo("2023-11-14T22:13:20+00:00");
    assertThat(store.verify(id)).satisfies(r -> {
      assertThat(r.ok()).isTrue();
      assertThat(r.unchainedPrefix()).isZero();
      assertThat(r.artifactsChecked()).as("the runspec, the job spec, its input copy, the bundle reference")
          .isEqualTo(4);
    });
  }

  @Test
  void readsFollowTheLogAsItGrowsAndAfterItIsCutBack() throws Exception {
    Path log = root.resolve(id).resolve("events.jsonl");
    assertThat(store.events(id).size()).isEqualTo(1);
    try (JobLock lock = store.lock(id)) {
      store.append(lock, EventType.RUNSPEC_COMPILED, null, null);
    }
    // Another process appends a whole line: the next read (parsing only the new bytes) sees it.
    String first = Files.readAllLines(log).get(0);
    String copy = first.replace("BLUEPRINT_SUBMITTED", "SPAWNED");
    Files.writeString(log, copy + "\n", java.nio.file.StandardOpenOption.APPEND);
    assertThat(store.events(id).list()).extracting(JobEvent::type)
        .containsExactly(EventType.BLUEPRINT_SUBMITTED, EventType.RUNSPEC_COMPILED, EventType.SPAWNED);

    // Cut back to its first line (as an operator restoring a log would): read from the start again.
    Files.writeString(log, first + "\n");
    assertThat(store.events(id).list()).extracting(JobEvent::type).containsExactly(EventType.BLUEPRINT_SUBMITTED);
  }

  @Test
  void anEventBreakingItsContractIsNotAppended() throws Exception {
    try (JobLock lock = store.lock(id)) {
      assertThatThrownBy(() -> store.append(lock, EventType.WAITING_APPROVAL, out("step", "lunch"), null))
          .isInstanceOf(InvalidInputException.class).hasMessageContaining("/outputs/step");
    }
    assertThat(lines()).hasSize(1);
  }

  @Test
  void appendingNeedsTheJobsOwnOpenLock() throws Exception {
    String other = store.submitBlueprint(JobFixtures.referenceBlueprint(), "other", null, null, "t").jobId();
    JobLock closed;
    try (JobLock lock = store.lock(other)) {
      closed = lock;
      assertThatThrownBy(() -> store.lock(other)).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("already locked by this thread");
    }
    assertThatThrownBy(() -> store.append(closed, EventType.DONE, null, null))
        .isInstanceOf(IllegalStateException.class);
    assertThat(store.events(other).size()).isEqualTo(1);
  }

  @Test
  void aTornFinalLineIsIgnoredByReadersAndRepairedUnderTheLock() throws Exception {
    Path events = root.resolve(id).resolve("events.jsonl");
    byte[] torn = "{\"event_type\":\"RUNSPEC_COMP".getBytes(StandardCharsets.UTF_8);
    Files.write(events, torn, StandardOpenOption.APPEND);
    assertThat(store.events(id).list()).hasSize(1);
    assertThat(store.events(id).tornTailBytes()).isEqualTo(torn.length);
    assertThat(store.verify(id).problems()).extracting(VerifyReport.Problem::kind).containsExactly("torn_line");
    try (JobLock lock = store.lock(id)) {
      assertThat(store.events(id).tornTailBytes()).isZero();
      store.append(lock, EventType.ERROR, null, "stop");
    }
    assertThat(lines()).hasSize(2);
    assertThat(store.verify(id).ok()).isTrue();
    JsonNode note = Json.parse(JobFixtures.read(root.resolve(id).resolve("logs/recovery.jsonl")), "recovery");
    assertThat(note.get("action").asText()).isEqualTo("truncated_torn_line");
    assertThat(note.get("events_line").asInt()).isEqualTo(2);
    assertThat(note.get("bytes_removed").asInt()).isEqualTo(torn.length);
    assertThat(note.get("removed_sha256").asText()).isEqualTo(Sha256.hex(torn));
  }

  @Test
  void aMalformedLineIsAnErrorNamingTheJobAndLine() throws Exception {
    Files.write(root.resolve(id).resolve("events.jsonl"), "{\"oops\": \n".getBytes(StandardCharsets.UTF_8),
        StandardOpenOption.APPEND);
    assertThatThrownBy(() -> store.events(id)).isInstanceOfSatisfying(JobLogException.class, e -> {
      assertThat(e.line()).isEqualTo(2);
      assertThat(e.getMessage()).startsWith("job " + id + ", events.jsonl line 2:");
    });
    assertThat(store.verify(id).problems()).extracting(p -> p.line() + " " + p.kind())
        .containsExactly("2 malformed_line");
  }

  @Test
  void v1LinesAreReadForeverButStoppedBudgetIsOnlyV2() {
    List<JobEvent> ok = JobFixtures.events(
        "{\"event_type\":\"APPROVED\",\"job_id\":\"aaaaaaaaaaaa\",\"schema_version\":\"job_event_v1\"}");
    assertThat(ok.get(0).schemaVersion()).isEqualTo("job_event_v1");
    assertThat(ok.get(0).step()).isNull();
    assertThatThrownBy(() -> JobFixtures.events(
        "{\"event_type\":\"STOPPED_BUDGET\",\"job_id\":\"aaaaaaaaaaaa\",\"schema_version\":\"job_event_v1\"}"))
        .isInstanceOf(JobLogException.class).hasMessageContaining("not a job_event_v1 type");
    assertThatThrownBy(() -> JobFixtures.events(
        "{\"event_type\":\"DONE\",\"job_id\":\"bbbbbbbbbbbb\",\"schema_version\":\"job_event_v2\"}"))
        .isInstanceOf(JobLogException.class).hasMessageContaining("expected aaaaaaaaaaaa");
  }

  @Test
  @SuppressWarnings("try") // the second lock is held by its try block, not used in it
  void theLockExcludesAnotherThreadUntilReleased() throws Exception {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      CountDownLatch attempting = new CountDownLatch(1);
      CountDownLatch acquired = new CountDownLatch(1);
      Future<Integer> waiter;
      try (JobLock lock = store.lock(id)) {
        waiter = pool.submit(() -> {
          attempting.countDown();
          try (JobLock second = store.lock(id)) {
            acquired.countDown();
            return store.events(id).size();
          }
        });
        assertThat(attempting.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(acquired.await(200, TimeUnit.MILLISECONDS)).as("second lock while the first is held").isFalse();
        store.append(lock, EventType.RUNSPEC_COMPILED, null, null);
      }
      assertThat(waiter.get(10, TimeUnit.SECONDS)).as("the waiter sees the first holder's append").isEqualTo(2);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void anArtifactNamedByAnEventIsNeverRewrittenAndStaysInsideOutputs() throws Exception {
    try (JobLock lock = store.lock(id)) {
      byte[] v1 = "a".getBytes(StandardCharsets.UTF_8);
      store.writeArtifact(lock, "outputs/runspec.json", v1);
      store.writeArtifact(lock, "outputs/runspec.json", v1);
      store.append(lock, EventType.RUNSPEC_COMPILED, out("runspec_path", "outputs/runspec.json"), null);
      assertThatThrownBy(() -> store.writeArtifact(lock, "outputs/./runspec.json", v1))
          .isInstanceOf(IllegalStateException.class).hasMessageContaining("never rewritten");
      for (String bad : List.of("../x.json", "inputs/blueprint.json", "/tmp/x", "outputs/../job_spec.json")) {
        assertThatThrownBy(() -> store.writeArtifact(lock, bad, v1)).as(bad)
            .isInstanceOf(IllegalArgumentException.class);
      }
      assertThat(store.writeArtifact(lock, "outputs/agents/intent/draft.json", v1))
          .isEqualTo(root.resolve(id).resolve("outputs/agents/intent/draft.json"));
    }
  }

  @Test
  void verifyReportsTheLineWhoseLinkBreaksWhenAMiddleLineIsAltered() throws Exception {
    try (JobLock lock = store.lock(id)) {
      store.append(lock, EventType.RUNSPEC_COMPILED, null, null);
      store.append(lock, EventType.RUN_COMPLETED, null, null);
      store.append(lock, EventType.GATES_COMPLETED, null, null);
    }
    Path events = root.resolve(id).resolve("events.jsonl");
    List<String> lines = lines();
    lines.set(2, lines.get(2).replace("RUN_COMPLETED", "REPORT_COMPLETED"));
    Files.write(events, (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
    VerifyReport report = store.verify(id);
    assertThat(report.ok()).isFalse();
    assertThat(report.problems()).extracting(p -> p.line() + " " + p.kind()).containsExactly("4 chain_link");
    assertThat(report.problems().get(0).message()).contains("line 3 was altered");
  }

  @Test
  void verifyReportsAnArtifactChangedAfterItsEvent() throws Exception {
    try (JobLock lock = store.lock(id)) {
      store.writeArtifact(lock, "outputs/runspec.json", "a".getBytes(StandardCharsets.UTF_8));
      store.append(lock, EventType.RUNSPEC_COMPILED, out("runspec_path", "outputs/runspec.json"), null);
    }
    Files.writeString(root.resolve(id).resolve("outputs/runspec.json"), "b");
    assertThat(store.verify(id).problems()).extracting(p -> p.line() + " " + p.kind())
        .containsExactly("2 artifact_changed");
    Files.delete(root.resolve(id).resolve("outputs/runspec.json"));
    assertThat(store.verify(id).problems()).extracting(p -> p.line() + " " + p.kind())
        .containsExactly("2 artifact_missing");
  }

  @Test
  void verifyReportsASubmittedFileEditedAfterSubmission() throws Exception {
    Path dir = root.resolve(id);
    String spec = Files.readString(dir.resolve("job_spec.json"));
    String input = Files.readString(dir.resolve("inputs/blueprint.json"));
    assertThat(spec).contains("\"demo_snap_job_001\"");

    Files.writeString(dir.resolve("job_spec.json"), spec.replace("\"demo_snap_job_001\"", "\"other\""));
    assertThat(store.verify(id).problems()).extracting(p -> p.line() + " " + p.kind())
        .containsExactly("1 job_spec_changed");
    Files.writeString(dir.resolve("job_spec.json"), "{\"schema_version\": ");
    assertThat(store.verify(id).problems()).extracting(p -> p.line() + " " + p.kind())
        .containsExactly("1 job_spec_changed");
    Files.writeString(dir.resolve("job_spec.json"), spec);
    assertThat(store.verify(id).ok()).isTrue();

    // Reformatting is not a change (canonical JSON is compared); a changed value is.
    Files.writeString(dir.resolve("inputs/blueprint.json"), Json.parse(input, "x").toString());
    assertThat(store.verify(id).ok()).isTrue();
    Files.writeString(dir.resolve("inputs/blueprint.json"), input.replace("\"AAA\"", "\"ZZZ\""));
    assertThat(store.verify(id).problems()).extracting(p -> p.line() + " " + p.kind())
        .containsExactly("1 input_changed");
    Files.delete(dir.resolve("inputs/blueprint.json"));
    assertThat(store.verify(id).problems()).extracting(p -> p.line() + " " + p.kind())
        .containsExactly("1 input_missing");
    Files.writeString(dir.resolve("inputs/blueprint.json"), input);

    Path ref = dir.resolve("outputs/policy_bundle_ref.json");
    String bundleRef = Files.readString(ref);
    Files.writeString(ref, bundleRef.replace("policy_bundle_v1_default", "policy_bundle_v2_statistical"));
    assertThat(store.verify(id).problems()).extracting(p -> p.line() + " " + p.kind())
        .containsExactly("1 bundle_ref_changed");
    Files.delete(ref);
    assertThat(store.verify(id).problems()).extracting(p -> p.line() + " " + p.kind())
        .containsExactly("1 bundle_ref_missing");
    Files.writeString(ref, bundleRef);
    assertThat(store.verify(id).ok()).isTrue();
  }

  @Test
  void referenceLogsVerifyAsAnUnchainedPrefix(@TempDir Path referenceRoot) {
    JobStore store = JobFixtures.store(referenceRoot);
    for (String folder : List.of("blueprint_job_642e4768da98", "idea_job_943b76bbb174",
        "idea_job_iteration_budget_05e36151b096", "child_job_at_checkpoint_0d38b73dd02d")) {
      String jobId = JobFixtures.copyReferenceJob(folder, referenceRoot);
      VerifyReport r = store.verify(jobId);
      assertThat(r.ok()).as(folder).isTrue();
      assertThat(r.unchainedPrefix()).as(folder).isEqualTo(r.lines()).isEqualTo(
          JobFixtures.referenceEvents(folder).size());
    }
  }

  @Test
  void reindexRebuildsReferencesOnly() throws Exception {
    try (JobLock lock = store.lock(id)) {
      store.writeArtifact(lock, "outputs/runspec.json", "{}".getBytes(StandardCharsets.UTF_8));
      ObjectNode compiled = out("runspec_path", "outputs/runspec.json");
      store.append(lock, EventType.RUNSPEC_COMPILED, compiled, null);
      ObjectNode run = out("run_id", "206a1a75fbe1");
      run.put("dossier_path", "dossiers/206a1a75fbe1");
      run.put("overall_pass", true);
      store.append(lock, EventType.RUN_COMPLETED, run, null);
    }
    JsonNode index = store.reindex(id);
    assertThat(Json.read(root.resolve(id).resolve("outputs/outputs.json"))).isEqualTo(index);
    assertThat(index.get("runspec_path").asText()).isEqualTo("outputs/runspec.json");
    assertThat(index.get("runspec_sha256").asText()).isEqualTo(Sha256.hex("{}".getBytes(StandardCharsets.UTF_8)));
    assertThat(index.get("dossier_path").asText()).isEqualTo("dossiers/206a1a75fbe1");
    assertThat(index.get("policy_bundle_id").asText()).isEqualTo("policy_bundle_v1_default");
    assertThat(index.has("overall_pass")).isFalse();
    assertThat(index.get("files")).extracting(JsonNode::asText)
        .containsExactly("outputs/policy_bundle_ref.json", "outputs/runspec.json");
    assertThat(store.reindex(id)).isEqualTo(index);
  }
}
