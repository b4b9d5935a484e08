package io.quanteam.eam.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quanteam.eam.contract.Contracts;
import io.quanteam.eam.json.AtomicFiles;
import io.quanteam.eam.json.CanonicalJson;
import io.quanteam.eam.json.Json;
import io.quanteam.eam.json.Sha256;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
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
import java.util.concurrent.ConcurrentHashMap;

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

  /** Parsed logs by file: a log only grows, so a later read parses just the lines appended since. */
  private static final ConcurrentHashMap<Path, Parsed> PARSED = new ConcurrentHashMap<>();

  private record Parsed(long size, FileTime modified, JobEvents events) {}

  static JobEvents read(String jobId, Path jobDir) {
    Path file = jobDir.resolve(EVENTS);
    try {
      // One stat decides whether anything changed since the last read; only then is the file opened.
      BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class);
      Parsed known = PARSED.get(file);
      if (known != null && known.size() == attrs.size() && known.modified().equals(attrs.lastModifiedTime())
          && known.events().jobId().equals(jobId)) {
        return known.events();
      }
      return parse(jobId, file, known);
    } catch (NoSuchFileException e) {
      return new JobEvents(jobId, List.of(), 0);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the events of job " + jobId + ": " + e.getMessage(), e);
    }
  }

  private static JobEvents parse(String jobId, Path file, Parsed known) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = ch.size();
      FileTime modified = Files.getLastModifiedTime(file);
      boolean grown = known != null && size > known.size() && known.events().jobId().equals(jobId);
      long from = grown ? known.size() - known.events().tornTailBytes() : 0;
      ByteBuffer buf = ByteBuffer.allocate(Math.toIntExact(size - from));
      while (buf.hasRemaining() && ch.read(buf, from + buf.position()) >= 0) {
        // positional reads up to the size seen above; bytes appended later are read next time
      }
      byte[] bytes = java.util.Arrays.copyOf(buf.array(), buf.position());
      JobEvents events = grown
          ? EventLines.parseAfter(new JobEvents(jobId, known.events().list(), 0), bytes)
          : EventLines.parse(jobId, bytes);
      PARSED.put(file, new Parsed(from + bytes.length, modified, events));
      return events;
    }
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
    Path file = jobDir.resolve(EVENTS);
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
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
      AtomicFiles.appendLine(jobDir.resolve(RECOVERY_LOG), CanonicalJson.compactBytes(note));
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
      recordArtifactHashes(jobDir, out);
    }
    int seq = current.size() + 1;
    byte[] line = line(jobId, current, type, out, message);
    Path file = jobDir.resolve(EVENTS);
    try {
      AtomicFiles.appendLine(file, line);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append to the events of job " + jobId + ": " + e.getMessage(), e);
    }
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
      BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class);
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
  private static void recordArtifactHashes(Path jobDir, ObjectNode outputs) {
    List<Map.Entry<String, JsonNode>> fields = new ArrayList<>(outputs.properties());
    for (Map.Entry<String, JsonNode> f : fields) {
      String hashKey = JobEvent.hashKeyOf(f.getKey());
      if (hashKey == null || !f.getValue().isTextual()) {
        continue;
      }
      Path file = JobPaths.jobRelative(jobDir, f.getValue().textValue());
      if (file != null && !outputs.has(hashKey) && Files.isRegularFile(file)) {
        outputs.put(hashKey, Sha256.ofFile(file));
      }
    }
  }

  static byte[] terminated(byte[] line) {
    byte[] out = java.util.Arrays.copyOf(line, line.length + 1);
    out[line.length] = '\n';
    return out;
  }


}
