package io.quanteam.eam.workflow;

import io.quanteam.eam.contract.InvalidInputException;
import io.quanteam.eam.job.Checkpoint;
import io.quanteam.eam.job.EventType;
import io.quanteam.eam.job.FlowStep;
import io.quanteam.eam.job.JobEvent;
import io.quanteam.eam.job.JobKind;
import io.quanteam.eam.job.JobLock;
import io.quanteam.eam.job.JobOutcome;
import io.quanteam.eam.job.JobState;
import io.quanteam.eam.job.JobStore;
import io.quanteam.eam.job.JobViews;
import io.quanteam.eam.job.Phase;
import io.quanteam.eam.job.Stage;
import io.quanteam.eam.job.UnreadableJobException;
import io.quanteam.eam.json.IoFault;
import io.quanteam.eam.json.JsonInputException;
import io.quanteam.eam.json.LockUnavailableException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.camel.Header;

/**
 * Runs one step of a job with exactly one executor: the job's lock is held while the state is re-derived, the
 * step runs and its event is appended. A step that is no longer the job's next (another daemon or a worker did
 * it first) is skipped. Bean of the stage and checkpoint routes; takes and returns plain values.
 */
public final class StageRunner {
  /** What {@link #advance} and {@link #openCheckpoint} return when there was nothing for them to do. */
  public static final String SKIPPED = "skipped";
  /** What a step returns when a file-system fault deferred it: the job stays where it was ({@link FaultBackoff}). */
  public static final String DEFERRED = "deferred";

  private final JobStore jobs;
  private final Map<String, WorkflowStage> stages = new LinkedHashMap<>();
  private final StepThreads threads;
  private final FaultBackoff faults;
  private final DaemonLog log;

  public StageRunner(JobStore jobs, List<WorkflowStage> stages, StepThreads threads, FaultBackoff faults) {
    this(jobs, stages, threads, faults, DaemonLog.slf4j());
  }

  /** {@code log}: where each step's line goes (a stage done, a job waiting, finished or failed). */
  public StageRunner(JobStore jobs, List<WorkflowStage> stages, StepThreads threads, FaultBackoff faults,
      DaemonLog log) {
    this.jobs = jobs;
    this.threads = threads;
    this.faults = faults;
    this.log = log;
    stages.forEach(s -> this.stages.put(s.name(), s));
  }

  /** The log the stage runner writes to (the dispatcher and the inbox write to the same one). */
  public DaemonLog log() {
    return log;
  }

  /** Jobs and inbox entries deferred by a file-system fault (shared with the inbox). */
  public FaultBackoff faults() {
    return faults;
  }

  /** True while the job waits out the backoff of a file-system fault: the dispatcher leaves it alone. */
  public boolean backingOff(String jobId) {
    return faults.waiting(jobId);
  }

  /** Deferred jobs whose backoff has run out, each handed out once: the retry route dispatches them. */
  public List<String> dueForRetry() {
    return faults.dueJobs();
  }

  /** Starts no new step and waits for the one(s) in flight (the daemon's stop); false on timeout. */
  public boolean drain(java.time.Duration timeout) {
    return threads.drain(timeout);
  }

  public Set<String> stageNames() {
    return stages.keySet();
  }

  /** Runs {@code stage} if it is still the job's next step; returns the type of the last event, or "skipped". */
  public String advance(@Header("jobId") String jobId, @Header("eamStage") String stage) {
    WorkflowStage impl = stages.get(stage);
    if (impl == null) {
      throw new IllegalArgumentException("no stage named " + stage + " (known: " + stages.keySet() + ")");
    }
    return threads.run(() -> deferringFaults(jobId, stage, () -> advanceNow(jobId, stage, impl)), SKIPPED);
  }

  /**
   * Runs a step; a file-system fault anywhere in it (the stage's work, or the ERROR it would record) defers the job
   * instead of ending it: nothing is recorded, the job stays where it was and is tried again after its backoff.
   */
  private String deferringFaults(String jobId, String step, java.util.function.Supplier<String> work) {
    String result;
    try {
      result = work.get();
    } catch (RuntimeException e) {
      // a lock file that cannot be opened on a read-only or failing disk is a fault like any other write; a lock
      // merely held by someone else is no fault, and is left for the next trigger
      IoFault fault = IoFault.of(e).orElseThrow(() -> e);
      faults.fault(jobId, step, fault);
      return DEFERRED;
    }
    faults.cleared(jobId);
    return result;
  }

