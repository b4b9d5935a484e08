package io.quanteam.eam.job;

import com.fasterxml.jackson.databind.JsonNode;
import io.quanteam.eam.json.Json;
import io.quanteam.eam.json.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * The one door to the files of a job folder (spec, events, inputs/, outputs/, logs/, .lock): only regular files,
 * reached through real folders below the job folder. Every component is looked at with NOFOLLOW_LINKS before
 * anything is opened, so a link is never followed out of the job and a FIFO or device is never opened (opening a
 * FIFO blocks). Anything else is an {@link UnreadableJobException} naming the file. The job folder itself is
 * checked by {@link JobPaths}. Opens also pass NOFOLLOW_LINKS, narrowing the window between the check and the open
 * to a file swapped for a FIFO in between.
 */
final class JobFiles {
  private static final LinkOption[] NOFOLLOW = {LinkOption.NOFOLLOW_LINKS};

  private JobFiles() {}

  /**
   * The attributes of a regular job file, or null when it (or a folder on its way) does not exist; an
   * {@link UnreadableJobException} for a link anywhere below the job folder, a folder, a FIFO, socket or device.
   */
  static BasicFileAttributes regular(String jobId, Path jobDir, String relative) {
    Path rel = relative(jobDir, relative);
    Path p = jobDir;
    for (int i = 0; i < rel.getNameCount(); i++) {
      p = p.resolve(rel.getName(i));
      String name = rel.subpath(0, i + 1).toString();
      BasicFileAttributes a = lstat(jobId, p, name);
      if (a == null) {
        return null;
      }
      boolean last = i == rel.getNameCount() - 1;
      if (a.isSymbolicLink()) {
        throw notRegular(jobId, name, "is a symbolic link (job files are never read or written through links)");
      }
      if (!last && !a.isDirectory()) {
        throw notRegular(jobId, name, "is not a folder");
      }
      if (last && a.isDirectory()) {
        throw notRegular(jobId, name, "is a folder, not a regular file");
      }
      if (last && !a.isRegularFile()) {
        throw notRegular(jobId, name, "is not a regular file (a FIFO, socket or device); job files are regular "
            + "files");
      }
      if (last) {
        return a;
      }
    }
    throw new IllegalArgumentException("not a job file: " + relative);
  }

  /** True when the job-relative folder exists as a real folder; refuses a link or a file in its place. */
  static boolean folder(String jobId, Path jobDir, String relative) {
    BasicFileAttributes a = lstat(jobId, jobDir.resolve(relative(jobDir, relative)), relative);
    if (a == null) {
      return false;
    }
    if (!a.isDirectory() || a.isSymbolicLink()) {
      throw notRegular(jobId, relative, a.isSymbolicLink()
          ? "is a symbolic link (job files are never read or written through links)" : "is not a folder");
    }
    return true;
  }

  /** The whole file, or null when absent. */
  static byte[] read(String jobId, Path jobDir, String relative) {
    if (regular(jobId, jobDir, relative) == null) {
      return null;
    }
    try (FileChannel ch = open(jobId, jobDir, relative, StandardOpenOption.READ);
        InputStream in = Channels.newInputStream(ch)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw ioError(jobId, relative, e);
    }
  }

  /** The file as JSON, or null when absent; invalid JSON makes the job unreadable. */
  static JsonNode readJson(String jobId, Path jobDir, String relative) {
    byte[] bytes = read(jobId, jobDir, relative);
    if (bytes == null) {
      return null;
    }
    String why;
    try {
      JsonNode node = Json.parse(bytes, relative);
      if (node != null && !node.isMissingNode()) {
        return node;
      }
      why = "empty";
    } catch (RuntimeException e) {
      why = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
    }
    throw new UnreadableJobException(jobId, relative, "invalid_json", relative + " is not valid JSON (" + why + ")");
  }

  /** sha256 of a job file, or null when absent. */
  static String sha256(String jobId, Path jobDir, String relative) {
    byte[] bytes = read(jobId, jobDir, relative);
    return bytes == null ? null : Sha256.hex(bytes);
  }

