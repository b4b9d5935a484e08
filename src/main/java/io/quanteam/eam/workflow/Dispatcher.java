package io.quanteam.eam.workflow;

import io.quanteam.eam.job.Checkpoint;
import io.quanteam.eam.job.EventType;
import io.quanteam.eam.job.JobEvent;
import io.quanteam.eam.job.JobLogException;
import io.quanteam.eam.job.JobState;
import io.quanteam.eam.job.JobSummaryIndex;
import io.quanteam.eam.job.JobStore;
import io.quanteam.eam.job.JobViews;
import io.quanteam.eam.job.Phase;
import io.quanteam.eam.job.Stage;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
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

  private final JobStore jobs;
  private final StageRunner stages;
  private final Consumer<String> warn;
  private final DaemonLog log;
  /**
   * Per job not yet ended, the seq of the last APPROVED event reported: an approval written by another process (the
   * CLI) is noticed when the dispatcher reads the job's state, which it does anyway when its log changes.
   */
  private final Map<String, Integer> approvalsReported = new ConcurrentHashMap<>();
  /** Jobs seen waiting for a person: a rejection (DONE, written by the CLI) of one of them is reported once. */
  private final Set<String> seenWaiting = ConcurrentHashMap.newKeySet();
  /** The reason each unreadable job was last reported with: one WARN per job until the reason changes. */
  private final Map<String, String> unreadable = new ConcurrentHashMap<>();
  /**
   * The events.jsonl fingerprint (size, mtime, file key) of each job seen ended or waiting for a person: neither can
   * move until its log changes, so a sweep answers it from one stat and the job store need not keep its parsed log
   * (memory stays flat, and its bounded caches are not churned, however many such jobs there are).
   */
  private final Map<String, JobSummaryIndex.LogStamp> idle = new ConcurrentHashMap<>();

  /** False while the Camel context stops: nothing new is handed out, the step in flight finishes. */
  private volatile boolean dispatching = true;

  /** Writes to the stage runner's log: unreadable jobs, and approvals and rejections other processes recorded. */
  public Dispatcher(JobStore jobs, StageRunner stages) {
    this(jobs, stages, null);
  }

  /** @param warn where the one line per unreadable job goes (tests collect it); null: the stage runner's log */
  public Dispatcher(JobStore jobs, StageRunner stages, Consumer<String> warn) {
    this.jobs = jobs;
    this.stages = stages;
    this.log = stages.log();
    this.warn = warn;
  }

  /** False once the daemon has begun to stop: a sweep in progress dispatches no more jobs. */
  public boolean isDispatching() {
    return dispatching;
  }

  /** Set by the application as its Camel context starts ({@code true}) and begins to stop ({@code false}). */
  public void setDispatching(boolean dispatching) {
    this.dispatching = dispatching;
  }

  /**
   * {@code direct:stage-<name>} (underscores become hyphens), {@link #CHECKPOINT}, or {@link #NONE} when the job
   * is waiting, terminal, unknown, unreadable, waiting out the backoff of a file-system fault, or its next stage is not
   * available in this version, or when the application is stopping.
   */
  public String nextEndpoint(@Header("jobId") String jobId) {
    if (!dispatching || stages.backingOff(jobId)) {
      return NONE;
    }
    JobSummaryIndex.LogStamp before = stamp(jobId);
    if (before != null && before.equals(idle.get(jobId))) {
      return NONE;
    }
    JobState state = state(jobId);
    if (state != null && (state.phase().terminal() || state.phase() == Phase.WAITING) && before != null) {
      idle.put(jobId, before); // taken before the read: a log that changed since is read again next time
    }
    if (state == null || state.phase() != Phase.READY) {
      stages.faults().cleared(jobId); // a deferred job that another daemon moved on has nothing left to retry
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

  /**
   * Takes from the job root's summary index (current: just brought up to date by the listing's catch-up) the jobs
   * that were waiting or had ended when their logs had the stamps they still have: the daemon's first sweep then
   * answers each from one stat, as later sweeps do, instead of reading its spec and log (100,000 jobs:
   * docs/benchmarks.md "HTTP API"). A job seen waiting this way is one whose rejection by another process is
   * reported, as if this dispatcher had read it.
   */
  public void rememberIdle(JobSummaryIndex index) {
    index.eachKnown((jobId, stamp, known) -> {
      if (known.phase().terminal() || known.phase() == Phase.WAITING) {
        idle.putIfAbsent(jobId, stamp);
        if (known.phase() == Phase.WAITING) {
          seenWaiting.add(jobId);
        }
      }
    });
  }

  /** The job's events.jsonl as lstat sees it, or null when it cannot be seen (the state read then says why). */
  private JobSummaryIndex.LogStamp stamp(String jobId) {
    try {
      return JobSummaryIndex.LogStamp.of(jobs.dir(jobId));
    } catch (RuntimeException e) {
      return null; // an id the store refuses
    }
  }

  public static String stageEndpoint(String stage) {
    return "direct:stage-" + stage.replace('_', '-');
  }

  /** The stage name behind an endpoint from {@link #nextEndpoint}. */
  public static String stageOf(String endpoint) {
    return endpoint.substring("direct:stage-".length()).replace('-', '_');
  }

  /**
   * What a sweep sends to the dispatch route: every job id, sorted, but those seen waiting or ended whose log has not
   * changed since — one stat each (the log's, under the folder checked when the job was first read) instead of an
   * exchange and the folder's checks each: a sweep of 106,000 idle jobs took 8 s of CPU as exchanges, 4 s with the
   * checks (docs/benchmarks.md). {@link #nextEndpoint} would answer those {@link #NONE} all the same.
   */
  public List<String> jobsToSweep() {
    java.nio.file.Path root = jobs.root();
    return jobs.jobIds(jobId -> {
      JobSummaryIndex.LogStamp seen = idle.get(jobId);
      // a folder replaced since (by a link, say) has another log behind it: another stamp, so it is sent and checked
      return seen != null && seen.equals(JobSummaryIndex.LogStamp.of(root.resolve(jobId)));
    });
  }

  /**
   * The folded state, or null when the job does not exist or its files cannot be read. Cheap on an unchanged job:
   * the store resolves its folder once and re-parses its log only when it grew. An unreadable job (a link, FIFO,
   * folder or empty file where a job file should be, a malformed line) is logged once, until its reason changes.
   */
  public JobState state(String jobId) {
    try {
      JobState state = jobs.state(jobId);
      unreadable.remove(jobId);
      noticeOthers(jobId, state);
      return state;
    } catch (JobLogException | UncheckedIOException e) {
      String reason = String.valueOf(e.getMessage());
      if (!reason.equals(unreadable.put(jobId, reason))) {
        String line = "skipping unreadable job " + jobId + ": " + reason;
        if (warn != null) {
          warn.accept(line);
        } else {
          log.unreadableJob(jobId, line);
        }
      }
      return null;
    } catch (RuntimeException e) {
      return null; // not a job (any more): a folder removed since the listing, an id off the allowlist
    }
  }

  /**
   * Reports what a person did through another process, seen in the state just read (no extra reads): an APPROVED
   * that is the job's last event and was not reported yet, and the rejection of a job this dispatcher saw waiting.
   * Approvals are remembered by their line number until the job ends, so racing readers report each once.
   */
  private void noticeOthers(String jobId, JobState state) {
    JobEvent last = state.last();
    if (last != null && last.type() == EventType.APPROVED) {
      int seq = last.seq();
      boolean[] fresh = {false};
      approvalsReported.compute(jobId, (id, reported) -> {
        fresh[0] = reported == null || reported < seq;
        return fresh[0] ? seq : reported; // a slower reader's older state changes nothing
      });
      if (fresh[0]) {
        log.approved(jobId, last.step(), last.output("actor"));
      }
    }
    if (state.phase() == Phase.WAITING) {
      seenWaiting.add(jobId);
      return;
    }
    boolean wasWaiting = seenWaiting.remove(jobId);
    if (state.phase().terminal()) {
      approvalsReported.remove(jobId);
      if (wasWaiting && last != null && last.type() == EventType.DONE && "rejected".equals(last.output("status"))) {
        String outcome;
        try {
          outcome = JobViews.outcome(jobs, jobId, state).text();
        } catch (RuntimeException e) {
          outcome = "DONE · rejected at " + last.output("step");
        }
        log.finished(jobId, last.output("step"), outcome, "rejected", null, last.output("actor"));
      }
    }
  }

  /** Why the job cannot be read (as last reported), or null when it could be read last time it was looked at. */
  public String unreadableReason(String jobId) {
    return unreadable.get(jobId);
  }

  /** True when the job can still move without a person: READY with an available step. */
  public boolean canAdvance(String jobId) {
    return !NONE.equals(nextEndpoint(jobId));
  }

  /** Terminal or waiting: what a worker reports per job ({@code UNREADABLE: <reason>} for an unreadable one). */
  public String label(String jobId) {
    JobState state = state(jobId);
    if (state != null) {
      return state.label();
    }
    String reason = unreadable.get(jobId);
    return reason == null ? "UNREADABLE" : "UNREADABLE: " + reason;
  }
}
