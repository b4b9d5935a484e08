package io.quanteam.eam.app;

import io.quanteam.eam.api.HttpSettings;
import io.quanteam.eam.workflow.DaemonLog;
import io.quanteam.eam.workflow.LogLevel;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * Where everything lives and how the daemon runs. Each value comes from its environment variable, else the
 * {@code eam.*} system property, else {@code eam.*} in {@code application.properties} (classpath), else the
 * default of an embedded single-machine setup (01 §1).
 *
 * @param sweepCron the quartz cron of the daemon's safety-net sweep over every job
 * @param http      where the API and UI listen, the body limit and the write authentication
 * @param logLevel  the level of the daemon's lines and the product's loggers ({@code EAM_LOG_LEVEL}); null when
 *                  not set (the command's default applies: info for serve and a polling worker)
 * @param logFormat how the daemon's lines are printed ({@code EAM_LOG_FORMAT}: text, or json for log shippers)
 */
public record EamConfig(Path home, Path artifactRoot, Path dataRoot, Path jobRoot, Path registryRoot,
    Path inboxDir, Path policiesRoot, Long sourceDateEpoch, String sweepCron, HttpSettings http, LogLevel logLevel,
    DaemonLog.Format logFormat) {
  /** Every 30 seconds. */
  public static final String DEFAULT_SWEEP_CRON = "0/30 * * * * ?";

  public static EamConfig fromEnvironment() {
    Properties props = new Properties();
    try (InputStream in = EamConfig.class.getResourceAsStream("/application.properties")) {
      if (in != null) {
        props.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read application.properties: " + e.getMessage(), e);
    }
    props.putAll(System.getProperties());
    return from(System.getenv(), props);
  }

  public static EamConfig from(Map<String, String> env, Map<Object, Object> props) {
    Path home = Path.of(value(env, props, "EAM_HOME", "eam.home", ".")).toAbsolutePath().normalize();
    Path artifacts = path(home, value(env, props, "EAM_ARTIFACT_ROOT", "eam.artifact.root", "var/artifacts"));
    Path data = path(home, value(env, props, "EAM_DATA_ROOT", "eam.data.root", "var/data"));
    Path jobs = path(home, value(env, props, "EAM_JOB_ROOT", "eam.job.root", artifacts.resolve("jobs").toString()));
    Path registry = path(home,
        value(env, props, "EAM_REGISTRY_ROOT", "eam.registry.root", artifacts.resolve("registry").toString()));
    Path inbox = path(home, value(env, props, "EAM_INBOX_DIR", "eam.inbox.dir", artifacts.resolve("inbox").toString()));
    Path policies = path(home, value(env, props, "EAM_POLICIES_ROOT", "eam.policies.root", "policies"));
    String epoch = value(env, props, "SOURCE_DATE_EPOCH", "eam.source.date.epoch", "");
    Long sde = epoch.isBlank() ? null : Long.parseLong(epoch.trim());
    String cron = value(env, props, "EAM_SWEEP_CRON", "eam.sweep.cron", DEFAULT_SWEEP_CRON);
    HttpSettings http = new HttpSettings(
        value(env, props, "EAM_HTTP_HOST", "eam.http.host", HttpSettings.DEFAULT_HOST),
        port(value(env, props, "EAM_HTTP_PORT", "eam.http.port", Integer.toString(HttpSettings.DEFAULT_PORT))),
        bodyLimit(value(env, props, "EAM_HTTP_MAX_BODY_BYTES", "eam.http.max-body-bytes",
            Long.toString(HttpSettings.DEFAULT_MAX_BODY_BYTES))),
        value(env, props, "EAM_WRITE_AUTH_MODE", "eam.write.auth.mode", "off"),
        env.get("EAM_WRITE_AUTH_USER"), env.get("EAM_WRITE_AUTH_PASS"));
    String level = value(env, props, "EAM_LOG_LEVEL", "eam.log.level", "");
    String format = value(env, props, "EAM_LOG_FORMAT", "eam.log.format", "text");
    return new EamConfig(home, artifacts, data, jobs, registry, inbox, policies, sde, cron, http,
        level.isBlank() ? null : logSetting("EAM_LOG_LEVEL / eam.log.level", () -> LogLevel.parse(level)),
        logSetting("EAM_LOG_FORMAT / eam.log.format", () -> DaemonLog.Format.parse(format)));
  }

  /** The same configuration with the log settings a command's options chose. */
  public EamConfig withLog(LogLevel level, DaemonLog.Format format) {
    return new EamConfig(home, artifactRoot, dataRoot, jobRoot, registryRoot, inboxDir, policiesRoot,
        sourceDateEpoch, sweepCron, http, level, format);
  }

  /** The level the daemon's lines are written at: the configured one, else info. */
  public LogLevel logLevelOrInfo() {
    return logLevel == null ? LogLevel.INFO : logLevel;
  }

  private static <T> T logSetting(String name, java.util.function.Supplier<T> parse) {
    try {
      return parse.get();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
    }
  }

  /** The same configuration listening elsewhere (tests: port 0). */
  public EamConfig withHttp(HttpSettings settings) {
    return new EamConfig(home, artifactRoot, dataRoot, jobRoot, registryRoot, inboxDir, policiesRoot,
        sourceDateEpoch, sweepCron, settings, logLevel, logFormat);
  }

  private static long bodyLimit(String text) {
    try {
      long limit = Long.parseLong(text.trim());
      if (limit >= 1) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("EAM_HTTP_MAX_BODY_BYTES / eam.http.max-body-bytes must be a number of bytes "
        + "of at least 1, got '" + text + "'");
  }

  private static int port(String text) {
    try {
      int port = Integer.parseInt(text.trim());
      if (port >= 1 && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("EAM_HTTP_PORT / eam.http.port must be a port number 1-65535, got '"
        + text + "'");
  }

  /** The clock every recorded timestamp comes from: fixed at {@code SOURCE_DATE_EPOCH} when that is set. */
  public java.time.Clock clock() {
    return sourceDateEpoch == null ? java.time.Clock.systemUTC()
        : java.time.Clock.fixed(java.time.Instant.ofEpochSecond(sourceDateEpoch), java.time.ZoneOffset.UTC);
  }

  /** The application version recorded in evidence (the jar's Implementation-Version, {@code dev} from sources). */
  public static String appVersion() {
    String v = EamConfig.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }

  public Path dossierRoot() {
    return artifactRoot.resolve("dossiers");
  }

  private static String value(Map<String, String> env, Map<Object, Object> props, String var, String prop,
      String fallback) {
    String v = env.get(var);
    if (v != null && !v.isBlank()) {
      return v;
    }
    Object p = props.get(prop);
    return p != null && !p.toString().isBlank() ? p.toString() : fallback;
  }

  private static Path path(Path home, String value) {
    return home.resolve(value).toAbsolutePath().normalize();
  }
}
