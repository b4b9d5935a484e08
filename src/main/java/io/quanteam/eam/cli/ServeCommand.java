package io.quanteam.eam.cli;

import io.quanteam.eam.app.CrashLeftovers;
import io.quanteam.eam.app.EamConfig;
import io.quanteam.eam.app.EamDaemon;
import io.quanteam.eam.workflow.LogLevel;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code eam serve [--demo]}: the daemon (HTTP API, inbox, event-log watcher, dispatcher, stage routes, sweep) until
 * SIGTERM or Ctrl-C, which lets the stage in flight finish. Unusable folders stop it before anything starts.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = "Run the daemon: HTTP API, inbox, job event watcher, stages and the safety-net sweep, until "
        + "stopped.")
public final class ServeCommand implements Callable<Integer> {
  private final EamConfig config;

  @Spec
  CommandSpec spec;

  @Option(names = "--demo", description = "Create the demo (standard) and demo_tiny (tiny) snapshots if absent "
      + "(done anyway on a first serve with an empty data root).")
  boolean demo;

  @Mixin
  LogOptions log = new LogOptions();

  public ServeCommand(EamConfig config) {
    this.config = config;
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    EamConfig config = log.apply(this.config, LogLevel.INFO);
    EamDaemon daemon = EamDaemon.create(config);
    CrashLeftovers.remove(config, java.time.Clock.systemUTC(), spec.commandLine().getErr());
    List<String> created = daemon.ensureDemoSnapshots(demo);
    if (!created.isEmpty()) {
      out.println("created demo snapshots: " + String.join(", ", created));
    }
    out.flush();
    daemon.run(() -> {
      out.println("eam serve: running (Ctrl-C or SIGTERM stops it after the stage in flight)");
      var http = config.http();
      out.println("  ui          http://" + http.host() + ":" + http.port() + "/ui/jobs  (review and approve in a browser)");
      out.println("  api         http://" + http.host() + ":" + http.port() + "/jobs  (REST, docs/api.md; "
          + "/openapi.json, /health; writes " + (http.basicAuth() ? "need HTTP Basic credentials" : "open") + ")");
      out.println("  inbox       " + config.inboxDir() + "  (drop job_spec_v1 or idea_spec_v1 *.json files)");
      out.println("  job root    " + config.jobRoot() + "  (watched: new jobs and appends)");
      out.println("  sweep       " + config.sweepCron() + "  (quartz cron)");
      out.println("  data root   " + config.dataRoot());
      out.println("  artifacts   " + config.artifactRoot());
      out.println("  log         " + config.logLevel().slf4jName() + ", " + config.logFormat().name()
          .toLowerCase(java.util.Locale.ROOT) + " on stderr  (--log-level, --log-format)");
      out.flush();
    }, () -> {
      out.println("eam serve: stopped");
      out.flush();
    });
    return EamCommand.OK;
  }
}
