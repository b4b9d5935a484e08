package io.quanteam.eam.cli;

import io.quanteam.eam.app.CrashLeftovers;
import io.quanteam.eam.app.EamConfig;
import io.quanteam.eam.app.EamWorker;
import io.quanteam.eam.contract.Contracts;
import io.quanteam.eam.job.Phase;
import io.quanteam.eam.workflow.LogLevel;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code eam worker [--run-jobs] [--once]}: the daemon's dispatch routes, synchronously. Each pass takes the jobs in
 * sorted id order and advances each until it is blocked or terminal, then prints one line per job and a summary;
 * without {@code --once} it polls, printing only the jobs whose label changed. SIGTERM stops it between jobs.
 */
@Command(name = "worker", mixinStandardHelpOptions = true,
    description = "Advance every job until it waits for a person or ends (one pass with --once, else polling).")
public final class WorkerCommand implements Callable<Integer> {
  private final EamConfig config;

  @Spec
  CommandSpec spec;

  @Option(names = "--run-jobs", description = "Advance the jobs of the job root: what the worker does, so it may "
      + "be left out (accepted for the seed's command line).")
  boolean runJobs;

  @Option(names = "--once", description = "One pass, then exit.")
  boolean once;

  @Option(names = "--threads", defaultValue = "4", paramLabel = "N",
      description = "Jobs advanced at once (default ${DEFAULT-VALUE}); each job's lock keeps every step to one "
          + "executor, so this only overlaps independent jobs' disk waits.")
  int threads;

  @Option(names = "--poll-interval", defaultValue = "2000", paramLabel = "MS",
      description = "Pause between passes without --once, in milliseconds (default ${DEFAULT-VALUE}).")
  long pollMillis;

  /** A polling worker logs like the daemon (info); {@code --once} prints its own lines, so only warnings by default. */
  @Mixin
  LogOptions log = new LogOptions();

  public WorkerCommand(EamConfig config) {
    this.config = config;
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    EamConfig config = log.apply(this.config, once ? LogLevel.WARN : LogLevel.INFO);
    boolean progress = System.console() != null;
    if (threads < 1) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--threads must be at least 1");
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "eam-worker");
      t.setDaemon(true);
      return t;
    });
    try (EamWorker worker = EamWorker.start(config)) {
      CrashLeftovers.remove(config, java.time.Clock.systemUTC(), err);
      if (once) { // contracts compiled as used (~0.15 s a pass less); the build's tests compile every one
        pass(worker, pool, Map.of(), out, err, progress, new CountDownLatch(1));
        return EamCommand.OK;
      }
      Contracts.shared().compileAll(); // a broken contract stops a polling worker at start, not at a job's step
      return poll(worker, pool, out, err, progress);
    } finally {
      pool.shutdown();
    }
  }

  /**
   * Passes until SIGTERM/Ctrl-C: the JVM's shutdown hook asks the loop to stop and waits for it, so the job in
   * hand finishes (the loop is never interrupted: an interrupt would close the job's file channels mid-write).
   */
  private int poll(EamWorker worker, ExecutorService pool, PrintWriter out, PrintWriter err, boolean progress)
      throws Exception {
    CountDownLatch stopRequested = new CountDownLatch(1);
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      stopRequested.countDown();
      try {
        stopped.await(60, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "eam-worker-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      Map<String, String> labels = Map.of();
      do {
        labels = pass(worker, pool, labels, out, err, progress, stopRequested);
      } while (!stopRequested.await(pollMillis, TimeUnit.MILLISECONDS));
      out.println("eam worker: stopped");
      out.flush();
      return EamCommand.OK;
    } finally {
      stopped.countDown();
    }
  }

  /**
   * Advances every job once (on the pool, in sorted order; results are reported in that order); prints the jobs
   * whose label differs from {@code before}, and a summary if any did. A stop request lets started jobs finish.
   */
  private static Map<String, String> pass(EamWorker worker, ExecutorService pool, Map<String, String> before,
      PrintWriter out, PrintWriter err, boolean progress, CountDownLatch stopRequested) throws Exception {
    List<String> ids = worker.jobIds();
    List<Future<EamWorker.Outcome>> outcomes = new ArrayList<>(ids.size());
    for (String id : ids) {
      outcomes.add(pool.submit(() -> stopRequested.getCount() > 0 ? worker.advance(id) : null));
    }
    Map<String, String> labels = new HashMap<>();
    Map<String, Integer> counts = new TreeMap<>();
    boolean changed = before.isEmpty();
    for (int i = 0; i < ids.size(); i++) {
      EamWorker.Outcome outcome = result(outcomes.get(i));
      if (outcome == null) {
        continue; // stopped before this job was taken
      }
      String id = ids.get(i);
      if (progress) {
        err.print("\r" + (i + 1) + "/" + ids.size() + " " + id);
        err.flush();
      }
      String label = outcome.label();
      labels.put(id, label);
      counts.merge(category(outcome.phase()), 1, Integer::sum);
      if (!label.equals(before.get(id))) {
        out.println(id + " " + label);
        changed = true;
      }
    }
    worker.passDone(ids);
    if (progress && !ids.isEmpty()) {
      err.print("\r" + " ".repeat(40) + "\r");
      err.flush();
    }
    if (changed) {
      out.println(summary(labels.size(), counts));
    }
    out.flush();
    return labels;
  }

  /** The job's outcome; a failure as thrown by the worker (e.g. routes that cannot start), not wrapped by the pool. */
  private static EamWorker.Outcome result(Future<EamWorker.Outcome> f) throws Exception {
    try {
      return f.get();
    } catch (java.util.concurrent.ExecutionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
  }

  private static String category(Phase phase) {
    if (phase == null) {
      return "unreadable";
    }
    return switch (phase) {
      case TERMINAL_DONE -> "done";
      case TERMINAL_ERROR -> "error";
      case WAITING -> "waiting";
      case READY -> "ready";
    };
  }

  /** "N jobs: D done, W waiting, E error" and, when there are any, ready (no stage available) and unreadable. */
  static String summary(int jobs, Map<String, Integer> counts) {
    StringBuilder sb = new StringBuilder().append(jobs).append(jobs == 1 ? " job: " : " jobs: ")
        .append(counts.getOrDefault("done", 0)).append(" done, ")
        .append(counts.getOrDefault("waiting", 0)).append(" waiting, ")
        .append(counts.getOrDefault("error", 0)).append(" error");
    for (String other : List.of("ready", "unreadable")) {
      if (counts.getOrDefault(other, 0) > 0) {
        sb.append(", ").append(counts.get(other)).append(' ').append(other);
      }
    }
    return sb.toString();
  }
}
