package io.quanteam.eam.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A daemon's listing loads through the summary index, then catches up with what changed before its watcher ran:
 * the changed and the new jobs are read again, an unchanged job keeps the row it was loaded with.
 */
class JobListingCatchUpTest {
  @TempDir
  Path root;

  private String submit(JobStore store, String title) {
    ObjectNode blueprint = (ObjectNode) JobFixtures.referenceBlueprint();
    blueprint.put("title", title);
    return store.submitBlueprint(blueprint, "demo_snap_job_001", null, null, "test").jobId();
  }

  private static void compileAndWait(JobStore store, String id) {
    try (JobLock lock = store.lock(id)) {
      store.writeArtifact(lock, "outputs/runspec.json", "{}\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
      store.append(lock, EventType.RUNSPEC_COMPILED, io.quanteam.eam.json.Json.object()
          .put("runspec_path", "outputs/runspec.json"), null);
      store.waitForApproval(lock, "runspec", "outputs/runspec.json");
    }
  }

  private static Map<String, JobRow> rows(JobListing listing) {
    return listing.page(null, r -> true, 500, null).rows().stream()
        .collect(Collectors.toMap(JobRow::jobId, Function.identity()));
  }

  /** What each job's row is when computed from its files alone. */
  private Map<String, JobRow> fromTheLogs() {
    JobStore fresh = JobFixtures.store(root);
    return fresh.jobIds().stream().map(id -> JobRow.of(JobViews.summary(fresh, id)))
        .collect(Collectors.toMap(JobRow::jobId, Function.identity()));
  }

  @Test
  void aListingLoadedFromTheIndexHasTheRowsOfTheLogs() {
    JobStore store = JobFixtures.store(root);
    submit(store, "first");
    String rejected = submit(store, "rejected \"quoted\" ✓");
    compileAndWait(store, rejected);
    store.reject(rejected, "runspec", "no", "bob");
    new JobListing(store).load(); // writes the index
    assertThat(Files.exists(root.resolve(JobSummaryIndex.FILE))).isTrue();

    JobListing again = new JobListing(JobFixtures.store(root)).load(); // every row from the index's text
    assertThat(rows(again)).isEqualTo(fromTheLogs());
  }

  @Test
  void theCatchUpReadsChangedAndNewJobsOnly() throws Exception {
    JobStore store = JobFixtures.store(root);
    String unchanged = submit(store, "the real title");
    String rejectedLater = submit(store, "rejected later");
    compileAndWait(store, rejectedLater);
    new JobListing(store).load();
    Path index = root.resolve(JobSummaryIndex.FILE);
    Files.writeString(index, Files.readString(index).replace("the real title", "from the index"));

    JobListing listing = new JobListing(JobFixtures.store(root)).load();
    // another process, before this one's watcher runs: an append, a new job
    JobStore other = JobFixtures.store(root);
    other.reject(rejectedLater, "runspec", "not this one", "carol");
    String added = submit(other, "submitted meanwhile");
    assertThat(rows(listing)).doesNotContainKey(added);

    JobSummaryIndex current = listing.catchUp();
    Map<String, JobRow> rows = rows(listing);
    assertThat(rows.get(rejectedLater)).isEqualTo(fromTheLogs().get(rejectedLater));
    assertThat(rows.get(rejectedLater).phase()).isEqualTo("TERMINAL_DONE"); // was WAITING when loaded
    assertThat(rows.get(added)).isEqualTo(fromTheLogs().get(added));
    assertThat(rows.get(unchanged).title()).isEqualTo("from the index"); // not read again: its log is unchanged
    for (String id : List.of(unchanged, rejectedLater, added)) {
      assertThat(current.known(id, JobSummaryIndex.LogStamp.of(root.resolve(id)))).as(id).isNotNull();
    }
    // the index on disk is current too: a new process reads the rejection from it
    assertThat(Files.readString(index).lines().filter(l -> l.startsWith(rejectedLater)))
        .singleElement().asString().contains("TERMINAL_DONE");
    assertThat(Files.readString(index)).contains("submitted meanwhile");
  }
}
