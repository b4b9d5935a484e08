package io.quanteam.eam.cli;

import io.quanteam.eam.app.EamConfig;
import io.quanteam.eam.workflow.DaemonLog;
import io.quanteam.eam.workflow.LogLevel;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;

/**
 * {@code --log-level} and {@code --log-format} of the long-running commands (serve, worker). An option wins over
 * {@code EAM_LOG_LEVEL} / {@code EAM_LOG_FORMAT}, which win over the command's default.
 */
public final class LogOptions {
  /** The slf4j-simple key that sets the level of every {@code io.quanteam.eam.*} logger created after it is set. */
  static final String SLF4J_PRODUCT_LEVEL = "org.slf4j.simpleLogger.log.io.quanteam.eam";

  @Option(names = "--log-level", paramLabel = "LEVEL", converter = LevelConverter.class,
      description = "Level of the daemon's lines and the product's other log lines: " + LogLevel.NAMES
          + " (default: EAM_LOG_LEVEL, else info; warn for worker --once; libraries log warnings only). info: a line per stage done, job "
          + "waiting, approved, finished and inbox answer; warn: refused inbox entries, faults; error: failed jobs.")
  LogLevel level;

  @Option(names = "--log-format", paramLabel = "FORMAT", converter = FormatConverter.class,
      description = "text (default, or EAM_LOG_FORMAT) or json: one JSON object per line on stderr with ts, level, "
          + "logger, msg and fields such as job_id, step, event, duration_ms, outcome (library warnings stay text).")
  DaemonLog.Format format;

  /**
   * The configuration with the chosen level and format; also sets the product loggers' slf4j level, so it must run
   * before the first of them is created (before the daemon or worker is wired).
   */
  EamConfig apply(EamConfig config, LogLevel fallback) {
    LogLevel chosen = level != null ? level : config.logLevel() != null ? config.logLevel() : fallback;
    DaemonLog.Format chosenFormat = format != null ? format : config.logFormat();
    System.setProperty(SLF4J_PRODUCT_LEVEL, chosen.slf4jName());
    return config.withLog(chosen, chosenFormat);
  }

  static final class LevelConverter implements ITypeConverter<LogLevel> {
    @Override
    public LogLevel convert(String value) {
      try {
        return LogLevel.parse(value);
      } catch (IllegalArgumentException e) {
        throw new picocli.CommandLine.TypeConversionException(e.getMessage()); // said plainly, no exception name
      }
    }
  }

  static final class FormatConverter implements ITypeConverter<DaemonLog.Format> {
    @Override
    public DaemonLog.Format convert(String value) {
      try {
        return DaemonLog.Format.parse(value);
      } catch (IllegalArgumentException e) {
        throw new picocli.CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }
}
