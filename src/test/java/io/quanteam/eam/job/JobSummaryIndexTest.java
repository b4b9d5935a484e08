package io.quanteam.eam.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quanteam.eam.json.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The summary index lists every job as its log says, and is only ever a cache of that. */
class JobSummaryIndexTest {
  private static final byte[] RUNSPEC = "{\"runspec\":true}\n".getBytes(StandardCharsets.UTF_8);
  @TempDir
  Path root;
  private JobStore store;

  @BeforeEach
  void setUp() {
    store = JobFixtures.store(root);
  }

  private String submit(String title) {
    ObjectNode blueprint = (ObjectNode) JobFixtures.referenceBlueprint();
    blueprint.put("title", title);
    return store.submitBlueprint(blueprint, "demo_snap_job_001", null, null, "test").jobId();
  }

  private void compileAndWait(String id) {
    try (JobLock lock = store.lock(id)) {
      store.writeArtifact(lock, "outputs/runspec.json", RUNSPEC);
      store.append(lock, EventType.RUNSPEC_COMPILED, Json.object().put("runspec_path", "outputs/runspec.json"), null);
      store.waitForApproval(lock, "runspec", "outputs/runspec.json");
    }
  }

  /** The rows computed from the logs alone, as before there was an index. */
  private List<ObjectNode> fromTheLogs() {
    JobStore fresh = JobFixtures.store(root);
    return fresh.jobIds().stream().map(id -> JobViews.summary(fresh, id)).toList();
  }

  private Path indexFile() {
    return root.resolve(JobSummaryIndex.FILE);
  }

  @Test
  void theListingFromTheIndexIsTheListingFromTheLogsAfterEveryChange() {
    String waiting = submit("waits");
    String rejected = submit("rejected");
    String failed = submit("fails");
    submit("ready");
    compileAndWait(waiting);
    compileAndWait(rejected);
    assertThat(JobViews.summaries(store)).isEqualTo(fromTheLogs());
    assertThat(indexFile()).isRegularFile();

    store.approve(waiting, "runspec", "alice");
    store.reject(rejected, "runspec", "no", "bob");
    try (JobLock lock = store.lock(failed)) {
      store.append(lock, EventType.ERROR, Json.object().put("error_code", "INVALID_INPUT"), "bad");
    }
    // a new process each time: nothing but the file is shared
    for (int i = 0; i < 2; i++) {
      List<ObjectNode> rows = JobViews.summaries(JobFixtures.store(root));
      assertThat(rows).isEqualTo(fromTheLogs());
      assertThat(rows).extracting(r -> r.path("phase").asText())
          .containsExactlyInAnyOrder("READY", "TERMINAL_DONE", "TERMINAL_ERROR", "READY");
    }
  }

  @Test
  void aRowIsUsedOnlyWhileItsJobsLogIsUnchanged() throws Exception {
    String id = submit("the real title");
    compileAndWait(id);
    JobViews.summaries(store);
    String index = Files.readString(indexFile());
    Files.writeString(indexFile(), index.replace("the real title", "from the index"));
    assertThat(JobViews.summaries(JobFixtures.store(root)).get(0).path("title").asText()).isEqualTo("from the index");

    store.approve(id, "runspec", "alice"); // the log grows: its row is computed again
    List<ObjectNode> rows = JobViews.summaries(JobFixtures.store(root));
    assertThat(rows.get(0).path("title").asText()).isEqualTo("the real title");
    assertThat(rows).isEqualTo(fromTheLogs());
  }

  @Test
  void aDamagedIndexIsRecomputedAndWrittenAnew() throws Exception {
    String a = submit("a");
    String b = submit("b");
    compileAndWait(b);
    JobViews.summaries(store);
    List<String> lines = Files.readAllLines(indexFile());
    String[] first = lines.get(0).split("\t", 7);
    String[] second = lines.get(1).split("\t", 7);
    Files.writeString(indexFile(), String.join("\n",
        "not a line of the index",
        // the first job's stamp and state with the second job's row
        String.join("\t", first[0], first[1], first[2], first[3], first[4], first[5], second[6]),
        // a job that does not exist, and the second job's line cut short
        "ffffffffffff\t1\t1\tx\tREADY\tREADY\t{\"job_id\":\"ffffffffffff\"}",
        lines.get(1).substring(0, 20)) + "\n");

    assertThat(JobViews.summaries(JobFixtures.store(root))).isEqualTo(fromTheLogs());
    List<String> rewritten = Files.readAllLines(indexFile());
    assertThat(rewritten).hasSize(2);
    assertThat(rewritten).extracting(l -> l.substring(0, 12)).containsExactly(
        List.of(a, b).stream().sorted().toArray(String[]::new));
    assertThat(rewritten).allSatisfy(l -> assertThat(Json.parse(l.split("\t", 7)[6], "row").path("job_id").asText())
        .isEqualTo(l.substring(0, 12)));
  }

  @Test
  void aStateKnownWithoutItsRowAnswersAPassAndTheListingComputesTheRow() throws Exception {
    String id = submit("known");
    compileAndWait(id);
    JobSummaryIndex.LogStamp stamp = JobSummaryIndex.LogStamp.of(root.resolve(id));
    // a line as worker passes wrote them before they kept rows: the state only, "-" for the row
    Files.writeString(root.resolve(JobSummaryIndex.FILE), String.join("\t", id, Long.toString(stamp.size()),
        Long.toString(stamp.mtimeNanos()), stamp.fileKey(), "WAITING", "WAITING_APPROVAL(runspec)", "-") + "\n");

    JobSummaryIndex read = JobSummaryIndex.load(root);
    assertThat(read.known(id, stamp)).isEqualTo(new JobSummaryIndex.Known(Phase.WAITING, "WAITING_APPROVAL(runspec)"));
    assertThat(read.row(id, stamp)).isNull();
    assertThat(JobViews.summaries(JobFixtures.store(root))).isEqualTo(fromTheLogs());
    assertThat(JobSummaryIndex.load(root).row(id, stamp)).isEqualTo(fromTheLogs().get(0));

    store.approve(id, "runspec", "alice");
    assertThat(JobSummaryIndex.load(root).known(id, JobSummaryIndex.LogStamp.of(root.resolve(id)))).isNull();
  }

  @Test
  void anIndexThatCannotBeWrittenLeavesTheListingAsItIs() throws Exception {
    submit("a");
    Files.createDirectories(indexFile().resolve("in-the-way"));
    assertThat(JobViews.summaries(store)).isEqualTo(fromTheLogs());
    assertThat(indexFile()).isDirectory();
  }

  @Test
  void unreadableJobsAreNotKeptTheirReasonIsReadEachTime() throws Exception {
    String id = submit("a");
    Files.write(root.resolve(id).resolve("events.jsonl"), "{not json\n".getBytes(StandardCharsets.UTF_8));
    JsonNode row = JobViews.summaries(JobFixtures.store(root)).get(0);
    assertThat(row.path("state").asText()).isEqualTo("UNREADABLE");
    assertThat(Files.readString(indexFile())).doesNotContain(id);
  }
}
