package io.quanteam.eam.app;

import io.quanteam.eam.data.DemoProfile;
import io.quanteam.eam.data.SnapshotStore;
import io.quanteam.eam.api.HttpSettings;
import io.quanteam.eam.contract.Contracts;
import io.quanteam.eam.workflow.StepThreads;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;

/**
 * The daemon of {@code eam serve}: camel-main (no Spring) with the YAML routes of {@code routes/}, the inbox, the
 * event-log watcher and the quartz sweep. Steps run on threads of their own ({@link StepThreads}), which Camel
 * does not interrupt when it stops. SIGTERM runs camel-main's JVM shutdown hook: consumers stop, the dispatch route
 * starts nothing new, the step in flight finishes, then the process says so and exits.
 */
public final class EamDaemon {
  /** The snapshots {@code serve --demo} (and a first serve on an empty data root) creates when absent. */
  public static final List<String> DEMO_SNAPSHOTS = List.of("demo", "demo_tiny");

  /** How long a stop waits for the steps in flight (as camel.main.shutdownTimeout). */
  private static final Duration DRAIN = Duration.ofSeconds(60);

  private final EamWiring wiring;
  private final Main main;

  private EamDaemon(EamWiring wiring, Main main) {
    this.wiring = wiring;
    this.main = main;
  }

  /** Checks the folders (IllegalStateException naming the unusable one), then wires the application. */
  public static EamDaemon create(EamConfig config) {
    return create(config, "eam");
  }

  /** A daemon whose Camel context (and quartz scheduler) has this name: two daemons in one JVM need two. */
  public static EamDaemon create(EamConfig config, String name) {
    StartupChecks.requireDaemonFolders(config);
    Contracts.shared().compileAll(); // a broken contract stops a long-running process at start, not at a job's step
    EamWiring wiring = EamWiring.create(config, StepThreads.dedicated(name + "-step"));
    return new EamDaemon(wiring, camelMain(wiring, true, name));
  }

  /**
   * camel-main (no package scan) with the application's beans, properties and routes; {@code consumers} false
   * for the worker.
   */
  public static Main camelMain(EamWiring wiring, boolean consumers, String name) {
    Main main = new Main();
    main.configure().addConfiguration(new EamCamelConfiguration(wiring, consumers, consumers));
    main.configure().withRoutesIncludePattern(EamCamelConfiguration.routes(consumers, consumers));
    main.configure().withName(name);
    if (consumers) { // the daemon serves the API (routes/api.camel.yaml); the worker listens nowhere
      HttpSettings http = wiring.config().http();
      // Vert.x's body handler makes an upload folder at the first form post; with "file uploads" off Camel leaves
      // it Vert.x's default, file-uploads/ in the working folder. So they are "on" with the folder under our own
      // root: no upload is ever accepted (every body-taking operation names its media type, none multipart).
      main.configure().httpServer().withEnabled(true).withHost(http.host()).withPort(http.port())
          .withMaxBodySize(http.maxBodyBytes()).withFileUploadEnabled(true)
          .withFileUploadDirectory(wiring.config().artifactRoot().resolve(".http-uploads").toString());
      // a timer per route (the stages' durations) on the registry GET /metrics shows (EamCamelConfiguration)
      main.bind(EamCamelConfiguration.METRICS_REGISTRY, new io.micrometer.prometheusmetrics.PrometheusMeterRegistry(
          io.micrometer.prometheusmetrics.PrometheusConfig.DEFAULT));
      // (no exchange event notifier: its meters are named by endpoint URIs, which carry the job root's path)
      // (as properties: camel-main 4.14 reads the metrics service's settings only from there)
      main.addInitialProperty("camel.metrics.enabled", "true");
      main.addInitialProperty("camel.metrics.enableRoutePolicy", "true");
      main.addInitialProperty("camel.metrics.enableExchangeEventNotifier", "false");
    }
    return main;
  }

  public EamWiring wiring() {
    return wiring;
  }

