package io.quanteam.eam.app;

import io.quanteam.eam.job.JobState;
import io.quanteam.eam.job.JobStore;
import io.quanteam.eam.job.JobSummaryIndex;
import io.quanteam.eam.job.JobViews;
import io.quanteam.eam.job.Phase;
import io.quanteam.eam.job.SnapshotCatalog;
import io.quanteam.eam.workflow.Dispatcher;
import java.nio.file.Path;
import java.util.List;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.main.DefaultMainShutdownStrategy;
import org.apache.camel.main.Main;

/**
 * The routes of the daemon run synchronously ({@code eam worker}): Camel starts with the consumer routes
 * (inbox, events-watch, sweep) stopped, and each job is sent to {@code direct:dispatch} until it is blocked
 * (waiting, terminal, or its next stage is not available). No network, no file watching. Camel starts on the first
 * job that has a step to run: a pass over jobs that all wait for a person or have ended (the common case of
 * {@code eam worker --once}) never needs the routes, and starting them was most of such a pass (issue 10 item 4);
 * nor does it need the wiring (policies, contracts) when the summary index answers every job ({@link #advance}).
 */
public final class EamWorker implements AutoCloseable {
  /** Dispatches per job and pass; a job that still moves after this many is left for the next pass. */
  private static final int MAX_DISPATCHES = 64;

  private final EamConfig config;
  /** The list of jobs: the store without the wiring, which a pass answered from the index never needs. */
  private final JobStore jobs;
  /** Made on the first job the index cannot answer (policies, contracts, the dispatcher); guarded by {@code this}. */
  private volatile EamWiring wiring;
  /** Set, started, once by {@link #template()}; guarded by {@code this}. */
  private Main main;
  private volatile ProducerTemplate template;
  private boolean closed;

  /** The list rows of the jobs, so that a pass does not fold the log of a job that waits or has ended again. */
  private final JobSummaryIndex index;

  private EamWorker(EamConfig config) {
    this.config = config;
    this.jobs = new JobStore(config.jobRoot(), config.artifactRoot(), () -> {
      throw new IllegalStateException("the worker's job list submits nothing");
    }, config.clock(), SnapshotCatalog.UNCHECKED);
    this.index = JobSummaryIndex.load(jobs.root());
  }

  /** Checks the folders and wires the application; Camel (without its consumers) starts when first needed. */
  public static EamWorker start(EamConfig config) {
    StartupChecks.requireExecutorFolders(config);
    return new EamWorker(config);
  }

  /** The routes' producer, starting Camel on the first call. */
  private ProducerTemplate template() {
    ProducerTemplate t = template;
    if (t != null) {
      return t;
    }
    synchronized (this) {
      if (template == null) {
        if (closed) {
          throw new IllegalStateException("the worker is closed");
        }
        Main m = EamDaemon.camelMain(wiring(), false, "eam-worker");
        // the worker handles SIGTERM itself (between jobs); camel-main's hook would stop Camel under it
        ((DefaultMainShutdownStrategy) m.getShutdownStrategy()).disableHangupSupport();
        try {
          main = m;
          m.start();
          template = m.getCamelTemplate();
        } catch (Exception e) {
          main = null; // the next call starts afresh; this one is stopped, not left half-started
          try {
            m.stop();
          } catch (RuntimeException ignored) {
            // stopping what never started may fail too; the start's failure is the one reported
          }
          throw new IllegalStateException("cannot start the worker's routes: " + e.getMessage(), e);
        }
      }
      return template;
    }
  }

  public EamWiring wiring() {
    EamWiring w = wiring;
    if (w != null) {
      return w;
    }
    synchronized (this) {
      if (wiring == null) {
        wiring = EamWiring.create(config);
      }
      return wiring;
    }
  }

  /** Every job id, sorted. */
  public List<String> jobIds() {
    return jobs.jobIds();
  }

  /** Where a job stands after {@link #advance}: its label and phase (null phase: its files cannot be read). */
  public record Outcome(String label, Phase phase) {}

  /**
   * Advances the job until the dispatcher has nothing for it. A job whose log is unchanged since the summary index
   * saw it waiting or ended is answered from the index: only a new event (an approval) can move it, and that
   * changes the log.
   */
  public Outcome advance(String jobId) {
    Path dir = jobs.root().resolve(jobId);
    JobSummaryIndex.Known known = index.known(jobId, JobSummaryIndex.LogStamp.of(dir));
    if (known != null && (known.phase().terminal() || known.phase() == Phase.WAITING)) {
      return new Outcome(known.label(), known.phase());
    }
    EamWiring wiring = wiring();
    Dispatcher dispatcher = wiring.dispatcher();
    for (int i = 0; i < MAX_DISPATCHES && dispatcher.canAdvance(jobId); i++) {
      template().sendBodyAndHeader("direct:dispatch", null, "jobId", jobId);
    }
    JobState state = dispatcher.state(jobId);
    if (state == null) {
      return new Outcome(dispatcher.label(jobId), null);
    }
    if (state.phase().terminal() || state.phase() == Phase.WAITING) {
      // its whole list row, not only its state: the next listing (a daemon's start among them) reads the row instead
      // of this job's spec and log (a daemon started on 10,000 jobs a pass had moved answered after 6.4 s, not 2.9 s)
      JobViews.summary(jobs, index, jobId);
    }
    return new Outcome(state.label(), state.phase());
  }

  /** Saves the summary index after a pass over these jobs (the others are gone). */
  public void passDone(List<String> jobIds) {
    index.retain(jobIds);
    index.save();
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (main != null) {
      main.stop();
    }
  }
}
