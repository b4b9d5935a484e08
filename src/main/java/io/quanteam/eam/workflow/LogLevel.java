package io.quanteam.eam.workflow;

import java.util.Locale;

/**
 * The levels the daemon's lines are written at, and the threshold {@code --log-level} / {@code EAM_LOG_LEVEL}
 * sets. The names are slf4j-simple's, so one value sets both this log and the product's slf4j loggers.
 */
public enum LogLevel {
  OFF, ERROR, WARN, INFO, DEBUG, TRACE;

  /** The accepted spellings, for help texts and errors. */
  public static final String NAMES = "error, warn, info, debug, trace, off";

  /** True when a line at {@code line} passes this threshold. */
  public boolean allows(LogLevel line) {
    return line != OFF && line.ordinal() <= ordinal();
  }

  /** Lower-case, as slf4j-simple spells it ({@code org.slf4j.simpleLogger.log.<name>=info}). */
  public String slf4jName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a level case-insensitively ({@code warning} is read as warn); IllegalArgumentException names the choices. */
  public static LogLevel parse(String text) {
    String t = text == null ? "" : text.trim().toUpperCase(Locale.ROOT);
    if (t.equals("WARNING")) {
      return WARN;
    }
    for (LogLevel l : values()) {
      if (l.name().equals(t)) {
        return l;
      }
    }
    throw new IllegalArgumentException("unknown log level '" + text + "' (one of " + NAMES + ")");
  }
}
