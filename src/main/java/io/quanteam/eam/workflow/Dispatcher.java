package io.quanteam.eam.workflow;

import io.quanteam.eam.job.Checkpoint;
import io.quanteam.eam.job.JobKind;
import io.quanteam.eam.job.JobState;
import io.quanteam.eam.job.JobStore;
import io.quanteam.eam.job.Phase;
import io.quanteam.eam.job.Stage;
import io.quanteam.eam.job.StateFold;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides where a job goes next: the route of its next stage, the checkpoint route, or nowhere (blocked,
 * terminal, unknown). Reads without the lock — the stage re-derives the state under it — and keeps each job's
 * folded state until its event log changes, so an idle sweep over many blocked jobs costs one file stat each.
 */
public final class Dispatcher {
  /** The answer when the job needs nothing now. */
  public static final String NONE = "none";
  public static final String CHECKPOINT = "direct:checkpoint";

  private static final Pattern EVENTS_FILE = Pattern.compile("(?:^|.*[/\\\\])([0-9a-f]{12})[/\\\\]events\\.jsonl$");

  private final JobStore jobs;
  private final StageRunner stages;
  private final Map<String, JobKind> kinds = new ConcurrentHashMap<>();
  private final Map<String, Path> eventLogs = new ConcurrentHashMap<>();
  private final Map<String, Cached> states = new ConcurrentHashMap<>();

  private record Cached(long size, long modified, JobState state) {}

  public Dispatcher(JobStore jobs, StageRunner stages) {
    this.jobs = jobs;
    this.stages = stages;
  }

  /**
   * {@code direct:stage-<name>} (underscores become hyphens), {@link #CHECKPOINT}, or {@link #NONE} when the job
   * is waiting, terminal, unknown, unreadable, or its next stage is not available in this version.
   */
  public String nextEndpoint(String jobId) {
    JobState state = state(jobId);
    if (state == null || state.phase() != Phase.READY) {
      return NONE;
    }
    if (state.next() instanceof Checkpoint) {
      return CHECKPOINT;
    }
    if (state.next() instanceof Stage stage && stages.stageNames().contains(stage.name())) {
      return stageEndpoint(stage.name());
    }
    return NONE;
  }

  public static String stageEndpoint(String stage) {
    return "direct:stage-" + stage.replace('_', '-');
  }

  /** The stage name behind an endpoint from {@link #nextEndpoint}. */
  public static String stageOf(String endpoint) {
    return endpoint.substring("direct:stage-".length()).replace('-', '_');
  }

  /** The job id of a changed {@code …/<job_id>/events.jsonl}, or {@link #NONE} for any other path. */
  public String jobIdOfEventsFile(String path) {
    Matcher m = path == null ? null : EVENTS_FILE.matcher(path);
    return m != null && m.matches() ? m.group(1) : NONE;
  }

  /** Every job id, sorted (the sweep's and the worker's order). */
  public List<String> jobIds() {
    return jobs.jobIds();
  }

  /** The folded state, or null when the job does not exist or its files cannot be read. */
  public JobState state(String jobId) {
    try {
      // the job folder is resolved and checked (inside the root, no escaping link) once: an idle sweep then costs
      // one stat per job, not a realpath per call
      Path events = eventLogs.computeIfAbsent(jobId, id -> jobs.dir(id).resolve("events.jsonl"));
      BasicFileAttributes attrs = Files.readAttributes(events, BasicFileAttributes.class);
      long size = attrs.size();
      long modified = attrs.lastModifiedTime().toMillis();
      Cached cached = states.get(jobId);
      if (cached != null && cached.size() == size && cached.modified() == modified) {
        return cached.state();
      }
      JobKind kind = kinds.computeIfAbsent(jobId, jobs::kind);
      JobState state = StateFold.derive(kind.flow(), jobs.events(jobId).list());
      states.put(jobId, new Cached(size, modified, state));
      return state;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** True when the job can still move without a person: READY with an available step. */
  public boolean canAdvance(String jobId) {
    return !NONE.equals(nextEndpoint(jobId));
  }

  /** Terminal or waiting: what a worker reports per job. */
  public String label(String jobId) {
    JobState state = state(jobId);
    return state == null ? "UNREADABLE" : state.label();
  }
}
