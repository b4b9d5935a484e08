package io.quanteam.eam.app;

import io.quanteam.eam.api.ApiHeaderFilter;
import io.quanteam.eam.api.HealthApi;
import io.quanteam.eam.api.HttpSettings;
import io.quanteam.eam.api.JobsApi;
import io.quanteam.eam.api.MetricsApi;
import io.quanteam.eam.api.Problems;
import io.quanteam.eam.api.RegistryApi;
import io.quanteam.eam.api.RequestBodies;
import io.quanteam.eam.api.RunsApi;
import io.quanteam.eam.api.SnapshotsApi;
import io.quanteam.eam.api.WriteAuth;
import io.quanteam.eam.job.JobListing;
import io.quanteam.eam.job.JobRootWatcher;
import io.quanteam.eam.ui.CataloguePages;
import io.quanteam.eam.ui.FormPosts;
import io.quanteam.eam.ui.JobPages;
import io.quanteam.eam.ui.RunPages;
import io.quanteam.eam.workflow.InboxSubmitter;
import java.util.List;
import java.util.Map;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.support.SimpleEventNotifierSupport;

/**
 * What the routes need from the application: the beans they call ({@code dispatcher}, {@code stages},
 * {@code inbox}) and the {@code eam.*} properties they read. The daemon, the worker and the route tests share it,
 * so they run the same routes against the same beans. Configuration values come from {@link EamConfig} and win
 * over {@code application.properties}; tuning knobs have defaults there.
 *
 * @param consumers whether the consumer routes ({@code inbox}, {@code events-watch}, {@code sweep}) start: the
 *                  worker drives {@code direct:dispatch} itself, starts none and loads none ({@link #routes})
 * @param api       whether the HTTP API's routes ({@code api}) and beans are loaded: the daemon's, which also
 *                  starts the embedded server they need ({@link EamDaemon#camelMain})
 */
