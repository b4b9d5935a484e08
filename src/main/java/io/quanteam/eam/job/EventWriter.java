package io.quanteam.eam.job;

import io.quanteam.eam.json.SoftCache;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quanteam.eam.contract.Contracts;
import io.quanteam.eam.json.CanonicalJson;
import io.quanteam.eam.json.Json;
import io.quanteam.eam.json.Sha256;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Appends chained job_event_v2 lines: validated against the contract, one write of the whole line, then fsync.
 * Callers hold the job's lock (or own a job folder nobody else can see yet).
 */
final class EventWriter {
  static final String EVENTS = "events.jsonl";
  static final String RECOVERY_LOG = "logs/recovery.jsonl";
  private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssxxx");
  private static final DateTimeFormatter MICROS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSxxx");

  private final Clock clock;

  EventWriter(Clock clock) {
    this.clock = clock;
  }

  /** Python's {@code isoformat()} of the clock's instant in UTC: {@code 2023-11-14T22:13:20+00:00}. */
  String now() {
    OffsetDateTime t = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    return (t.getNano() == 0 ? SECONDS : MICROS).format(t);
  }

  /**
   * Parsed logs by file: a log only grows, so a later read parses just the lines appended since (once it has found
   * the lines it knows still in place). Softly held: a
   * daemon that has seen thousands of jobs keeps within its heap limit, re-reading a dropped log when needed.
   */
  // the logs of the jobs in flight (a step thread's, a watcher's refresh); ended ones are answered by the dispatcher
  // from a file stat. 512 parsed logs of ended jobs (their gate results) were ~20 MB of an idle daemon's heap.
  private static final SoftCache<Path, Parsed> PARSED = new SoftCache<>(64);

  private record Parsed(long size, FileTime modified, JobEvents events) {}

  /**
   * The complete lines of the log. A log that is missing, or holds no complete line, is an
   * {@link UnreadableJobException} ({@code events_missing}): a job folder is published with its submission event
   * already in it (JobSubmission), so a job without history is damaged evidence, never a new job.
   */
  static JobEvents read(String jobId, Path jobDir) {
    Path file = jobDir.resolve(EVENTS);
    // One lstat decides whether anything changed since the last read (and refuses a link, FIFO or folder before
    // anything is opened); only then is the file opened.
    BasicFileAttributes attrs = JobFiles.regular(jobId, jobDir, EVENTS);
    if (attrs == null) {
      throw eventsMissing(jobId, "events.jsonl is missing");
    }
    Parsed known = PARSED.get(file);
    JobEvents events;
    if (known != null && known.size() == attrs.size() && known.modified().equals(attrs.lastModifiedTime())
        && known.events().jobId().equals(jobId)) {
      events = known.events();
    } else {
      try {
        events = parse(jobId, jobDir, file, known);
      } catch (IOException e) {
        throw new UnreadableJobException(jobId, EVENTS, "io_error", "events.jsonl cannot be read ("
            + e.getMessage() + ")");
      }
    }
    if (events.size() == 0) {
      throw eventsMissing(jobId, "events.jsonl is empty" + (events.tornTailBytes() > 0 ? " (only a torn line)" : ""));
    }
    return events;
  }

  private static UnreadableJobException eventsMissing(String jobId, String what) {
    return new UnreadableJobException(jobId, EVENTS, "events_missing", what + ", but every job begins with its "
        + "submission event: a job folder without its history is corrupt evidence, not a new job (eam job verify "
        + "reports events_missing)");
  }

  private static JobEvents parse(String jobId, Path jobDir, Path file, Parsed known) throws IOException {
    try (FileChannel ch = JobFiles.open(jobId, jobDir, EVENTS, StandardOpenOption.READ)) {
      long size = ch.size();
      FileTime modified = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
          .lastModifiedTime();
      boolean grown = known != null && size > known.size() && known.events().jobId().equals(jobId);
      int from = grown ? Math.toIntExact(known.size() - known.events().tornTailBytes()) : 0;
      ByteBuffer buf = ByteBuffer.allocate(Math.toIntExact(size));
      while (buf.hasRemaining() && ch.read(buf, buf.position()) >= 0) {
        // positional reads up to the size seen above; bytes appended later are read next time
      }
      byte[] bytes = java.util.Arrays.copyOf(buf.array(), buf.position());
      // The known lines are reused only while they are still the file's first bytes: a log edited in place and
      // made longer (a line inserted) is parsed afresh, so its state and its errors are those of the text on disk.
      // Comparing bytes costs far less than parsing them again.
      JobEvents events = grown && startsWith(bytes, known.events().list(), from)
          ? EventLines.parseAfter(new JobEvents(jobId, known.events().list(), 0),
              java.util.Arrays.copyOfRange(bytes, from, bytes.length))
          : EventLines.parse(jobId, bytes);
      PARSED.put(file, new Parsed(bytes.length, modified, events));
      return events;
    }
  }

