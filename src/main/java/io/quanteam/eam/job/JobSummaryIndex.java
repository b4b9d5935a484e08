package io.quanteam.eam.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quanteam.eam.json.AtomicFiles;
import io.quanteam.eam.json.CanonicalJson;
import io.quanteam.eam.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Every job's list row ({@link JobViews#summary}) kept beside the jobs in {@value #FILE}, so that a new process
 * ({@code eam job list}, {@code eam worker --once}) reads one file and stats each job's log instead of parsing every
 * spec and log (docs/job-store.md "The summary index"). A cache, never evidence: a row is used only while the job's
 * {@code events.jsonl} has the size, modification time and file key it had before the row was computed (the log only
 * grows: every event changes its size); show, verify and the daemon's decisions never read it; a missing, unreadable
 * or damaged file, or line, is simply recomputed. Written whole under a temporary name (no fsync: it is rebuilt at
 * will); two processes saving at once leave one complete file, whichever renamed last.
 */
public final class JobSummaryIndex {
  public static final String FILE = ".summaries.jsonl";
  /** Bigger than any honest index of a few hundred thousand jobs: a file beyond it is not read, and is rebuilt. */
  private static final long MAX_BYTES = 256L << 20;

  /** What a row was computed from: the log as lstat saw it before the computation. */
  public record LogStamp(long size, long mtimeNanos, String fileKey) {
    /** The stamp of {@code <job folder>/events.jsonl}, or null when it is not a regular file that can be seen. */
    public static LogStamp of(Path jobDir) {
      try {
        BasicFileAttributes a = Files.readAttributes(jobDir.resolve("events.jsonl"), BasicFileAttributes.class,
            LinkOption.NOFOLLOW_LINKS);
        return a.isRegularFile() ? new LogStamp(a.size(), a.lastModifiedTime().to(TimeUnit.NANOSECONDS),
            String.valueOf(a.fileKey())) : null;
      } catch (IOException | RuntimeException e) {
        return null;
      }
    }
  }

  /** Where a job stood when its row was computed: its phase and state label (what a worker's pass needs). */
  public record Known(Phase phase, String label) {}

  /**
   * A row as its compact JSON text (null when only the state is known). Rows are kept as text, never as JSON trees: a
   * tree is about three times the size, and a daemon loading 100,000 rows holds the index and its listing at once.
   */
  private record Entry(LogStamp stamp, Known known, String text) {}

  /** The last field of a line whose row was never computed (worker passes wrote such lines before 2026-12-05). */
  private static final String NO_ROW = "-";

  private final Path file;
  private final Map<String, Entry> entries = new TreeMap<>();
  private final Map<String, Known> knowns = new java.util.HashMap<>();
  private boolean changed;

  private JobSummaryIndex(Path file) {
    this.file = file;
  }

  /** The index of the job root (empty when there is none, or it cannot be read). */
  public static JobSummaryIndex load(Path jobRoot) {
    JobSummaryIndex index = new JobSummaryIndex(jobRoot.resolve(FILE));
    if (!eachLine(index.file, index::read)) {
      index.changed = true; // missing, oversized or unreadable: every row is recomputed, and the file written anew
    }
    return index;
  }

