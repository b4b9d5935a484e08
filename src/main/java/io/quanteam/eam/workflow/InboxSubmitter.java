package io.quanteam.eam.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quanteam.eam.contract.Contracts;
import io.quanteam.eam.contract.InvalidInputException;
import io.quanteam.eam.contract.Violation;
import io.quanteam.eam.job.JobStore;
import io.quanteam.eam.job.SubmitResult;
import io.quanteam.eam.json.AtomicFiles;
import io.quanteam.eam.json.CanonicalJson;
import io.quanteam.eam.json.FileLocks;
import io.quanteam.eam.json.LockUnavailableException;
import io.quanteam.eam.json.IoFault;
import io.quanteam.eam.json.Json;
import io.quanteam.eam.json.JsonInputException;
import io.quanteam.eam.policy.MultipleTestingNote;
import io.quanteam.eam.policy.PolicyStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers every entry dropped in the inbox (01 §9) exactly once, like the HTTP call: a job spec ({@code job_spec_v1})
 * becomes a blueprint job, an idea spec ({@code idea_spec_v1}) an idea job. The answer is written where the entry
 * then goes: {@code .done/<name>.result.json} {job_id, status} or {@code .error/<name>.error.json} {error,
 * violations}, and the entry is moved beside it. Only regular files are read (opened with {@code O_NOFOLLOW});
 * links, folders, FIFOs and devices are answered as errors and moved without being opened or followed. Job ids are
 * hashes of the spec, so the same file dropped twice yields one job ({@code status: exists}).
 */
public final class InboxSubmitter {
  public static final String DONE = ".done";
  public static final String ERROR = ".error";
  /** What {@link #submit} returns when the entry stays in the inbox for the next poll. */
  public static final String STAYS = "";
  /** The backoff key of the inbox folder itself (a listing that failed). */
  private static final String LISTING = FaultBackoff.INBOX;
  /** The lock daemons sharing the inbox take to answer an entry. */
  static final String LOCK = ".lock";

  private static final Logger LOG = LoggerFactory.getLogger(InboxSubmitter.class);

  private final JobStore jobs;
  private final PolicyStore policies;
  private final InboxWatch watch;
  private final FaultBackoff faults;
  private final DaemonLog log;
  /** Entries answered with an error since start (the daemon's metrics). */
  private final java.util.concurrent.atomic.LongAdder refused = new java.util.concurrent.atomic.LongAdder();

  /**
   * {@code inbox}: the folder {@link #ready} lists; {@code nanoTime}: the clock of the stability interval;
   * {@code faults}: where entries that met a file-system fault wait (shared with the stage runner: one episode log);
   * {@code log}: where each answer is said (accepted or refused).
   */
  public InboxSubmitter(JobStore jobs, PolicyStore policies, Path inbox, LongSupplier nanoTime, FaultBackoff faults,
      DaemonLog log) {
    this.jobs = jobs;
    this.policies = policies;
    this.watch = new InboxWatch(inbox, nanoTime);
    this.faults = faults;
    this.log = log;
  }

  public InboxSubmitter(JobStore jobs, PolicyStore policies, Path inbox, LongSupplier nanoTime, FaultBackoff faults) {
    this(jobs, policies, inbox, nanoTime, faults, DaemonLog.slf4j());
  }

  public InboxSubmitter(JobStore jobs, PolicyStore policies, Path inbox, LongSupplier nanoTime) {
    this(jobs, policies, inbox, nanoTime, new FaultBackoff(nanoTime, LOG::warn, LOG::info));
  }

  public InboxSubmitter(JobStore jobs, PolicyStore policies, Path inbox) {
    this(jobs, policies, inbox, System::nanoTime);
  }

  /**
   * The entries to answer now (absolute paths, in name order): regular files unchanged for {@code stableMillis}, and
   * at once anything that is not a regular file.
   */
  public List<String> ready(long stableMillis) {
    if (faults.waiting(LISTING)) {
      return List.of();
    }
    List<String> ready;
    try {
      ready = watch.ready(stableMillis);
    } catch (UncheckedIOException e) {
      faults.fault(LISTING, "listing", faultOf(e));
      return List.of();
    }
    faults.cleared(LISTING);
    faults.retain(FaultBackoff.INBOX, watch.listed().stream().map(InboxSubmitter::key).toList());
    return ready.stream().filter(path -> !faults.waiting(key(Path.of(path).getFileName().toString()))).toList();
  }

