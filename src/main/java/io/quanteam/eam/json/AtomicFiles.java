package io.quanteam.eam.json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Writes files so that a reader never sees half of one: temporary name, fsync, rename. */
public final class AtomicFiles {
  /** Forces a batch of files concurrently: the file system commits them together instead of one by one. */
  private static final ExecutorService FORCE = Executors.newFixedThreadPool(8, r -> {
    Thread t = new Thread(r, "eam-fsync");
    t.setDaemon(true);
    return t;
  });

  private AtomicFiles() {}

  /**
   * Writes files so that each lands whole under its name (temporary name, forced, renamed, its folder synced), durable
   * before any event can name it; several are forced at once rather than one after another.
   */
  public static void writeAll(Map<Path, byte[]> files) {
    List<Path> temps = new ArrayList<>(files.size());
    List<FileChannel> channels = new ArrayList<>(files.size());
    try {
      for (Map.Entry<Path, byte[]> f : files.entrySet()) {
        Path tmp = tempBeside(f.getKey());
        temps.add(tmp);
        FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        channels.add(ch);
        ByteBuffer buf = ByteBuffer.wrap(f.getValue());
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
      }
      forceAll(channels);
      closeQuietly(channels);
      java.util.Set<Path> parents = new java.util.LinkedHashSet<>();
      int i = 0;
      for (Path target : files.keySet()) {
        rename(temps.get(i++), target);
        parents.add(target.toAbsolutePath().getParent());
      }
      parents.forEach(AtomicFiles::syncDirectory);
    } catch (IOException e) {
      String what = files.size() == 1 ? files.keySet().iterator().next().toString() : files.keySet().toString();
      throw new UncheckedIOException("cannot write " + what + ": " + e.getMessage(), e);
    } finally {
      closeQuietly(channels);
      for (Path tmp : temps) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // a dot-named leftover is never read
        }
      }
    }
  }

  /** Names of the temporary folders {@link #tempFolder} makes: {@code .tmp-<name>-<random>}. */
  static final String TEMP_FOLDER_PREFIX = ".tmp-";
  /** Names of the temporary files written beside their target: {@code .<name>.<random>.tmp}. */
  static final String TEMP_FILE_SUFFIX = ".tmp";

  /** A new dot-named temporary file in the target's folder (created when missing). */
  private static Path tempBeside(Path target) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    if (!Files.isDirectory(dir)) {
      Files.createDirectories(dir);
    }
    // not Files.createTempFile: it makes the file 0600, and the rename would keep that; a plain new file follows
    // the umask like every other file written here
    while (true) {
      Path tmp = dir.resolve("." + target.getFileName() + "." + Long.toUnsignedString(
          java.util.concurrent.ThreadLocalRandom.current().nextLong()) + TEMP_FILE_SUFFIX);
      try {
        return Files.createFile(tmp);
      } catch (java.nio.file.FileAlreadyExistsException e) {
        // taken: draw another name
      }
    }
  }

  /**
   * A new dot-named temporary folder in {@code parent} (created when missing), to be filled and renamed into place
   * as {@code name}: readers skip it, and {@link StaleTemporaries} removes it if a crash leaves it behind.
   */
  public static Path tempFolder(Path parent, String name) throws IOException {
    if (!Files.isDirectory(parent)) {
      Files.createDirectories(parent);
    }
    // not Files.createTempDirectory (0700): the folder is renamed into place and must follow the umask
    while (true) {
      Path tmp = parent.resolve(TEMP_FOLDER_PREFIX + name + "-" + Long.toUnsignedString(
          java.util.concurrent.ThreadLocalRandom.current().nextLong()));
      try {
        return Files.createDirectory(tmp);
      } catch (java.nio.file.FileAlreadyExistsException e) {
        // taken: draw another name
      }
    }
  }

  /**
   * Fills a fresh private folder that the caller renames into place afterwards (a dossier, a card, a new job): files
   * are created under their final names — the folder's one rename publishes them all, so no per-file temporary
   * name is needed — forced together, and then every folder of the tree is synced, so the rename that follows
   * never publishes a name a power cut could take back. {@code files} maps paths relative to {@code folder}.
   */
  public static void fillFolder(Path folder, Map<String, byte[]> files) {
    fillFolder(folder, files, true);
  }

  /**
   * As {@link #fillFolder(Path, Map)}; with {@code forced = false} nothing is forced: for evidence that can be
   * rebuilt byte for byte and whose hash a forced event records (a dossier, ADR 0006).
   */
  public static void fillFolder(Path folder, Map<String, byte[]> files, boolean forced) {
    List<FileChannel> channels = new ArrayList<>(files.size());
    java.util.Set<Path> dirs = new java.util.LinkedHashSet<>();
    dirs.add(folder);
    try {
      for (Map.Entry<String, byte[]> f : files.entrySet()) {
        Path target = folder.resolve(f.getKey());
        createParents(folder, target.getParent(), dirs);
        FileChannel ch = FileChannel.open(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        channels.add(ch);
        ByteBuffer buf = ByteBuffer.wrap(f.getValue());
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
      }
      if (forced) {
        forceAll(channels);
        dirs.forEach(AtomicFiles::syncDirectory);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + files.keySet() + " in " + folder + ": " + e.getMessage(), e);
    } finally {
      closeQuietly(channels);
    }
  }

  /** Creates the folders between {@code folder} (which exists) and {@code dir}, remembering each one made. */
  private static void createParents(Path folder, Path dir, java.util.Set<Path> made) throws IOException {
    if (made.contains(dir)) {
      return;
    }
    if (!dir.startsWith(folder)) {
      throw new IOException(dir + " is not inside " + folder);
    }
    createParents(folder, dir.getParent(), made);
    Files.createDirectory(dir);
    made.add(dir);
  }

  private static void forceAll(List<FileChannel> channels) throws IOException {
    if (channels.size() == 1) {
      channels.get(0).force(true); // nothing to overlap: no hand-off to the pool
      return;
    }
    List<Future<?>> forced = new ArrayList<>(channels.size());
    for (FileChannel ch : channels) {
      forced.add(FORCE.submit(() -> {
        ch.force(true);
        return null;
      }));
    }
    try {
      for (Future<?> f : forced) {
        f.get();
      }
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      throw cause instanceof IOException io ? io : new IOException(cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while forcing files", e);
    }
  }

  private static void closeQuietly(List<FileChannel> channels) {
    for (FileChannel ch : channels) {
      try {
        ch.close();
      } catch (IOException ignored) {
        // already reported, or closed after its rename
      }
    }
  }

  /** One file with the guarantees of {@link #writeAll}. */
  public static void write(Path target, byte[] bytes) {
    writeAll(Map.of(target, bytes));
  }

  /**
   * Appends {@code line} and a newline with one write, then fsyncs: a reader sees the whole line or none of it. The
   * folder is created only for a file's first line (no check on every append).
   */
  public static void appendLine(Path file, byte[] line) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(line.length + 1).put(line).put((byte) '\n').flip();
    FileChannel opened;
    try {
      opened = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    } catch (java.nio.file.NoSuchFileException e) {
      Files.createDirectories(file.toAbsolutePath().getParent());
      opened = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    }
    try (FileChannel ch = opened) {
      appendWhole(ch, buf);
    }
  }

  /**
   * Writes the whole buffer at the end of the channel and forces it; when that fails (a full disk can take part of a
   * line), the file is cut back to where it ended, so a failed append leaves no half line behind for the next one to
   * follow.
   */
  public static void appendWhole(FileChannel ch, ByteBuffer buf) throws IOException {
    long end = ch.size();
    try {
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
      ch.force(true);
    } catch (IOException e) {
      try {
        ch.truncate(end);
      } catch (IOException undo) {
        e.addSuppressed(undo); // the reader's torn-tail repair is the last resort
      }
      throw e;
    }
  }

  /**
   * Replaces a file whole (temporary name, renamed) without forcing it: for what can be rebuilt at any time, such
   * as an index. Readers never see half a file; after a power cut the file may be the old version, or empty (the
   * rename can reach the disk before the data), which is why only rebuildable files are written this way.
   */
  public static void replaceUnforced(Path target, byte[] bytes) {
    replaceUnforced(target, out -> out.write(bytes));
  }

  /** What writes a file's content to a stream (a large file is written as it is made, never held whole). */
  @FunctionalInterface
  public interface Content {
    void writeTo(java.io.OutputStream out) throws IOException;
  }

  /** {@link #replaceUnforced(Path, byte[])} with the content written straight to the temporary file. */
  public static void replaceUnforced(Path target, Content content) {
    Path tmp = null;
    try {
      tmp = tempBeside(target);
      try (java.io.OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
        content.writeTo(out);
      }
      rename(tmp, target);
      tmp = null;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // a dot-named leftover is never read
        }
      }
    }
  }

  /**
   * Renames a finished file or directory into place and makes the rename durable (the parent folder is synced), so
   * an event appended afterwards never names something a power cut could take back.
   */
  public static void move(Path from, Path to) throws IOException {
    rename(from, to);
    syncDirectory(to.toAbsolutePath().getParent());
  }

  /** Renames a finished file or folder into place without syncing its parent (see {@link #move} for that). */
  public static void rename(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** Makes a folder's entries (its names, e.g. after a rename) durable; skipped where a directory cannot be opened. */
  public static void syncDirectory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // best effort: the files inside were forced when written
    }
  }

  /** Removes a folder and everything in it (nothing when it does not exist). */
  public static void deleteTree(Path dir) {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (java.util.stream.Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove " + dir + ": " + e.getMessage(), e);
    }
  }

  /** {@link #deleteTree} for cleanup after a failure: a dot-named temporary folder left behind is never read. */
  public static void deleteTreeQuietly(Path dir) {
    try {
      deleteTree(dir);
    } catch (UncheckedIOException e) {
      // leftover temporary folders are ignored by every reader
    }
  }
}
