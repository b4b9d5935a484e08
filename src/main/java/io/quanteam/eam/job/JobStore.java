package io.quanteam.eam.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quanteam.eam.json.AtomicFiles;
import io.quanteam.eam.json.CanonicalJson;
import io.quanteam.eam.json.Json;
import io.quanteam.eam.json.Sha256;
import io.quanteam.eam.policy.PolicyStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The job store of 01 §2: one folder per job under the job root, {@code events.jsonl} the only source of truth.
 * Reading needs no lock; every append happens under the job's {@link JobLock}, with the state re-derived under it.
 * Thread-safe; several instances (and processes) may share one root.
 */
public final class JobStore {
  private final JobPaths paths;
  private final Path artifactRoot;
  private final EventWriter writer;
  private final JobSubmission submission;
  private final Spawns spawns;
  /**
   * Specs never change once submitted; softly held so that a daemon's memory stays bounded by its heap limit, and
   * few: the jobs in flight (an idle daemon holding 512 kept ~5 MB of heap for nothing, docs/reliability.md "Memory").
   */
  private final io.quanteam.eam.json.SoftCache<String, JsonNode> specs = new io.quanteam.eam.json.SoftCache<>(64);

  /** A store that verifies job files only (no artifact root known). */
  public JobStore(Path jobRoot, PolicyStore policies, Clock clock) {
    this(jobRoot, null, policies, clock);
  }

  /** @param artifactRoot where events' {@code dossiers/…} paths resolve, so {@link #verify} checks them too */
  public JobStore(Path jobRoot, Path artifactRoot, PolicyStore policies, Clock clock) {
    this(jobRoot, artifactRoot, policies, clock, SnapshotCatalog.UNCHECKED);
  }

  /** @param snapshots what blueprint submissions are checked against (the lake), so no job is created doomed */
  public JobStore(Path jobRoot, Path artifactRoot, PolicyStore policies, Clock clock, SnapshotCatalog snapshots) {
    this(jobRoot, artifactRoot, () -> policies, clock, snapshots);
  }

  /**
   * @param policies asked for on the first submission only: listing, showing, approving and verifying never read
   *     the policy folder (a short command starts faster, and works when that folder is missing)
   */
  public JobStore(Path jobRoot, Path artifactRoot, Supplier<PolicyStore> policies, Clock clock,
      SnapshotCatalog snapshots) {
    this.artifactRoot = artifactRoot == null ? null : artifactRoot.toAbsolutePath().normalize();
    this.paths = new JobPaths(jobRoot);
    this.writer = new EventWriter(clock);
    this.submission = new JobSubmission(paths, policies, writer, snapshots);
    this.spawns = new Spawns(this, policies);
  }

  /** Where events' artifact paths ({@code dossiers/…}) resolve; null for a store made without one. */
  public Path artifactRoot() {
    return artifactRoot;
  }


  public Path root() {
    return paths.root();
  }

  // --- submission ---------------------------------------------------------------------------------------------

  /**
   * Submits a blueprint job (01 §4); {@code policyBundlePath} null means the bundle the blueprint names by its
   * {@code policy_bundle_id} (an unknown id is refused at {@code /blueprint/policy_bundle_id}).
   */
  public SubmitResult submitBlueprint(JsonNode blueprint, String snapshotId, String policyBundlePath,
      JsonNode extensions, String source) {
    return submission.blueprint(blueprint, snapshotId, policyBundlePath, extensions, source);
  }

