package io.quanteam.eam.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quanteam.eam.json.Json;
import java.util.ArrayList;
import java.util.List;

/** JSON views of a job for people (CLI, API, UI): a list row and the full detail, computed from the store. */
public final class JobViews {
  private JobViews() {}

  /**
   * Every job's row, in job id order: from the summary index for a job whose log has not changed since its row was
   * computed, else computed (and the index saved for the next listing).
   */
  public static List<ObjectNode> summaries(JobStore store) {
    List<ObjectNode> rows = new ArrayList<>();
    eachSummary(store, rows::add);
    return rows;
  }

  /** {@link #summaries}, one row at a time (100,000 rows held at once do not fit the daemon's heap). */
  public static void eachSummary(JobStore store, java.util.function.Consumer<ObjectNode> row) {
    eachSummary(store, JobSummaryIndex.load(store.root()), row);
  }

  /** {@link #eachSummary} through an index already loaded, which is left current (and saved). */
  private static void eachSummary(JobStore store, JobSummaryIndex index, java.util.function.Consumer<ObjectNode> row) {
    List<String> ids = store.jobIds();
    for (String id : ids) {
      row.accept(summary(store, index, id));
    }
    index.retain(ids);
    index.save();
  }

  /** The job's row from the index when its log is unchanged, else computed and put in the index. */
  public static ObjectNode summary(JobStore store, JobSummaryIndex index, String jobId) {
    JobSummaryIndex.LogStamp stamp = JobSummaryIndex.LogStamp.of(store.root().resolve(jobId));
    ObjectNode row = index.row(jobId, stamp);
    return row != null ? row : computed(store, index, jobId, stamp);
  }

  private static ObjectNode computed(JobStore store, JobSummaryIndex index, String jobId,
      JobSummaryIndex.LogStamp stamp) {
    ObjectNode row = summary(store, jobId);
    index.put(jobId, stamp, row);
    return row;
  }

  /**
   * {@link #eachSummary} as the listing keeps rows: an unchanged job's row is read from the index's text straight
   * into a {@link JobRow} (no JSON tree: a daemon's start reads every row of the index).
   */
  static void eachRow(JobStore store, JobSummaryIndex index, java.util.function.Consumer<JobRow> row) {
    List<String> ids = store.jobIds();
    for (String id : ids) {
      row.accept(listRow(store, index, id));
    }
    index.retain(ids);
    index.save();
  }

  /** {@link #summary(JobStore, JobSummaryIndex, String)} as a list row. */
  static JobRow listRow(JobStore store, JobSummaryIndex index, String jobId) {
    JobSummaryIndex.LogStamp stamp = JobSummaryIndex.LogStamp.of(store.root().resolve(jobId));
    JobRow row = index.listRow(jobId, stamp);
    return row != null ? row : JobRow.of(computed(store, index, jobId, stamp));
  }

  /**
   * {job_id, kind, title, state, phase, waiting_step?, next?, last_event_at?}; a job whose events cannot be read
   * is listed with state {@code UNREADABLE} and the reason, so one broken job does not hide the others.
   */
  public static ObjectNode summary(JobStore store, String jobId) {
    ObjectNode row = Json.object();
    row.put("job_id", jobId);
    try {
      JsonNode spec = store.spec(jobId);
      JobKind kind = store.kind(jobId);
      row.put("kind", kind.label());
      row.put("title", title(kind, spec));
      JobState state = store.state(jobId);
      putState(row, state);
      JobOutcome outcome = outcome(store, jobId, state);
      row.put("verdict", outcome.verdict().label());
      row.put("outcome", outcome.text());
      if (state.last() != null && !state.last().recordedAt().isEmpty()) {
        row.put("last_event_at", state.last().recordedAt());
      }
    } catch (JobLogException | java.io.UncheckedIOException e) {
      // UnreadableJobException (a link, FIFO, folder, empty log or spec, a folder outside the root) included
      row.put("kind", row.path("kind").asText("unknown"));
      row.put("state", "UNREADABLE");
      row.put("phase", "UNREADABLE");
      row.put("error", e.getMessage());
    }
    return row;
  }