  private String advanceNow(String jobId, String stage, WorkflowStage impl) {
    try (JobLock lock = lockReadable(jobId)) {
      if (lock == null) {
        return SKIPPED;
      }
      JobState state = jobs.state(lock);
      if (state.phase() != Phase.READY || !(state.next() instanceof Stage next) || !next.name().equals(stage)) {
        return SKIPPED;
      }
      long start = System.nanoTime();
      int before = state.last() == null ? 0 : state.last().seq();
      JobKind kind = jobs.kind(jobId);
      for (String checkpoint : checkpointsBefore(kind, stage)) {
        if (!jobs.checkApprovedArtifact(lock, checkpoint)) {
          JobEvent last = jobs.events(jobId).last();
          report(lock, stage, before, last, start);
          return last.type().name();
        }
      }
      StageContext ctx = new StageContext(jobs, lock, jobId, stage, kind, jobs.spec(jobId),
          jobs.events(jobId).list());
      try {
        impl.execute(ctx);
      } catch (InvalidInputException | JsonInputException e) {
        ctx.fail("INVALID_INPUT", e.getMessage());
      } catch (ArtifactChangedException e) {
        ctx.fail("ARTIFACT_CHANGED", e.getMessage());
      } catch (UnreadableJobException e) {
        ctx.fail("ARTIFACT_CHANGED", e.getMessage()); // a job file replaced by a link, FIFO or folder
      } catch (LockUnavailableException e) {
        throw e; // a lock (registry, dossier) not taken says nothing of the job: the step is left for the next try
      } catch (RuntimeException e) {
        if (IoFault.of(e).isPresent()) {
          throw e; // the file system's fault, not the job's: deferred
        }
        ctx.fail("STAGE_FAILED", e.getClass().getSimpleName() + ": " + e.getMessage());
      }
      JobEvent last = jobs.events(jobId).last();
      report(lock, stage, before, last, start);
      return last == null ? SKIPPED : last.type().name();
    }
  }

  /**
   * The step's line, if it appended an event (after {@code before}): the stage done, or the job finished or failed.
   * A line that cannot be made (the outcome unreadable) never fails the step: the event is written already.
   */
  private void report(JobLock lock, String stage, int before, JobEvent last, long startNanos) {
    if (last == null || last.seq() <= before) {
      return;
    }
    long ms = (System.nanoTime() - startNanos) / 1_000_000;
    try {
      switch (last.type()) {
        case ERROR -> {
          if (log.enabled(LogLevel.ERROR)) {
            reportFailure(lock, last);
          }
        }
        case DONE -> {
          if (!log.enabled(LogLevel.INFO)) {
            return; // the outcome reads the gate results: not for a line no one sees
          }
          JobOutcome outcome = JobViews.outcome(jobs, lock.jobId(),
              jobs.state(lock));
          log.finished(lock.jobId(), stage, outcome.text(), outcome.verdict().label(), ms, null);
        }
        default -> log.stageDone(lock.jobId(), stage, ms, last.type().name());
      }
    } catch (RuntimeException e) {
      log.stageDone(lock.jobId(), stage, ms, last.type().name());
    }
  }

  /** {@code job … ERROR · <reason> at <step>: <message>} (JobOutcome's text), for an ERROR just appended. */
  private void reportFailure(JobLock lock, JobEvent error) {
    String text;
    try {
      text = JobViews.outcome(jobs, lock.jobId(), jobs.state(lock)).text();
    } catch (RuntimeException e) {
      text = "ERROR · " + error.output("reason") + " at " + error.output("step");
    }
    log.failed(lock.jobId(), error.output("step"), error.output("reason"), text);
  }

  /**
   * Halts the job at its next checkpoint: WAITING_APPROVAL, appended once. Returns the step; "ERROR" when the
   * artifact under review changed after its stage recorded it; "skipped" when the job is not at a checkpoint.
   */
  public String openCheckpoint(@Header("jobId") String jobId) {
    return threads.run(() -> deferringFaults(jobId, "checkpoint", () -> openCheckpointNow(jobId)), SKIPPED);
  }

