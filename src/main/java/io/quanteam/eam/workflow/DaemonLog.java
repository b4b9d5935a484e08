package io.quanteam.eam.workflow;

import java.io.PrintStream;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the daemon (and a polling worker) says as jobs move: one short line per transition — a stage done, a job
 * waiting for a person, an approval noticed, a job finished or failed, an inbox entry accepted or refused — plus the
 * fault-episode and unreadable-job warnings. The stage runner, dispatcher and inbox call it with plain values; it
 * builds the text and the fields once, and its sink prints them as text (through slf4j, beside the libraries'
 * lines) or as JSON (one object per line on stderr). Tests collect the {@link LogLine}s.
 */
public final class DaemonLog {
  /** Job transitions. Not under {@code io.quanteam.eam.workflow}: that logger is for failures and warnings. */
  public static final String JOBS = "io.quanteam.eam.jobs";
  public static final String INBOX = "io.quanteam.eam.inbox";
  public static final String FAULTS = "io.quanteam.eam.workflow.faults";
  public static final String WORKFLOW = "io.quanteam.eam.workflow";
  /** Echoed names, pointers and reasons are cut here: a hostile inbox name cannot make a line long. */
  static final int MAX_VALUE = 200;

  /** How lines are printed: {@code text} through slf4j, {@code json} one object per line. */
  public enum Format {
    TEXT, JSON;

    public static Format parse(String text) {
      String t = text == null ? "" : text.trim().toUpperCase(Locale.ROOT);
      for (Format f : values()) {
        if (f.name().equals(t)) {
          return f;
        }
      }
      throw new IllegalArgumentException("unknown log format '" + text + "' (one of text, json)");
    }
  }

  private final LogLevel threshold;
  private final Clock clock;
  private final Consumer<LogLine> sink;

  /** True when a line at {@code level} is written: what costs work to say is not worked out otherwise. */
  public boolean enabled(LogLevel level) {
    return threshold.allows(level);
  }

  /** {@code sink} receives every line at or above {@code threshold}; {@code clock} stamps them. */
  public DaemonLog(LogLevel threshold, Clock clock, Consumer<LogLine> sink) {
    this.threshold = threshold;
    this.clock = clock;
    this.sink = sink;
  }

  /** The application's log: text lines through slf4j, or JSON lines on stderr, at or above {@code threshold}. */
  public static DaemonLog create(Format format, LogLevel threshold) {
    return new DaemonLog(threshold, Clock.systemUTC(),
        format == Format.JSON ? jsonTo(System.err) : DaemonLog::toSlf4j);
  }

  /** Text through slf4j at INFO: what a bean gets when it is built without the application's log. */
  public static DaemonLog slf4j() {
    return create(Format.TEXT, LogLevel.INFO);
  }

  /** A sink printing each line as one JSON object (println is atomic per line on a PrintStream). */
  public static Consumer<LogLine> jsonTo(PrintStream out) {
    return line -> out.println(line.json());
  }

  /** Text: the message alone; slf4j-simple adds the time, thread, level and logger like on every other line. */
  static void toSlf4j(LogLine line) {
    Logger log = LoggerFactory.getLogger(line.logger());
    switch (line.level()) {
      case ERROR -> log.error(line.msg());
      case WARN -> log.warn(line.msg());
      case INFO -> log.info(line.msg());
      case DEBUG -> log.debug(line.msg());
      case TRACE -> log.trace(line.msg());
      case OFF -> { }
    }
  }

  // --- jobs -------------------------------------------------------------------------------------------------------

  /** {@code job 3f2a9c01d4e7 run done in 412 ms → RUN_COMPLETED}. */
  public void stageDone(String jobId, String step, long durationMs, String event) {
    write(LogLevel.INFO, JOBS, "job " + clean(jobId) + " " + clean(step) + " done in " + durationMs + " ms → "
        + clean(event), fields("job_id", jobId, "step", step, "event", event, "duration_ms", durationMs));
  }

  /** {@code job 3f2a9c01d4e7 waits for approval of runspec (outputs/runspec.json)}. */
  public void waiting(String jobId, String step, String artifact) {
    write(LogLevel.INFO, JOBS, "job " + clean(jobId) + " waits for approval of " + clean(step)
        + (artifact == null ? "" : " (" + clean(artifact) + ")"),
        fields("job_id", jobId, "step", step, "event", "WAITING_APPROVAL", "artifact", artifact));
  }