  /** True when {@code bytes} begins with exactly {@code lines}, each followed by a newline, {@code length} bytes in all. */
  private static boolean startsWith(byte[] bytes, List<JobEvent> lines, int length) {
    if (bytes.length < length) {
      return false;
    }
    int at = 0;
    for (JobEvent e : lines) {
      byte[] line = e.line();
      if (at + line.length + 1 > length
          || !java.util.Arrays.equals(bytes, at, at + line.length, line, 0, line.length)
          || bytes[at + line.length] != '\n') {
        return false;
      }
      at += line.length + 1;
    }
    return at == length;
  }

  /**
   * Truncates a final line without newline (a write torn by a crash) and notes it in {@code logs/recovery.jsonl};
   * returns the events that remain. Only under the lock: without it the tail may be a write in progress.
   */
  JobEvents repair(String jobId, Path jobDir) {
    JobEvents events = read(jobId, jobDir);
    if (events.tornTailBytes() == 0) {
      return events;
    }
    JobFiles.writable(jobId, jobDir, RECOVERY_LOG); // checked before the log is cut: the note must be writable
    try (FileChannel ch = JobFiles.open(jobId, jobDir, EVENTS, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      long keep = ch.size() - events.tornTailBytes();
      ByteBuffer torn = ByteBuffer.allocate(events.tornTailBytes());
      ch.read(torn, keep);
      ch.truncate(keep);
      ch.force(true);
      ObjectNode note = Json.object();
      note.put("action", "truncated_torn_line");
      note.put("events_line", events.size() + 1);
      note.put("bytes_removed", events.tornTailBytes());
      note.put("removed_sha256", Sha256.hex(torn.array()));
      note.put("recorded_at", now());
      JobFiles.appendLine(jobId, jobDir, RECOVERY_LOG, CanonicalJson.compactBytes(note));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot repair the events of job " + jobId + ": " + e.getMessage(), e);
    }
    return read(jobId, jobDir);
  }

  /** Appends one event after {@code current} (the file's complete lines); returns it as read back. */
  JobEvent append(String jobId, Path jobDir, JobEvents current, EventType type, ObjectNode outputs,
      String message) {
    ObjectNode out = outputs == null ? null : outputs.deepCopy();
    if (out != null) {
      recordArtifactHashes(jobId, jobDir, out);
    }
    int seq = current.size() + 1;
    byte[] line = line(jobId, current, type, out, message);
    Path file = jobDir.resolve(EVENTS);
    JobFiles.appendLine(jobId, jobDir, EVENTS, line);
    JobFiles.touchFolder(jobDir); // the signal to a daemon watching the job root
    JobEvent appended = EventLines.parseLine(jobId, seq, line);
    remember(file, current, appended, line.length + 1L);
    return appended;
  }

  /**
   * After an append under the lock, the parsed log is the known one plus the new line: recorded so the next read
   * needs one stat, not a re-read (only when the file grew by exactly that line).
   */
  private static void remember(Path file, JobEvents before, JobEvent appended, long lineBytes) {
    Parsed known = PARSED.get(file);
    if (known == null || known.events() != before || before.tornTailBytes() != 0) {
      return;
    }
    try {
      BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      if (attrs.size() == known.size() + lineBytes) {
        List<JobEvent> events = new ArrayList<>(before.list());
        events.add(appended);
        PARSED.put(file, new Parsed(attrs.size(), attrs.lastModifiedTime(),
            new JobEvents(before.jobId(), events, 0)));
      }
    } catch (IOException e) {
      PARSED.remove(file); // the next read parses the file again
    }
  }

  /** The validated, chained line (no newline) of the event that follows {@code current}. */
  byte[] line(String jobId, JobEvents current, EventType type, ObjectNode outputs, String message) {
    ObjectNode event = EventLines.newEvent(jobId, type, outputs, message, now(), current.size() + 1,
        current.nextPrevSha256());
    Contracts.shared().require(event, EventType.V2, "event " + type + " for job " + jobId);
    return CanonicalJson.compactBytes(event);
  }

  /**
   * For each {@code <name>_path} naming a file inside the job, records {@code <name>_sha256} (unless the stage
   * gave it), so {@code verify} can tell later whether the artifact is still what the event referred to.
   */
  private static void recordArtifactHashes(String jobId, Path jobDir, ObjectNode outputs) {
    List<Map.Entry<String, JsonNode>> fields = new ArrayList<>(outputs.properties());
    for (Map.Entry<String, JsonNode> f : fields) {
      String hashKey = JobEvent.hashKeyOf(f.getKey());
      if (hashKey == null || !f.getValue().isTextual()) {
        continue;
      }
      String rel = JobFiles.relativeOf(jobDir, JobPaths.jobRelative(jobDir, f.getValue().textValue()));
      String sha = rel == null || outputs.has(hashKey) ? null : JobFiles.sha256(jobId, jobDir, rel);
      if (sha != null) {
        outputs.put(hashKey, sha);
      }
    }
  }

  static byte[] terminated(byte[] line) {
    byte[] out = java.util.Arrays.copyOf(line, line.length + 1);
    out[line.length] = '\n';
    return out;
  }


}