public record EamCamelConfiguration(EamWiring wiring, InboxSubmitter inbox, boolean consumers, boolean api)
    implements CamelConfiguration {
  /** The route files of the top-level {@code routes/} folder (RouteFilesTest checks this list against it). */
  public static final List<String> ROUTE_FILES = List.of("dispatch", "checkpoint", "intent", "strategy-spec",
      "compile", "trace-preview", "run", "gates", "registry", "report", "improvements", "done", "errors", "inbox", "events-watch", "sweep", "api", "ui");

  /**
   * The routes of the workflow (all but the API's), packaged from {@code routes/}, each named: a wildcard made Camel
   * read the whole application jar, every entry decompressed, twice per start (~0.6 s of a worker's pass, issue 10
   * item 4).
   */
  public static final String ROUTES = routes(true, false);

  /** The name under which Camel's metrics service (camel-micrometer-prometheus) looks for its meter registry. */
  static final String METRICS_REGISTRY = "metricsRegistry";

  /** The route files that only consume (files, timers) and feed {@code direct:dispatch}; nothing refers to them. */
  /** The registry name of the job root's watcher (bound when the consumers run). */
  static final String WATCHER = "jobRootWatcher";
  /** How many threads hand the watcher's jobs to the dispatcher (default 2). */
  static final String WATCH_CONSUMERS = "eam.watch.consumers";

  static final List<String> CONSUMER_FILES = List.of("inbox", "events-watch", "sweep");

  /**
   * The routes to load: all of them for the daemon; without the consumer files for the worker, which drives
   * {@code direct:dispatch} itself — their quartz scheduler alone took ~0.4 s of every worker pass to stop (its idle
   * threads wake every 0.5 s to see they should end).
   */
  public static String routes(boolean consumers, boolean api) {
    return includePattern(ROUTE_FILES.stream()
        .filter(name -> consumers || !CONSUMER_FILES.contains(name))
        .filter(name -> api || !(name.equals("api") || name.equals("ui")))
        .toList());
  }

  private static String includePattern(List<String> files) {
    return String.join(",", files.stream().map(name -> "classpath:routes/" + name + ".camel.yaml").toList());
  }

  public EamCamelConfiguration(EamWiring wiring, boolean consumers) {
    this(wiring, consumers, false);
  }

  public EamCamelConfiguration(EamWiring wiring, boolean consumers, boolean api) {
    this(wiring, new InboxSubmitter(wiring.jobs(), wiring.policies(), wiring.config().inboxDir(), System::nanoTime,
        wiring.stages().faults(), wiring.stages().log()), consumers, api);
  }

  /** The tuning knob {@value #WATCH_CONSUMERS} (application.properties or -D): a whole number of threads, 1 or more. */
  private static int watchConsumers(CamelContext camel) {
    String value = camel.getPropertiesComponent().resolveProperty(WATCH_CONSUMERS).orElse("2").strip();
    if (!value.matches("[1-9][0-9]{0,2}")) {
      throw new IllegalStateException(WATCH_CONSUMERS + " must be a number of threads from 1 to 999, got '" + value
          + "'");
    }
    return Integer.parseInt(value);
  }

  /**
   * Starts the job root's watcher (when the consumers run): each job whose folder changed goes to
   * {@code direct:job-log-changed}; signals the kernel dropped make a sweep of every job.
   */
  static void startWatching(CamelContext camel) {
    JobRootWatcher watcher = camel.getRegistry().lookupByNameAndType(WATCHER, JobRootWatcher.class);
    if (watcher == null) {
      return;
    }
    org.apache.camel.ProducerTemplate template = camel.createProducerTemplate();
    try {
      watcher.start(jobId -> template.sendBodyAndHeader("direct:job-log-changed", null, "jobId", jobId),
          () -> template.asyncSendBody("direct:sweep-jobs", null));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot watch the job root: " + e.getMessage(), e);
    }
  }

  /**
   * No sweep starts once the daemon stops: a quartz trigger firing while its route stops had its exchange rejected,
   * which quartz logged as an ERROR at every such stop.
   */
  private static void pauseSweeps(CamelContext camel) {
    if (camel.hasComponent("quartz") instanceof org.apache.camel.component.quartz.QuartzComponent quartz
        && quartz.getScheduler() != null) {
      try {
        quartz.getScheduler().standby();
      } catch (org.quartz.SchedulerException e) {
        // the scheduler is shutting down already: nothing fires any more
      }
    }
  }

  /**
   * The API's beans (routes/api.camel.yaml) and the job listing the event watcher keeps current; the readiness
   * check of the job root joins Camel's own route checks.
   */
  private void bindApi(CamelContext camel, JobListing listing) {
    EamConfig config = wiring.config();
    HttpSettings http = config.http();
    WriteAuth auth = new WriteAuth(http);
    camel.getRegistry().bind("jobsApi", new JobsApi(wiring.jobs(), listing, auth,
        new RequestBodies(http.maxBodyBytes())));
    camel.getRegistry().bind("snapshotsApi", new SnapshotsApi(wiring.snapshots()));
    camel.getRegistry().bind("runsApi", new RunsApi(config.dossierRoot()));
    camel.getRegistry().bind("registryApi", new RegistryApi(wiring.registry(), auth));
    camel.getRegistry().bind("healthApi", new HealthApi(() -> HealthCheckHelper.invoke(camel, "full")));
    Map<java.nio.file.Path, String> roots = new java.util.LinkedHashMap<>();
    roots.putIfAbsent(config.jobRoot(), "job root");
    roots.putIfAbsent(config.inboxDir(), "inbox");
    roots.putIfAbsent(config.artifactRoot(), "artifact root");
    roots.putIfAbsent(config.dataRoot(), "data root");
    roots.putIfAbsent(config.policiesRoot(), "policies root");
    roots.putIfAbsent(config.home(), "home");
    Problems problems = new Problems(roots);
    camel.getRegistry().bind("apiProblems", problems);
    camel.getRegistry().bind("errorPages", new io.quanteam.eam.ui.ErrorPages(problems));
    camel.getRegistry().bind("apiHeaderFilter", new ApiHeaderFilter());
    // one registry for ours and Camel's route timers: the daemon binds it before Camel's metrics service looks for
    // it by this name (EamDaemon#camelMain); made here where no one did (route tests)
    io.micrometer.prometheusmetrics.PrometheusMeterRegistry metrics = camel.getRegistry().lookupByNameAndType(
        METRICS_REGISTRY, io.micrometer.prometheusmetrics.PrometheusMeterRegistry.class);
    if (metrics == null) {
      metrics = new io.micrometer.prometheusmetrics.PrometheusMeterRegistry(
          io.micrometer.prometheusmetrics.PrometheusConfig.DEFAULT);
      camel.getRegistry().bind(METRICS_REGISTRY, metrics);
    }
    camel.getRegistry().bind("metricsApi", new MetricsApi(metrics, listing, inbox::refusedCount));
    camel.getRegistry().bind("jobPages", new JobPages(wiring.jobs(), listing, config.clock()));
    camel.getRegistry().bind("runPages", new RunPages(config.dossierRoot()));
    camel.getRegistry().bind("cataloguePages", new CataloguePages(wiring.snapshots(), wiring.registry()));
    camel.getRegistry().bind("formPosts", new FormPosts(wiring.jobs(), listing, wiring.registry(), auth));
    // submissions and approvals append there
    java.nio.file.Path jobRoot = config.jobRoot();
    camel.getRegistry().bind("jobRootHealthCheck", new ReadinessCheck("job-root-writable",
        () -> java.nio.file.Files.isDirectory(jobRoot) && java.nio.file.Files.isWritable(jobRoot),
        "the job root is not a writable folder"));
  }

  @Override
  public void configure(CamelContext camel) {
    camel.getRegistry().bind("dispatcher", wiring.dispatcher());
    camel.getRegistry().bind("stages", wiring.stages());
    camel.getRegistry().bind("inbox", inbox);
    if (consumers) { // the feed of routes/events-watch.camel.yaml; started once the routes run (startWatching)
      JobRootWatcher watcher = new JobRootWatcher(wiring.config().jobRoot(), watchConsumers(camel));
      camel.getRegistry().bind(WATCHER, watcher);
      // the daemon answers HTTP before it watches (EamDaemon); a removed root ends the watch
      camel.getRegistry().bind("jobLogWatchHealthCheck", new ReadinessCheck("job-logs-watched", watcher::isWatching,
          "the job logs are not watched (yet)"));
    }
    if (consumers || api) { // the event watcher keeps it current; the API lists from it
      // the daemon loads it while Camel starts; every read of it waits for the load
      JobListing listing = api ? new JobListing(wiring.jobs()).loadInBackground() : new JobListing(wiring.jobs()).load();
      camel.getRegistry().bind("jobListing", listing);
      if (api) {
        bindApi(camel, listing);
      }
    }
    // The dispatcher starts nothing new once the context begins to stop (SIGTERM): the step in flight finishes.
    camel.getManagementStrategy().addEventNotifier(new SimpleEventNotifierSupport() {
      @Override
      public void notify(CamelEvent event) {
        if (event instanceof CamelEvent.CamelContextStartingEvent) {
          wiring.dispatcher().setDispatching(true);
        } else if (event instanceof CamelEvent.CamelContextStartedEvent && consumers && !api) {
          startWatching(camel); // the daemon starts it itself, after its HTTP server: EamDaemon
        } else if (event instanceof CamelEvent.CamelContextStoppingEvent) {
          JobRootWatcher watcher = camel.getRegistry().lookupByNameAndType(WATCHER, JobRootWatcher.class);
          if (watcher != null) {
            watcher.close();
          }
          wiring.dispatcher().setDispatching(false);
          pauseSweeps(camel);
        }
      }
    });
    PropertiesComponent pc = camel.getPropertiesComponent();
    EamConfig config = wiring.config();
    pc.addOverrideProperty("eam.job.root", config.jobRoot().toString());
    pc.addOverrideProperty("eam.inbox.dir", config.inboxDir().toString());
    pc.addOverrideProperty("eam.sweep.cron", config.sweepCron());
    pc.addOverrideProperty("eam.consumers.auto-startup", Boolean.toString(consumers));
    // tuning knobs: application.properties or -D may change them
    pc.addInitialProperty("eam.inbox.read-lock-interval", "200");
    pc.addInitialProperty("eam.inbox.poll-delay", "250");
    pc.addInitialProperty("eam.retry.poll-delay", "1000");
  }
}