  /** Creates the missing demo snapshots when asked to, or when the data root has none; returns those created. */
  public List<String> ensureDemoSnapshots(boolean asked) {
    SnapshotStore snapshots = wiring.snapshots();
    List<String> created = new ArrayList<>();
    if (asked || snapshots.list().isEmpty()) {
      for (String id : DEMO_SNAPSHOTS) {
        if (!snapshots.exists(id)) {
          snapshots.createDemo(id, id.equals("demo") ? DemoProfile.STANDARD : DemoProfile.TINY);
          created.add(id);
        }
      }
    }
    return created;
  }

  /**
   * Runs until the JVM is asked to stop (or {@link #stop}); {@code onStarted} runs once the routes are up, then
   * every job is swept once so work left by a previous run or a crash continues at once. After a stop the steps
   * in flight are drained and {@code onStopped} runs — before the JVM exits: a hook of ours waits for it, since
   * the JVM halts as soon as its shutdown hooks (camel-main's among them) have returned.
   */
  public void run(Runnable onStarted, Runnable onStopped) throws Exception {
    CountDownLatch stopped = new CountDownLatch(1);
    Thread waitForStop = new Thread(() -> {
      try {
        stopped.await(DRAIN.toSeconds() + 30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "eam-serve-shutdown");
    Runtime.getRuntime().addShutdownHook(waitForStop);
    main.addMainListener(new MainListenerSupport() {
      @Override
      public void afterStart(BaseMainSupport started) {
        onStarted.run();
        startWatchingThenSweep(true);
      }
    });
    try {
      main.run();
      wiring.stages().drain(DRAIN);
      onStopped.run();
    } finally {
      stopped.countDown();
    }
  }

  /** Starts without blocking (tests, benchmarks); {@link #stop} ends it. */
  public void start() throws Exception {
    main.start();
    startWatchingThenSweep(false); // returns once the watcher runs: a test's next append is seen
  }

  /** Stops Camel (the steps in flight finish), then waits for the step threads. */
  public void stop() {
    main.stop();
    wiring.stages().drain(DRAIN);
  }

  public org.apache.camel.CamelContext camelContext() {
    return main.getCamelContext();
  }

  /**
   * Starts the job root's watcher, brings the job listing up to date, then sends every job to the dispatcher once
   * (work left by a previous run or a crash continues at once; a log that changed before the watch began is among
   * them). {@code serve} does it in the background: the listing's catch-up reads every job whose log changed since
   * the summary index, and the API and UI answer meanwhile ({@code /health} says 503 until the watch runs).
   */
  private void startWatchingThenSweep(boolean background) {
    Runnable start = () -> {
      org.apache.camel.CamelContext camel = main.getCamelContext();
      try {
        if (!camel.isStopping() && !camel.isStopped()) {
          EamCamelConfiguration.startWatching(camel);
        }
        // what another process appended between the listing's load and the watcher's start
        io.quanteam.eam.job.JobListing listing = camel.getRegistry().lookupByNameAndType("jobListing",
            io.quanteam.eam.job.JobListing.class);
        // the index the listing loaded, left current by the catch-up: the sweep skips the jobs it shows idle
        wiring.dispatcher().rememberIdle(listing != null ? listing.catchUp()
            : io.quanteam.eam.job.JobSummaryIndex.load(wiring.jobs().root()));
        main.getCamelTemplate().asyncSendBody("direct:sweep-jobs", null);
      } catch (Exception e) {
        if (!camel.isStopping() && !camel.isStopped()) {
          throw new IllegalStateException("cannot start watching the job logs: " + e.getMessage(), e);
        }
      }
    };
    if (!background) {
      start.run();
      return;
    }
    Thread t = new Thread(() -> {
      try {
        start.run();
      } catch (RuntimeException e) {
        org.slf4j.LoggerFactory.getLogger("io.quanteam.eam.workflow").error("{}", e.getMessage(), e);
      }
    }, "eam-start-watch");
    t.setDaemon(true);
    t.start();
  }
}