  /**
   * Reads the file line by line (the whole file as one string, and its lines beside it, would be three copies of it);
   * false when it is missing, not a regular file, oversized or cannot be read.
   */
  private static boolean eachLine(Path file, java.util.function.Consumer<String> line) {
    try {
      BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      if (!a.isRegularFile() || a.size() > MAX_BYTES) {
        return false;
      }
      try (java.io.BufferedReader lines = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        for (String l = lines.readLine(); l != null; l = lines.readLine()) {
          line.accept(l);
        }
      }
      return true;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /** What a job's state was when its log had this stamp (a reader of states only, e.g. a daemon's first sweep). */
  @FunctionalInterface
  public interface KnownVisitor {
    void visit(String jobId, LogStamp stamp, Known known);
  }

  /** The stamp and state of every job in the index (its rows are not parsed). */
  public synchronized void eachKnown(KnownVisitor visitor) {
    entries.forEach((jobId, e) -> visitor.visit(jobId, e.stamp, e.known));
  }

  /**
   * {@code job_id TAB size TAB mtime_ns TAB file_key TAB phase TAB label TAB row-json}: the stamp and the state in
   * plain fields, so that a pass over thousands of jobs compares stamps without parsing any JSON.
   */
  private record Line(String jobId, LogStamp stamp, Phase phase, String label, String text) {
    /** The line's fields, or null for a damaged line (or an empty one). */
    static Line parse(String line) {
      if (line.isEmpty()) {
        return null;
      }
      String[] f = line.split("\t", 7);
      try {
        Phase phase = f.length == 7 ? phaseOf(f[4]) : null;
        if (phase == null || !JobPaths.JOB_ID.matcher(f[0]).matches() || f[5].isEmpty()
            || !(f[6].startsWith("{") || f[6].equals(NO_ROW))) {
          return null;
        }
        return new Line(f[0], new LogStamp(Long.parseLong(f[1]), Long.parseLong(f[2]), f[3]), phase, f[5],
            f[6].equals(NO_ROW) ? null : f[6]);
      } catch (NumberFormatException e) {
        return null;
      }
    }
  }

  private void read(String line) {
    Line l = Line.parse(line);
    if (l == null) {
      changed |= !line.isEmpty(); // a damaged line: that job's row is recomputed
      return;
    }
    entries.put(l.jobId, new Entry(l.stamp, known(l.phase, l.label), l.text));
  }

  private static Phase phaseOf(String name) {
    for (Phase p : Phase.values()) {
      if (p.name().equals(name)) {
        return p;
      }
    }
    return null;
  }

  /** The phase and label of a job whose log has this very stamp, or null; no JSON is read. */
  public synchronized Known known(String jobId, LogStamp stamp) {
    Entry e = entries.get(jobId);
    return stamp != null && e != null && e.stamp.equals(stamp) ? e.known : null;
  }

  /**
   * The row computed from a log with this very stamp (a tree of the caller's own), or null (no row, another stamp, no
   * stamp, a damaged row).
   */
  public synchronized ObjectNode row(String jobId, LogStamp stamp) {
    Entry e = entries.get(jobId);
    if (stamp == null || e == null || !e.stamp.equals(stamp) || e.text == null) {
      return null; // with no text only the state is known: the row is computed by the caller
    }
    try {
      JsonNode n = Json.parse(e.text, file.toString());
      if (n instanceof ObjectNode o && jobId.equals(o.path("job_id").asText())
          && e.known.phase().name().equals(o.path("phase").asText())
          && e.known.label().equals(o.path("state").asText())) {
        return o;
      }
    } catch (RuntimeException damaged) {
      // below
    }
    entries.remove(jobId);
    changed = true;
    return null;
  }

  /** As {@link #row}, read straight into a list row (null in the same cases). */
  public synchronized JobRow listRow(String jobId, LogStamp stamp) {
    Entry e = entries.get(jobId);
    if (stamp == null || e == null || !e.stamp.equals(stamp) || e.text == null) {
      return null;
    }
    JobRow r = JobRow.parse(e.text);
    if (r != null && jobId.equals(r.jobId()) && e.known.phase().name().equals(r.phase())
        && e.known.label().equals(r.state())) {
      return r;
    }
    entries.remove(jobId);
    changed = true;
    return null;
  }

  /**
   * Keeps a row computed after {@code stamp} was taken (a log that grew meanwhile has another stamp next time, so
   * the row is recomputed then). Rows of unreadable jobs are not kept: their reason is worth reading each time.
   */
  public synchronized void put(String jobId, LogStamp stamp, ObjectNode row) {
    Phase phase = phaseOf(row.path("phase").asText());
    String label = row.path("state").asText();
    if (stamp == null || phase == null || label.isEmpty() || !plain(label) || !plain(stamp.fileKey())) {
      changed |= entries.remove(jobId) != null; // UNREADABLE, or nothing the line format can hold
      return;
    }
    entries.put(jobId, new Entry(stamp, known(phase, label), CanonicalJson.compact(row)));
    changed = true;
  }

  /** Jobs share a handful of states: one {@link Known} each, not one per job. */
  private Known known(Phase phase, String label) {
    return knowns.computeIfAbsent(phase.name() + '\t' + label, k -> new Known(phase, label));
  }

  private static boolean plain(String field) {
    return field.indexOf('\t') < 0 && field.indexOf('\n') < 0 && field.indexOf('\r') < 0;
  }

  /** Forgets the jobs that are gone. */
  public synchronized void retain(Collection<String> jobIds) {
    Set<String> keep = new HashSet<>(jobIds);
    changed |= entries.keySet().removeIf(id -> !keep.contains(id));
  }

  /**
   * Writes the index when a row changed. A failure (a read-only or full disk, a removed root) is not reported: the
   * listing it speeds up has been answered already, and the next one computes what it cannot find.
   */
  public synchronized void save() {
    if (!changed || !Files.isDirectory(file.getParent(), LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try {
      // written as it is made: the whole index as one string (and its bytes) was three copies of 36 MB at 100,000 jobs
      AtomicFiles.replaceUnforced(file, out -> {
        java.io.Writer w = new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8);
        for (Map.Entry<String, Entry> en : entries.entrySet()) {
          Entry e = en.getValue();
          w.append(en.getKey()).append('\t').append(Long.toString(e.stamp.size())).append('\t')
              .append(Long.toString(e.stamp.mtimeNanos())).append('\t').append(e.stamp.fileKey()).append('\t')
              .append(e.known.phase().name()).append('\t').append(e.known.label()).append('\t')
              .append(e.text != null ? e.text : NO_ROW).append('\n');
        }
        w.flush();
      });
      changed = false;
    } catch (UncheckedIOException | SecurityException e) {
      // see above: a cache that cannot be written is recomputed next time
    }
  }
}