  /**
   * Submits a new job for a job that ended in ERROR: its spec again, with {@code extensions.retry_of} naming the
   * failed job (so it is a new job, and no one edits titles to get one). Retrying it again gives the same new job.
   * ConflictException when the job did not end in ERROR.
   */
  public SubmitResult retry(String jobId) {
    JobState state = state(jobId);
    if (state.phase() != Phase.TERMINAL_ERROR) {
      throw new ConflictException("job " + jobId + " is " + state.label() + ": only a job that ended in ERROR is "
          + "retried");
    }
    JsonNode spec = spec(jobId);
    com.fasterxml.jackson.databind.node.ObjectNode extensions = spec.path("extensions").isObject()
        ? ((com.fasterxml.jackson.databind.node.ObjectNode) spec.get("extensions")).deepCopy()
        : io.quanteam.eam.json.Json.object();
    extensions.put(JobSubmission.RETRY_OF, jobId);
    String source = "retry of job " + jobId;
    if (kind(jobId) == JobKind.IDEA) {
      com.fasterxml.jackson.databind.node.ObjectNode idea = spec.deepCopy();
      idea.set("extensions", extensions);
      return submitIdea(idea, source);
    }
    return submitBlueprint(spec.get("blueprint"), spec.path("snapshot_id").asText(),
        spec.path("policy_bundle_path").asText(null), extensions, source);
  }

  /** Submits an idea job: the job spec is the normalised idea spec itself. */
  public SubmitResult submitIdea(JsonNode ideaSpec, String source) {
    return submission.idea(ideaSpec, source);
  }

  // --- reading ------------------------------------------------------------------------------------------------

