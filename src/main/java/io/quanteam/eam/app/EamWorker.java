package io.quanteam.eam.app;

import io.quanteam.eam.job.JobState;
import io.quanteam.eam.job.Phase;
import io.quanteam.eam.workflow.Dispatcher;
import java.util.List;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.main.DefaultMainShutdownStrategy;
import org.apache.camel.main.Main;

/**
 * The routes of the daemon run synchronously ({@code eam worker}): Camel starts with the consumer routes
 * (inbox, events-watch, sweep) stopped, and each job is sent to {@code direct:dispatch} until it is blocked
 * (waiting, terminal, or its next stage is not available). No network, no file watching.
 */
public final class EamWorker implements AutoCloseable {
  /** Dispatches per job and pass; a job that still moves after this many is left for the next pass. */
  private static final int MAX_DISPATCHES = 64;

  private final EamWiring wiring;
  private final Main main;
  private final ProducerTemplate template;

  private EamWorker(EamWiring wiring, Main main) throws Exception {
    this.wiring = wiring;
    this.main = main;
    this.template = main.getCamelTemplate();
  }

  /** Checks the folders, then starts Camel without its consumers. */
  public static EamWorker start(EamConfig config) {
    StartupChecks.requireExecutorFolders(config);
    EamWiring wiring = EamWiring.create(config);
    Main main = EamDaemon.camelMain(wiring, false, "eam-worker");
    // the worker handles SIGTERM itself (between jobs); camel-main's hook would stop Camel under it
    ((DefaultMainShutdownStrategy) main.getShutdownStrategy()).disableHangupSupport();
    try {
      main.start();
      return new EamWorker(wiring, main);
    } catch (Exception e) {
      main.stop();
      throw new IllegalStateException("cannot start the worker's routes: " + e.getMessage(), e);
    }
  }

  public EamWiring wiring() {
    return wiring;
  }

  /** Every job id, sorted. */
  public List<String> jobIds() {
    return wiring.dispatcher().jobIds();
  }

  /** Where a job stands after {@link #advance}: its label and phase (null phase: its files cannot be read). */
  public record Outcome(String label, Phase phase) {}

  /** Advances the job until the dispatcher has nothing for it. */
  public Outcome advance(String jobId) {
    Dispatcher dispatcher = wiring.dispatcher();
    for (int i = 0; i < MAX_DISPATCHES && dispatcher.canAdvance(jobId); i++) {
      template.sendBodyAndHeader("direct:dispatch", null, "jobId", jobId);
    }
    JobState state = dispatcher.state(jobId);
    return state == null ? new Outcome(dispatcher.label(jobId), null) : new Outcome(state.label(), state.phase());
  }

  @Override
  public void close() {
    main.stop();
  }
}