  /** A job file (already checked by {@link #regular}) opened without following a link. */
  static FileChannel open(String jobId, Path jobDir, String relative, OpenOption... options) {
    OpenOption[] all = java.util.Arrays.copyOf(options, options.length + 1);
    all[options.length] = LinkOption.NOFOLLOW_LINKS;
    try {
      return FileChannel.open(jobDir.resolve(relative(jobDir, relative)), all);
    } catch (IOException e) {
      throw ioError(jobId, relative, e);
    }
  }

  /**
   * Where a job file may be (re)written: its folders below the job folder are real folders (created when
   * missing) and the file, if it exists, is a regular file. A temporary written beside it and renamed over it
   * then never leaves the job.
   */
  static Path writable(String jobId, Path jobDir, String relative) {
    Path rel = relative(jobDir, relative);
    Path p = jobDir;
    for (int i = 0; i < rel.getNameCount() - 1; i++) {
      p = p.resolve(rel.getName(i));
      String name = rel.subpath(0, i + 1).toString();
      if (lstat(jobId, p, name) == null) {
        try {
          Files.createDirectory(p);
        } catch (IOException e) {
          throw ioError(jobId, name, e);
        }
      }
    }
    regular(jobId, jobDir, relative); // checks every folder on the way, and the file if present
    return jobDir.resolve(rel);
  }

  /** Appends {@code line} and a newline with one write, forced; the file is created (never through a link). */
  static void appendLine(String jobId, Path jobDir, String relative, byte[] line) {
    writable(jobId, jobDir, relative);
    ByteBuffer buf = ByteBuffer.allocate(line.length + 1).put(line).put((byte) '\n').flip();
    try (FileChannel ch = open(jobId, jobDir, relative, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.APPEND)) {
      io.quanteam.eam.json.AtomicFiles.appendWhole(ch, buf);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot append to " + relative + " of job " + jobId + ": "
          + e.getMessage(), e);
    }
  }

  /**
   * Sets the job folder's modification time to now: how a watcher of the job root ({@link JobRootWatcher}, one watch
   * for every job) learns of an append to one of the job's files — the kernel reports a folder's changed times to a
   * watcher of its parent, not the growth of a file inside it (ADR 0010). Not reported when it fails: a daemon's
   * sweep finds the change anyway.
   */
  static void touchFolder(Path jobDir) {
    try {
      Files.getFileAttributeView(jobDir, java.nio.file.attribute.BasicFileAttributeView.class,
          LinkOption.NOFOLLOW_LINKS).setTimes(java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis()),
          null, null);
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      // see above
    }
  }

  private static Path relative(Path jobDir, String relative) {
    Path rel;
    try {
      rel = Path.of(relative).normalize();
    } catch (InvalidPathException e) {
      throw new IllegalArgumentException("not a path: " + relative, e);
    }
    if (rel.isAbsolute() || rel.getNameCount() == 0 || rel.startsWith("..") || rel.toString().isEmpty()) {
      throw new IllegalArgumentException("expected a path inside the job folder, got " + relative);
    }
    return rel;
  }

  /** A job-relative path string for a file {@code inside} the job folder, or null. */
  static String relativeOf(Path jobDir, Path inside) {
    if (inside == null || !inside.normalize().startsWith(jobDir) || inside.normalize().equals(jobDir)) {
      return null;
    }
    return jobDir.relativize(inside.normalize()).toString().replace('\\', '/');
  }

  private static BasicFileAttributes lstat(String jobId, Path p, String name) {
    try {
      return Files.readAttributes(p, BasicFileAttributes.class, NOFOLLOW);
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      throw ioError(jobId, name, e);
    }
  }

  private static UnreadableJobException notRegular(String jobId, String name, String what) {
    return new UnreadableJobException(jobId, name, "not_regular_file", name + " " + what);
  }

  private static UnreadableJobException ioError(String jobId, String name, IOException e) {
    String why = e instanceof java.nio.file.AccessDeniedException ? "permission denied"
        : e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    return new UnreadableJobException(jobId, name, "io_error", name + " cannot be read (" + why + ")");
  }
}