  /**
   * Every folder in the root named like a job, sorted, whether or not it still holds its {@code job_spec.json}
   * ({@code eam job verify --all} reports one that lost it instead of skipping it).
   */
  public List<String> jobFolderIds() {
    if (!Files.isDirectory(paths.root())) {
      return List.of();
    }
    try (Stream<Path> dirs = Files.list(paths.root())) {
      return dirs.filter(Files::isDirectory)
          .map(p -> p.getFileName().toString())
          .filter(name -> JobPaths.JOB_ID.matcher(name).matches())
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + paths.root() + ": " + e.getMessage(), e);
    }
  }

  /** Every job id in the root, sorted; folders that are not jobs (temporary, foreign) are skipped. */
  public List<String> jobIds() {
    return jobIds(id -> false);
  }

  /** {@link #jobIds} but the ids {@code leaveOut} takes, which it is asked before any file of theirs is looked at. */
  public List<String> jobIds(java.util.function.Predicate<String> leaveOut) {
    if (!Files.isDirectory(paths.root())) {
      return List.of();
    }
    try (Stream<Path> dirs = Files.list(paths.root())) {
      return dirs.map(p -> p.getFileName().toString())
          .filter(name -> JobPaths.JOB_ID.matcher(name).matches())
          .filter(name -> !leaveOut.test(name))
          .filter(name -> JobPaths.isJob(paths.root().resolve(name)))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + paths.root() + ": " + e.getMessage(), e);
    }
  }

  public Path dir(String jobId) {
    return paths.existing(jobId);
  }

  /** The job's spec (immutable once written, so read once per store; callers get their own copy). */
  public JsonNode spec(String jobId) {
    return cachedSpec(jobId).deepCopy();
  }

  private JsonNode cachedSpec(String jobId) {
    return specs.computeIfAbsent(jobId, id -> {
      JsonNode spec = JobFiles.readJson(id, dir(id), "job_spec.json");
      if (spec == null) {
        throw new UnreadableJobException(id, "job_spec.json", "not_regular_file", "job_spec.json is missing");
      }
      return spec;
    });
  }

  public JobKind kind(String jobId) {
    JobKind kind = JobKind.ofSpecVersion(cachedSpec(jobId).path("schema_version").asText());
    if (kind == null) {
      throw new JobLogException(jobId, 0, "job_spec.json declares no known job kind (job_spec_v1 or idea_spec_v1)");
    }
    return kind;
  }

  /** The complete event lines (a torn final line is ignored until a writer repairs it). */
  public JobEvents events(String jobId) {
    return EventWriter.read(jobId, dir(jobId));
  }

  public JobState state(String jobId) {
    return StateFold.derive(kind(jobId).flow(), events(jobId).list());
  }

  // --- writing (under the job lock) ---------------------------------------------------------------------------

  /** Blocks until this thread holds the job; repairs a torn final line first. */
  public JobLock lock(String jobId) {
    JobLock lock = JobLock.acquire(jobId, dir(jobId));
    try {
      writer.repair(jobId, lock.jobDir());
      return lock;
    } catch (RuntimeException e) {
      lock.close();
      throw e;
    }
  }

  /** The state, re-derived under the lock: what a stage must decide from. */
  public JobState state(JobLock lock) {
    lock.requireHeldFor(lock.jobId());
    return state(lock.jobId());
  }

  /**
   * Appends one job_event_v2 line (validated, chained, one write, fsync). For each {@code <name>_path} output
   * naming a file of the job, {@code <name>_sha256} is recorded too.
   */
  public JobEvent append(JobLock lock, EventType type, ObjectNode outputs, String message) {
    lock.requireHeldFor(lock.jobId());
    JobEvents current = writer.repair(lock.jobId(), lock.jobDir());
    JobEvent appended = writer.append(lock.jobId(), lock.jobDir(), current, type, outputs, message);
    if (type == EventType.DONE || type == EventType.ERROR) {
      writeIndex(lock);
    }
    return appended;
  }

  /**
   * A job that ends gets its {@code outputs/outputs.json} (01 §2), unforced: it is rebuildable, never load-bearing,
   * so failing to write it does not touch the job ({@code eam job reindex} writes it again).
   */
  private void writeIndex(JobLock lock) {
    try {
      JsonNode index = OutputsIndex.build(lock.jobId(), lock.jobDir(), events(lock.jobId()).list());
      AtomicFiles.replaceUnforced(JobFiles.writable(lock.jobId(), lock.jobDir(), OutputsIndex.FILE),
          CanonicalJson.prettyBytes(index));
    } catch (RuntimeException e) {
      // the index is a convenience; the events are the truth
    }
  }

  /**
   * Writes an artifact at {@code relativePath} (relative to the job folder, inside {@code outputs/}) by temporary
   * name and rename. Refused once an event names the path: evidence already referred to is never rewritten.
   */
  public Path writeArtifact(JobLock lock, String relativePath, byte[] bytes) {
    lock.requireHeldFor(lock.jobId());
    Path target = JobPaths.inside(lock.jobDir(), relativePath, "outputs");
    for (JobEvent e : events(lock.jobId()).list()) {
      for (JsonNode v : (Iterable<JsonNode>) () -> e.outputs().elements()) {
        if (v.isTextual() && target.equals(JobPaths.jobRelative(lock.jobDir(), v.textValue()))) {
          throw new IllegalStateException("job " + lock.jobId() + ": " + relativePath + " is named by event "
              + e.seq() + " (" + e.type() + ") and is never rewritten");
        }
      }
    }
    AtomicFiles.write(JobFiles.writable(lock.jobId(), lock.jobDir(), relativePath), bytes);
    return target;
  }

  /** Appends a note to the job's {@code logs/recovery.jsonl} (with {@code recorded_at}); never read by the workflow. */
  public void noteRecovery(JobLock lock, ObjectNode note) {
    ObjectNode line = note.deepCopy().put("recorded_at", writer.now());
    JobFiles.appendLine(lock.jobId(), lock.jobDir(), EventWriter.RECOVERY_LOG, CanonicalJson.compactBytes(line));
  }

  /** Ends the job in ERROR {step, reason, message}. */
  public JobEvent fail(JobLock lock, String step, String reason, String message) {
    ObjectNode out = Json.object();
    out.put("step", step);
    out.put("reason", reason);
    out.put("message", message);
    return append(lock, EventType.ERROR, out, message);
  }

  // --- checkpoints ----------------------------------------------------------------------------------------------

  /**
   * Halts the job at a checkpoint: appends WAITING_APPROVAL {step, artifact_path, artifact_sha256} unless the job
   * is already waiting on {@code step} (then returns that event).
   */
  public JobEvent waitForApproval(JobLock lock, String step, String artifactRelPath) {
    return new Checkpoints(this).waitFor(lock, step, artifactRelPath);
  }

  /** Approves the waiting step as {@code actor}; NOOP when already approved; 409 when another step waits. */
  public ApprovalResult approve(String jobId, String step, String actor) {
    return new Checkpoints(this).approve(jobId, step, actor);
  }

  /**
   * Spawns a child blueprint job from a proposal of a job waiting at improvements (01 §8): CREATED, or EXISTS for a
   * proposal spawned before; {@link BudgetRefusedException} (STOPPED_BUDGET appended) when the budget refuses,
   * {@link ConflictException} when the job does not wait at improvements.
   */
  public SubmitResult spawn(String jobId, String proposalId, String actor) {
    return spawns.spawn(jobId, proposalId, actor);
  }

  /** Rejects the waiting step: DONE {status: rejected, step, reason, actor}; 409 when the step is not waiting. */
  public JobEvent reject(String jobId, String step, String reason, String actor) {
    return new Checkpoints(this).reject(jobId, step, reason, actor);
  }

  /**
   * Before the stage after a checkpoint acts: true when the approved artifact is unchanged (or the approval named
   * none); else appends ERROR {step, reason: ARTIFACT_CHANGED_AFTER_APPROVAL, message} and returns false.
   */
  public boolean checkApprovedArtifact(JobLock lock, String step) {
    return new Checkpoints(this).checkApprovedArtifact(lock, step);
  }

  // --- audit ----------------------------------------------------------------------------------------------------

  /** Checks the hash chain and every artifact hash the events record. */
  public VerifyReport verify(String jobId) {
    // A folder that lost its job_spec.json is still verified (and reported); only an absent folder is unknown.
    Path dir = paths.dir(jobId);
    return ChainVerifier.verify(jobId, Files.isDirectory(dir) ? dir : dir(jobId), artifactRoot);
  }

  /**
   * What changed in the files the submission wrote (the job spec no longer hashing to the id, the input copy no
   * longer equal to it); empty when intact, and for jobs another system submitted. The first stage checks it
   * before it reads them.
   */
  public List<VerifyReport.Problem> submittedFilesProblems(String jobId) {
    List<VerifyReport.Problem> problems = new java.util.ArrayList<>();
    SubmittedFilesCheck.checkIfSubmittedHere(jobId, dir(jobId), events(jobId).list(), problems);
    return problems;
  }

  /** Rebuilds {@code outputs/outputs.json} (references only) from the events and the files on disk. */
  public JsonNode reindex(String jobId) {
    try (JobLock lock = lock(jobId)) {
      JsonNode index = OutputsIndex.build(jobId, lock.jobDir(), events(jobId).list());
      AtomicFiles.write(JobFiles.writable(jobId, lock.jobDir(), OutputsIndex.FILE), CanonicalJson.prettyBytes(index));
      return index;
    }
  }

  /** The references an index would hold, computed without writing anything. */
  public JsonNode outputs(String jobId) {
    return OutputsIndex.build(jobId, dir(jobId), events(jobId).list());
  }

  /** A job file as JSON, read under the job's lock through {@link JobFiles} (never through a link); null if absent. */
  public JsonNode readJson(JobLock lock, String relativePath) {
    lock.requireHeldFor(lock.jobId());
    JsonNode node = JobFiles.readJson(lock.jobId(), lock.jobDir(), relativePath);
    if (node == null) {
      throw new UnreadableJobException(lock.jobId(), relativePath, "not_regular_file", relativePath + " is missing");
    }
    return node;
  }

  /**
   * A job file as JSON for a view (no lock: files are replaced whole), read through {@link JobFiles} — never through
   * a link — or null when absent; {@link UnreadableJobException} when it cannot be read.
   */
  public JsonNode readJson(String jobId, String relativePath) {
    return JobFiles.readJson(jobId, dir(jobId), relativePath);
  }

  /** sha256 of a job file (under the job's lock), or null when it is absent. */
  public String sha256(JobLock lock, String relativePath) {
    lock.requireHeldFor(lock.jobId());
    return JobFiles.sha256(lock.jobId(), lock.jobDir(), relativePath);
  }

  /** A job file's bytes for a view (no lock), read through {@link JobFiles}, or null when absent. */
  public byte[] readBytes(String jobId, String relativePath) {
    return JobFiles.read(jobId, dir(jobId), relativePath);
  }

  /** sha256 of a file outside the job folder (a dossier's, under the artifact root), or null when absent. */
  static String sha256OfFile(Path file) {
    return file != null && Files.isRegularFile(file) ? Sha256.ofFile(file) : null;
  }
}