  private static String key(String name) {
    return FaultBackoff.INBOX + name;
  }

  /** The fault a failed read or write of the inbox met; one the kernel's text does not name is still the disk's. */
  private static IoFault faultOf(RuntimeException e) {
    return IoFault.of(e).orElseGet(() -> new IoFault("file system error", String.valueOf(e.getMessage())));
  }

  /**
   * Answers the entry at {@code path}, moves it to the folder of its answer and returns that folder ({@link #DONE}
   * or {@link #ERROR}, relative to the inbox). When the job store or the inbox cannot be written (disk full,
   * permissions) the entry stays where it is and {@link #STAYS} is returned: it is tried again after a backoff
   * ({@link FaultBackoff}, which logs one line per fault episode, not one per poll).
   */
  public String submit(String path) {
    Path file = Path.of(path);
    String name = file.getFileName().toString();
    // Daemons sharing the inbox answer one entry at a time: without it two could read one spec, and the second's
    // "exists" would replace the first's "created" answer.
    try {
      return FileLocks.call(file.resolveSibling(LOCK), () -> submitLocked(file, name));
    } catch (LockUnavailableException e) {
      faults.fault(key(name), "submission", faultOf(e));
      return STAYS;
    }
  }

  private String submitLocked(Path file, String name) {
    BasicFileAttributes attrs;
    try {
      attrs = InboxEntry.attributes(file);
    } catch (IOException e) {
      return STAYS; // gone: another daemon on the same inbox answered it
    }
    InboxEntry entry = InboxEntry.of(file, attrs);
    String source = "inbox/" + name;
    ObjectNode answer;
    String folder;
    Violation first = null;
    try {
      if (!entry.readable()) {
        throw new InvalidInputException(new Violation(source, "", entry.rule(), entry.message(), null));
      }
      SubmitResult result = submitDocument(file, source);
      answer = Json.object().put("job_id", result.jobId()).put("status", statusOf(result, name, source));
      ObjectNode done = answer;
      MultipleTestingNote.of(result.bundle()).ifPresent(note -> done.put("note", note));
      folder = DONE;
    } catch (InvalidInputException e) {
      answer = InboxAnswers.error(e.getMessage(), e.violations());
      folder = ERROR;
      first = e.violations().isEmpty() ? null : e.violations().get(0);
    } catch (JsonInputException e) {
      first = Violation.of(e.source(), null, "json_syntax", e.getMessage());
      answer = InboxAnswers.error(e.getMessage(), List.of(first));
      folder = ERROR;
    } catch (io.quanteam.eam.job.ConflictException e) {
      first = Violation.of(source, null, "job_folder_in_the_way", e.getMessage());
      answer = InboxAnswers.error(e.getMessage(), List.of(first));
      folder = ERROR;
    } catch (UncheckedIOException e) {
      if (e.getCause() instanceof NoSuchFileException && Files.notExists(file, LinkOption.NOFOLLOW_LINKS)) {
        return STAYS; // moved by another daemon on the same inbox while this one read it: answered there
      }
      faults.fault(key(name), "submission", faultOf(e));
      return STAYS;
    } catch (RuntimeException e) {
      IoFault fault = IoFault.of(e).orElseThrow(() -> e);
      faults.fault(key(name), "submission", fault);
      return STAYS;
    }
    String answerName = InboxAnswers.fileName(name, DONE.equals(folder) ? ".result.json" : ".error.json");
    if (!answerName.startsWith(name)) {
      answer.put("file", name); // the answer's name was shortened: say which entry it answers
    }
    Path dir = file.resolveSibling(folder);
    try {
      AtomicFiles.write(dir.resolve(answerName), CanonicalJson.prettyBytes(answer));
      moveInto(file, dir, InboxAnswers.entryName(name));
    } catch (IOException e) {
      faults.fault(key(name), "answer", faultOf(new UncheckedIOException(e)));
      return STAYS;
    } catch (UncheckedIOException e) {
      faults.fault(key(name), "answer", faultOf(e));
      return STAYS;
    }
    faults.cleared(key(name));
    watch.answered(name);
    if (DONE.equals(folder)) {
      log.accepted(name, answer.path("job_id").asText(), answer.path("status").asText());
    } else {
      refused.increment();
      log.refused(name, first == null ? "invalid" : first.rule(), first == null ? null : first.pointer());
    }
    return folder;
  }

