package io.quanteam.eam.job;

import io.quanteam.eam.contract.InvalidInputException;
import io.quanteam.eam.contract.Violation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Every path the job store touches: the job id is checked against the allowlist before any file is named, and
 * every resolved path (symlinks followed) must stay inside the job root.
 */
final class JobPaths {
  static final Pattern JOB_ID = io.quanteam.eam.json.ShortIds.SHORT_ID;
  /** Sub-folders of a job whose files events may name (paths relative to the job directory). */
  static final java.util.Set<String> JOB_RELATIVE_ROOTS = java.util.Set.of("inputs", "outputs", "logs");

  private final Path root;
  private volatile Path realRoot;
  /** Job folders checked before: the most recent few thousand (one entry per job ever seen was 20 MB at 100,000). */
  private final io.quanteam.eam.json.SoftCache<String, Path> existingJobs = new io.quanteam.eam.json.SoftCache<>(4096);

  JobPaths(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  Path root() {
    return root;
  }

  static String checkId(String jobId) {
    if (jobId == null || !JOB_ID.matcher(jobId).matches()) {
      throw new InvalidInputException(new Violation("job_id", "", "job_id_format",
          "a job id is 12 lower-case hex characters", jobId));
    }
    return jobId;
  }

  /** The job's directory (it may not exist yet); refuses ids off the allowlist and links out of the root. */
  Path dir(String jobId) {
    Path known = known(checkId(jobId));
    if (known != null) {
      return known;
    }
    Path dir = root.resolve(jobId);
    if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      requireInsideRoot(dir);
    }
    return dir;
  }

  /**
   * Whether a folder holds a job: any entry named job_spec.json (not followed) makes one, for every reader and the
   * submission alike — one of the wrong type, a link, a damaged file is that job's damage to report, not hidden and
   * not a reason to submit it again; a folder without one is no job, whatever else it holds.
   */
  static boolean isJob(Path dir) {
    return Files.exists(dir.resolve("job_spec.json"), LinkOption.NOFOLLOW_LINKS);
  }

  /**
   * An existing job's directory; unknown ids are a user mistake. A job folder, once created and checked to lie
   * inside the root, stays where it is, so the check is made once per job.
   */
  Path existing(String jobId) {
    Path known = known(checkId(jobId));
    if (known != null) {
      return known;
    }
    Path dir = dir(jobId);
    if (!isJob(dir)) {
      throw new InvalidInputException(new Violation(root.toString(), "", "unknown_job",
          "no job with this id in the job store", jobId));
    }
    existingJobs.put(jobId, dir);
    return dir;
  }

  /**
   * A path relative to the job directory ({@code outputs/runspec.json}), normalised, inside {@code under} (a
   * first segment such as {@code outputs}); {@link JobFiles#writable} then refuses links on the way.
   */
  static Path inside(Path jobDir, String relative, String under) {
    Path rel;
    try {
      rel = Path.of(relative).normalize();
    } catch (InvalidPathException e) {
      throw new IllegalArgumentException("not a path: " + relative, e);
    }
    if (rel.isAbsolute() || rel.getNameCount() < 2 || rel.startsWith("..")
        || !rel.getName(0).toString().equals(under)) {
      throw new IllegalArgumentException("expected a path inside " + under + "/ of the job, got " + relative);
    }
    return jobDir.resolve(rel).normalize();
  }

  /**
   * A job-relative artifact path as events name it ({@code outputs/...}, {@code inputs/...}, {@code logs/...}),
   * or null when the value is not one (absolute paths of older writers, paths relative to the artifact root).
   */
  /** Roots of the artifact tree that events may name (01 §2: dossier paths are relative to the artifact root). */
  static final java.util.Set<String> ARTIFACT_RELATIVE_ROOTS = java.util.Set.of("dossiers");

  /** An artifact-root-relative path ({@code dossiers/<run_id>/…}) inside the root, or null. */
  static Path artifactRelative(Path artifactRoot, String value) {
    if (artifactRoot == null || value == null || value.isEmpty() || value.indexOf('\0') >= 0) {
      return null;
    }
    try {
      Path rel = Path.of(value).normalize();
      if (rel.isAbsolute() || rel.getNameCount() < 2
          || !ARTIFACT_RELATIVE_ROOTS.contains(rel.getName(0).toString())) {
        return null;
      }
      Path resolved = artifactRoot.resolve(rel).normalize();
      return resolved.startsWith(artifactRoot) ? resolved : null;
    } catch (InvalidPathException e) {
      return null;
    }
  }

  static Path jobRelative(Path jobDir, String value) {
    if (value == null || value.isEmpty() || value.indexOf('\0') >= 0) {
      return null;
    }
    try {
      Path rel = Path.of(value).normalize();
      if (rel.isAbsolute() || rel.getNameCount() < 2 || !JOB_RELATIVE_ROOTS.contains(rel.getName(0).toString())) {
        return null;
      }
      return jobDir.resolve(rel);
    } catch (InvalidPathException e) {
      return null;
    }
  }

  /**
   * A job folder checked before, unless it has since been replaced by a link (one lstat): then it is checked
   * again, and a link leaving the root is refused.
   */
  private Path known(String jobId) {
    Path known = existingJobs.get(jobId);
    if (known != null && Files.isSymbolicLink(known)) {
      existingJobs.remove(jobId);
      return null;
    }
    return known;
  }

  private void requireInsideRoot(Path dir) {
    try {
      Path real = realRoot;
      if (real == null) {
        real = root.toRealPath();
        realRoot = real;
      }
      if (!dir.toRealPath().startsWith(real)) {
        throw new UnreadableJobException(dir.getFileName().toString(), ".", "path_escape",
            "the job folder links outside the job root " + root);
      }
    } catch (IOException e) {
      throw new UnreadableJobException(dir.getFileName().toString(), ".", "io_error",
          "the job folder cannot be resolved (" + e.getMessage() + ")");
    }
  }
}