  private String openCheckpointNow(String jobId) {
    try (JobLock lock = lockReadable(jobId)) {
      if (lock == null) {
        return SKIPPED;
      }
      JobState state = jobs.state(lock);
      if (state.phase() != Phase.READY || !(state.next() instanceof Checkpoint checkpoint)) {
        return SKIPPED;
      }
      JobEvent e = jobs.waitForApproval(lock, checkpoint.step(), ReviewArtifacts.pathOf(checkpoint.step()));
      if (e.type() == EventType.ERROR) {
        reportFailure(lock, e);
      } else if (state.last() == null || e.seq() > state.last().seq()) {
        log.waiting(jobId, checkpoint.step(), e.output("artifact_path"));
      }
      // ERROR when the artifact changed since its stage recorded it: it is not put up for review
      return e.type() == EventType.ERROR ? e.type().name() : checkpoint.step();
    }
  }

  /**
   * Records a failure that escaped a stage (an infrastructure error seen by the route's error handler) as ERROR,
   * unless the job already ended. {@code step} is a stage name or the failing route's id ({@code stage-<name>}
   * is recorded as the stage's name). Returns {@code recorded}, {@code ended} (the job had ended already),
   * {@code unreadable} (nothing can be appended to it; the dispatcher warns about it) or {@code busy}: when the job's own lock cannot be taken nothing is recorded and nothing is thrown (it runs inside
   * the error handler, where a throw only adds a fatal stack trace); the job is left for the next trigger. A fault of
   * the file system met while recording defers the job ({@code deferred}).
   */
  public String recordFailure(String jobId, String step, String message) {
    String stage = stageOf(step);
    return threads.run(() -> {
      try (JobLock lock = lockReadable(jobId)) {
        if (lock == null) {
          return "unreadable";
        }
        if (jobs.state(lock).phase().terminal()) {
          return "ended";
        }
        reportFailure(lock, jobs.fail(lock, stage, "STAGE_FAILED", message == null ? "unknown failure" : message));
        return "recorded";
      } catch (LockUnavailableException e) {
        return "busy";
      } catch (RuntimeException e) {
        IoFault fault = IoFault.of(e).orElseThrow(() -> e);
        faults.fault(jobId, stage, fault);
        return DEFERRED;
      }
    }, "busy");
  }

  /**
   * An I/O failure that escaped a step (seen by the route's error handler): a fault of the file system in its cause
   * chain ({@link IoFault#of}) defers the job; any other is recorded as by {@link #recordFailure}.
   */
  public String recordIoFailure(String jobId, String step, Throwable failure) {
    java.util.Optional<IoFault> fault = IoFault.of(failure);
    if (fault.isPresent()) {
      faults.fault(jobId, stageOf(step), fault.get());
      return DEFERRED;
    }
    return recordFailure(jobId, step, failure.getMessage());
  }

  private static String stageOf(String step) {
    return step != null && step.startsWith("stage-") ? Dispatcher.stageOf("direct:" + step) : step;
  }

  /**
   * The job's lock, or null when the job is unreadable (its log a link, FIFO, folder or empty; its .lock not a
   * file): nothing can be appended to it, and the dispatcher has already warned about it.
   */
  private JobLock lockReadable(String jobId) {
    try {
      return jobs.lock(jobId);
    } catch (UnreadableJobException e) {
      return null;
    }
  }

  /**
   * Every checkpoint before {@code stage} in the job's flow: each approved artifact must still be what was approved
   * when the stage acts, not only the last one (in the idea flow the runspec is approved, then the trace preview;
   * the run stage must not run a runspec edited while the preview waited).
   */
  private static List<String> checkpointsBefore(JobKind kind, String stage) {
    List<String> before = new java.util.ArrayList<>();
    for (FlowStep step : kind.flow().steps()) {
      if (step instanceof Stage s && s.name().equals(stage)) {
        return before;
      }
      if (step instanceof Checkpoint c) {
        before.add(c.step());
      }
    }
    return List.of();
  }
}