  /** How many entries were refused (answered in {@code .error/}) since this submitter was made. */
  public long refusedCount() {
    return refused.sum();
  }

  /**
   * The submission's status, except that a job this very entry created, whose answer was never written (the daemon
   * stopped in between), is answered {@code created} when the entry is seen again, not {@code exists}.
   */
  private String statusOf(SubmitResult result, String name, String source) {
    if (result.status() != SubmitResult.Status.EXISTS) {
      return result.status().label();
    }
    try {
      java.util.List<io.quanteam.eam.job.JobEvent> events = jobs.events(result.jobId()).list();
      boolean fromThisEntry = !events.isEmpty() && ("submitted via " + source).equals(events.get(0).message());
      Path done = watch.dir().resolve(DONE);
      Path answered = done.resolve(InboxAnswers.fileName(name, ".result.json"));
      boolean answeredBefore = Files.isRegularFile(answered, LinkOption.NOFOLLOW_LINKS)
          && result.jobId().equals(Json.read(answered).path("job_id").asText());
      // an answer without its entry beside it was this very entry's, cut short before the move (a kill)
      boolean movedBefore = Files.exists(done.resolve(InboxAnswers.entryName(name)), LinkOption.NOFOLLOW_LINKS);
      return fromThisEntry && (!answeredBefore || !movedBefore) ? SubmitResult.Status.CREATED.label()
          : result.status().label();
    } catch (RuntimeException e) {
      return result.status().label(); // the existing job cannot be read: the store reports it; the answer stays true
    }
  }

  /**
   * Moves the entry itself (a link is moved, not its target) to {@code dir/name}, replacing an earlier entry of that
   * name; one that cannot be replaced (a folder with files) is kept and this one gets the first free
   * {@code name.N}.
   */
  private static void moveInto(Path entry, Path dir, String name) throws IOException {
    Path target = dir.resolve(name);
    try {
      Files.move(entry, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return;
    } catch (NoSuchFileException e) {
      if (Files.notExists(entry, LinkOption.NOFOLLOW_LINKS)) {
        return; // moved by another daemon on the same inbox
      }
      throw e;
    } catch (FileSystemException e) {
      if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
        throw e;
      }
    }
    for (int n = 1; ; n++) {
      Path free = dir.resolve(name + "." + n);
      if (!Files.exists(free, LinkOption.NOFOLLOW_LINKS)) {
        Files.move(entry, free, StandardCopyOption.ATOMIC_MOVE);
        return;
      }
    }
  }

  /** Submits one inbox document; {@code source} names it in violations and in the job's first event. */
  public SubmitResult submitDocument(Path file, String source) {
    JsonNode doc = Json.parse(readRegularFile(file), source);
    if (doc == null || !doc.isObject()) {
      throw InvalidInputException.of(source, "", "type", "an inbox file must hold one JSON object (a job spec "
          + "with schema_version job_spec_v1, or an idea spec with schema_version idea_spec_v1)");
    }
    String version = doc.path("schema_version").asText("");
    return switch (version) {
      case "job_spec_v1" -> submitJobSpec((ObjectNode) doc, source);
      case "idea_spec_v1" -> jobs.submitIdea(doc, source);
      case "blueprint_v1" -> throw new InvalidInputException(new Violation(source, "/schema_version",
          "snapshot_required", "a bare blueprint cannot run: it needs a snapshot id. Drop a job spec instead: "
          + "{\"schema_version\": \"job_spec_v1\", \"snapshot_id\": \"demo\", \"blueprint\": {...}}", version));
      default -> throw new InvalidInputException(new Violation(source, "/schema_version", "unknown_schema",
          "must be job_spec_v1 (a blueprint job) or idea_spec_v1 (an idea job)",
          doc.has("schema_version") ? doc.get("schema_version").toString() : null));
    };
  }