  /** {job_id, kind, spec, state{…}, events[…], outputs{…}}: everything {@code show} prints. */
  public static ObjectNode detail(JobStore store, String jobId) {
    ObjectNode d = Json.object();
    d.put("job_id", jobId);
    JobKind kind = store.kind(jobId);
    d.put("kind", kind.label());
    d.set("spec", store.spec(jobId));
    JobEvents events = store.events(jobId);
    ObjectNode state = d.putObject("state");
    JobState folded = StateFold.derive(kind.flow(), events.list());
    putState(state, folded);
    JobOutcome outcome = JobOutcome.derive(folded, events.list(), artifactReader(store));
    d.putObject("outcome").put("verdict", outcome.verdict().label()).put("text", outcome.text())
        .setAll(outcome.details());
    ArrayNode list = d.putArray("events");
    for (JobEvent e : events.list()) {
      ObjectNode item = list.addObject();
      item.put("seq", e.seq());
      item.put("event_type", e.type().name());
      item.put("recorded_at", e.recordedAt());
      if (e.message() != null) {
        item.put("message", e.message());
      }
      item.set("outputs", e.outputs());
    }
    d.set("outputs", store.outputs(jobId));
    d.set("lineage", lineage(jobId, d.get("spec"), events.list()));
    return d;
  }

  /**
   * Where the job stands among its relatives (01 §8): {@code root_job_id} (the job itself for a root),
   * {@code generation} and {@code iteration} (0 for a root), {@code parent_job_id} and {@code proposal_id} of a
   * spawned job, {@code retry_of} of a retry,
   * and {@code children} [{job_id, proposal_id}] in spawn order, from its SPAWNED events.
   */
  static ObjectNode lineage(String jobId, JsonNode spec, List<JobEvent> events) {
    ObjectNode l = Json.object();
    JsonNode ext = spec.path("extensions");
    JsonNode from = ext.path("lineage");
    l.put("root_job_id", from.path("root_job_id").asText(jobId));
    if (from.path("parent_job_id").isTextual()) {
      l.put("parent_job_id", from.path("parent_job_id").asText());
    }
    l.put("generation", from.path("generation").asInt(0));
    l.put("iteration", from.path("iteration").asInt(from.path("generation").asInt(0)));
    if (ext.path("spawned_from").path("proposal_id").isTextual()) {
      l.put("proposal_id", ext.path("spawned_from").path("proposal_id").asText());
    }
    if (ext.path(JobSubmission.RETRY_OF).isTextual()) {
      l.put("retry_of", ext.path(JobSubmission.RETRY_OF).asText());
    }
    ArrayNode children = l.putArray("children");
    for (JobEvent e : events) {
      if (e.type() == EventType.SPAWNED) {
        children.addObject().put("job_id", e.output("child_job_id")).put("proposal_id", e.output("proposal_id"));
      }
    }
    return l;
  }

  /** The job's outcome (see {@link JobOutcome}), from its folded state and events. */
  public static JobOutcome outcome(JobStore store, String jobId, JobState state) {
    return JobOutcome.derive(state, store.events(jobId).list(), artifactReader(store));
  }

  /**
   * The file of an artifact-root-relative path an event names ({@code dossiers/<run_id>/…}), or null when the path is
   * not one or would leave the root ({@link JobPaths#artifactRelative}): what views read of a job's evidence.
   */
  public static java.nio.file.Path artifactPath(java.nio.file.Path artifactRoot, String relative) {
    return JobPaths.artifactRelative(artifactRoot, relative);
  }

  /**
   * Reads a JSON artifact an event names (relative to the artifact root), or null when it cannot be read: an outcome
   * is shown with what can be read, never not at all. Only files under the artifact root are read.
   */
  private static java.util.function.Function<String, JsonNode> artifactReader(JobStore store) {
    return path -> {
      java.nio.file.Path file = JobPaths.artifactRelative(store.artifactRoot(), path);
      try {
        return file == null || !java.nio.file.Files.isRegularFile(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)
            ? null : io.quanteam.eam.json.Json.read(file);
      } catch (RuntimeException e) {
        return null;
      }
    };
  }


  /** The title people know a job by: the idea's title, or the blueprint's. */
  public static String title(JobKind kind, JsonNode spec) {
    return kind == JobKind.IDEA ? spec.path("title").asText("") : spec.path("blueprint").path("title").asText("");
  }

  private static void putState(ObjectNode target, JobState state) {
    target.put("state", state.label());
    target.put("phase", state.phase().name());
    if (state.waitingStep() != null) {
      target.put("waiting_step", state.waitingStep());
    }
    if (state.next() != null) {
      target.put("next", (state.next() instanceof Checkpoint ? "checkpoint " : "stage ") + state.next().name());
    }
  }
}