  /** {@code job 3f2a9c01d4e7 approved runspec by alice}: an approval another process (the CLI) recorded. */
  public void approved(String jobId, String step, String actor) {
    write(LogLevel.INFO, JOBS, "job " + clean(jobId) + " approved " + clean(step) + " by " + clean(actor),
        fields("job_id", jobId, "step", step, "event", "APPROVED", "actor", actor));
  }

  /**
   * {@code job 3f2a9c01d4e7 DONE · PASS · card card_…}: the job ended in DONE; {@code outcome} is
   * {@code JobOutcome}'s text, {@code durationMs} null when no stage of this process ended it (a rejection).
   */
  public void finished(String jobId, String step, String outcome, String verdict, Long durationMs, String actor) {
    write(LogLevel.INFO, JOBS, "job " + clean(jobId) + " " + clean(outcome) + (actor == null ? "" : " (by "
        + clean(actor) + ")"), fields("job_id", jobId, "step", step, "event", "DONE", "outcome", outcome,
        "verdict", verdict, "duration_ms", durationMs, "actor", actor));
  }

  /** {@code job 3f2a9c01d4e7 ERROR · STAGE_FAILED at run: …}: the job ended in ERROR (an ERROR line, no trace). */
  public void failed(String jobId, String step, String reason, String outcome) {
    write(LogLevel.ERROR, JOBS, "job " + clean(jobId) + " " + clean(outcome),
        fields("job_id", jobId, "step", step, "event", "ERROR", "reason", reason, "outcome", outcome));
  }

  /** {@code skipping unreadable job <id>: <reason>} (the dispatcher's, once per job and reason). */
  public void unreadableJob(String jobId, String text) {
    write(LogLevel.WARN, WORKFLOW, clean(text), fields("job_id", jobId));
  }

  // --- inbox ------------------------------------------------------------------------------------------------------

  /** {@code inbox ma.json → job 3f2a9c01d4e7 (created)}. */
  public void accepted(String entry, String jobId, String status) {
    write(LogLevel.INFO, INBOX, "inbox " + clean(entry) + " → job " + clean(jobId) + " (" + clean(status) + ")",
        fields("entry", entry, "job_id", jobId, "status", status));
  }

  /** {@code inbox bad.json refused: /snapshot_id snapshot_not_found}: the rule and pointer of the first violation. */
  public void refused(String entry, String rule, String pointer) {
    boolean at = pointer != null && !pointer.isEmpty();
    write(LogLevel.WARN, INBOX, "inbox " + clean(entry) + " refused: " + (at ? clean(pointer) + " " : "")
        + clean(rule), fields("entry", entry, "rule", rule, "pointer", pointer));
  }

  // --- faults of the file system (FaultBackoff's episode lines) ---------------------------------------------------

  public void faultBegan(String text) {
    write(LogLevel.WARN, FAULTS, clean(text), Map.of());
  }

  public void faultCleared(String text) {
    write(LogLevel.INFO, FAULTS, clean(text), Map.of());
  }

  private void write(LogLevel level, String logger, String msg, Map<String, Object> fields) {
    if (threshold.allows(level)) {
      sink.accept(new LogLine(clock.instant(), level, logger, msg, fields));
    }
  }

  /** Name/value pairs in order; text values are cut to {@link #MAX_VALUE}, nulls left out. */
  private static Map<String, Object> fields(Object... pairs) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      Object v = pairs[i + 1];
      if (v != null) {
        m.put((String) pairs[i], v instanceof String s ? cut(s) : v);
      }
    }
    return m;
  }

  /**
   * A value as it may appear in a text line: control, line-separator and format characters (a newline, a bidi
   * override in an inbox name) shown as {@code \\uXXXX}, so one call is one line; cut to {@link #MAX_VALUE}.
   */
  static String clean(String s) {
    if (s == null) {
      return "?";
    }
    String cut = cut(s);
    StringBuilder sb = new StringBuilder(cut.length());
    cut.codePoints().forEach(c -> {
      int type = Character.getType(c);
      if (Character.isISOControl(c) || type == Character.FORMAT || type == Character.LINE_SEPARATOR
          || type == Character.PARAGRAPH_SEPARATOR) {
        sb.append(String.format("\\u%04x", c));
      } else {
        sb.appendCodePoint(c);
      }
    });
    return sb.toString();
  }

  private static String cut(String s) {
    if (s.length() <= MAX_VALUE) {
      return s;
    }
    int end = Character.isHighSurrogate(s.charAt(MAX_VALUE - 1)) ? MAX_VALUE - 1 : MAX_VALUE; // no half character
    return s.substring(0, end) + "…";
  }
}
