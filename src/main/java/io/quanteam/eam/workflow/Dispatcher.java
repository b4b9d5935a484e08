package io.quanteam.eam.workflow;

import io.quanteam.eam.job.Checkpoint;
import io.quanteam.eam.job.JobState;
import io.quanteam.eam.job.JobStore;
import io.quanteam.eam.job.Phase;
import io.quanteam.eam.job.Stage;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.Header;

/**
 * Decides where a job goes next: the route of its next stage, the checkpoint route, or nowhere (blocked,
 * terminal, unknown). Reads without the lock — the stage re-derives the state under it. The job store keeps what
 * makes this cheap (the resolved folder, the spec, the parsed log until it grows), so nothing is cached here.
 */
public final class Dispatcher {
  /** The answer when the job needs nothing now. */
  public static final String NONE = "none";
  public static final String CHECKPOINT = "direct:checkpoint";

  private static final Pattern EVENTS_FILE = Pattern.compile("(?:^|.*[/\\\\])([0-9a-f]{12})[/\\\\]events\\.jsonl$");

  private final JobStore jobs;
  private final StageRunner stages;
  /** False while the Camel context stops: nothing new is handed out, the step in flight finishes. */
  private volatile boolean dispatching = true;

  public Dispatcher(JobStore jobs, StageRunner stages) {
    this.jobs = jobs;
    this.stages = stages;
  }

  /** Set by the application as its Camel context starts ({@code true}) and begins to stop ({@code false}). */
  public void setDispatching(boolean dispatching) {
    this.dispatching = dispatching;
  }

  /**
   * {@code direct:stage-<name>} (underscores become hyphens), {@link #CHECKPOINT}, or {@link #NONE} when the job
   * is waiting, terminal, unknown, unreadable, or its next stage is not available in this version, or when the
   * application is stopping.
   */
  public String nextEndpoint(@Header("jobId") String jobId) {
    if (!dispatching) {
      return NONE;
    }
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

  /**
   * The folded state, or null when the job does not exist or its files cannot be read. Cheap on an unchanged job:
   * the store resolves its folder once and re-parses its log only when it grew.
   */
  public JobState state(String jobId) {
    try {
      return jobs.state(jobId);
    } catch (RuntimeException e) {
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