  /**
   * A job spec as the HTTP call takes it: {@code policy_bundle_path} defaults to the bundle the spec's
   * {@code policy_bundle_id} names, else the one its blueprint names (an unknown id is refused where it is written),
   * and {@code policy_bundle_id}, when given, must be that bundle's. The whole document is checked against the
   * contract first, so violations point into the file as dropped.
   */
  private SubmitResult submitJobSpec(ObjectNode doc, String source) {
    JsonNode given = doc.get("policy_bundle_path");
    if (given != null && !given.isTextual()) {
      throw new InvalidInputException(new Violation(source, "/policy_bundle_path", "type",
          "a path to a policy bundle, e.g. policies/policy_bundle_v1.yaml (leave it out for the bundle the blueprint"
              + " names)", given.toString()));
    }
    String bundlePath = given != null ? given.textValue() : namedBundlePath(doc, source);
    String bundleId;
    try {
      bundleId = policies.loadBundle(bundlePath).bundleId();
    } catch (InvalidInputException e) {
      throw e.at(source, "/policy_bundle_path");
    }
    ObjectNode complete = doc.deepCopy();
    complete.put("policy_bundle_path", bundlePath);
    if (!doc.has("policy_bundle_id")) {
      complete.put("policy_bundle_id", bundleId);
    }
    List<Violation> violations = new ArrayList<>(Contracts.shared().check(complete, "job_spec_v1", source));
    if (violations.isEmpty() && !bundleId.equals(complete.get("policy_bundle_id").textValue())) {
      violations.add(new Violation(source, "/policy_bundle_id", "policy_bundle_mismatch",
          "must equal the policy_bundle_id of " + bundlePath + " (" + bundleId + ")",
          complete.get("policy_bundle_id").textValue()));
    }
    if (!violations.isEmpty()) {
      throw new InvalidInputException(violations);
    }
    return jobs.submitBlueprint(doc.get("blueprint"), doc.get("snapshot_id").textValue(), bundlePath,
        doc.get("extensions"), source);
  }

  /** The path of the bundle the spec names by id, else of the one its blueprint names, else the default. */
  private String namedBundlePath(ObjectNode doc, String source) {
    for (String pointer : List.of("/policy_bundle_id", "/blueprint/policy_bundle_id")) {
      JsonNode id = doc.at(pointer);
      if (id.isTextual()) {
        try {
          return policies.bundlePathOf(id.textValue());
        } catch (InvalidInputException e) {
          throw e.at(source, pointer);
        }
      }
    }
    return PolicyStore.DEFAULT_BUNDLE_PATH; // no id anywhere: the contract check below refuses the blueprint
  }

  /**
   * The bytes of a regular file, opened with {@code O_NOFOLLOW} (a link swapped in after the check is refused, not
   * followed) and read only up to {@link InboxEntry#MAX_BYTES}.
   */
  private static byte[] readRegularFile(Path file) {
    try (SeekableByteChannel ch = Files.newByteChannel(file, Set.of(StandardOpenOption.READ,
        LinkOption.NOFOLLOW_LINKS))) {
      long size = ch.size();
      if (size > InboxEntry.MAX_BYTES) {
        throw InvalidInputException.of("inbox/" + file.getFileName(), "", "file_too_large",
            "an inbox file holds at most " + InboxEntry.MAX_BYTES + " bytes");
      }
      ByteBuffer buf = ByteBuffer.allocate((int) size);
      while (buf.hasRemaining() && ch.read(buf) >= 0) {
        // up to the size seen at open: the file was stable for the whole interval before it was picked
      }
      return buf.hasRemaining() ? Arrays.copyOf(buf.array(), buf.position()) : buf.array();
    } catch (AccessDeniedException e) {
      throw InvalidInputException.of("inbox/" + file.getFileName(), "", "unreadable",
          "the daemon may not read this file (permission denied): make it readable, then drop it again");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
