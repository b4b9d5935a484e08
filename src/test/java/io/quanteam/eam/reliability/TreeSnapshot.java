package io.quanteam.eam.reliability;

import io.quanteam.eam.json.Sha256;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Every entry under a folder as {@code relative path -> what it is}: a regular file's size and sha256, a link's
 * target, a folder, or another kind (a FIFO is described, never opened). Links are not followed.
 */
record TreeSnapshot(Path root, Map<String, String> entries) {
  static TreeSnapshot of(Path root) throws IOException {
    return of(root, rel -> true);
  }

  /** Only the entries whose relative path passes {@code keep} (a folder left out is not descended into). */
  static TreeSnapshot of(Path root, Predicate<String> keep) throws IOException {
    Map<String, String> entries = new TreeMap<>();
    if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return new TreeSnapshot(root, entries);
    }
    Files.walkFileTree(root, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
        String rel = root.relativize(dir).toString();
        if (!rel.isEmpty() && !keep.test(rel)) {
          return FileVisitResult.SKIP_SUBTREE;
        }
        entries.put(rel, "dir");
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        String rel = root.relativize(file).toString();
        if (keep.test(rel)) {
          entries.put(rel, describe(file, attrs));
        }
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFileFailed(Path file, IOException e) {
        entries.put(root.relativize(file).toString(), "unreadable: " + e.getClass().getSimpleName());
        return FileVisitResult.CONTINUE;
      }
    });
    return new TreeSnapshot(root, entries);
  }

  private static String describe(Path file, BasicFileAttributes attrs) throws IOException {
    if (attrs.isSymbolicLink()) {
      return "link -> " + Files.readSymbolicLink(file);
    }
    if (attrs.isRegularFile()) {
      return "file " + attrs.size() + " " + (Files.isReadable(file) ? Sha256.hex(Files.readAllBytes(file)) : "?");
    }
    return "other"; // a FIFO, socket or device: never opened
  }

  /** What changed from {@code before} to this: {@code changed|removed|added <path>}, in path order. */
  List<String> differencesFrom(TreeSnapshot before) {
    List<String> diff = new ArrayList<>();
    before.entries.forEach((rel, what) -> {
      String now = entries.get(rel);
      if (now == null) {
        diff.add("removed " + rel);
      } else if (!now.equals(what)) {
        diff.add("changed " + rel + " (" + what + " -> " + now + ")");
      }
    });
    entries.keySet().stream().filter(rel -> !before.entries.containsKey(rel)).forEach(rel -> diff.add("added " + rel));
    return diff;
  }

  /**
   * Sets the access time of every entry under {@code root} (and of root) to the epoch, links not followed. The
   * file systems here are mounted {@code relatime}: a read then sets the access time again (it is not after the
   * modification time), so an access time still 0 later proves that nothing read the file — nor listed the folder.
   */
  static void zeroAccessTimes(Path root) throws IOException {
    List<Path> all = new ArrayList<>();
    try (var walk = Files.walk(root)) {
      walk.forEach(all::add);
    }
    // deepest first: setting a file's time does not read its folder, but listing it above already did
    all.sort((a, b) -> Integer.compare(b.getNameCount(), a.getNameCount()));
    for (Path p : all) {
      if (!Files.isSymbolicLink(p)) {
        Files.getFileAttributeView(p, java.nio.file.attribute.BasicFileAttributeView.class,
            java.nio.file.LinkOption.NOFOLLOW_LINKS).setTimes(null, FileTime.fromMillis(0), null);
      }
    }
  }

  /**
   * Whether a read sets a zeroed access time on the file system of {@code scratch} (false on a {@code noatime}
   * mount, where {@link #readSinceZeroed} proves nothing): a probe file is zeroed, read, and looked at.
   */
  static boolean readsSetAccessTime(Path scratch) throws IOException {
    Path probe = Files.writeString(Files.createTempFile(scratch, "atime-probe", ".txt"), "probe\n");
    try {
      zeroAccessTimes(probe);
      Files.readAllBytes(probe);
      return Files.readAttributes(probe, BasicFileAttributes.class).lastAccessTime().toMillis() != 0;
    } finally {
      Files.delete(probe);
    }
  }

  /**
   * The entries under {@code root} (root included) whose access time is no longer the epoch: read since zeroed.
   * Looking lists the folders, which sets their times: zero them again before looking again.
   */
  static List<String> readSinceZeroed(Path root) throws IOException {
    List<String> read = new ArrayList<>();
    collectRead(root, root, read);
    return read;
  }

  /** Each folder's time is taken before this listing of it (which sets it), its entries' before they are listed. */
  private static void collectRead(Path root, Path p, List<String> read) throws IOException {
    BasicFileAttributes attrs = Files.readAttributes(p, BasicFileAttributes.class,
        java.nio.file.LinkOption.NOFOLLOW_LINKS);
    if (!attrs.isSymbolicLink() && attrs.lastAccessTime().toMillis() != 0) {
      read.add((p.equals(root) ? "." : root.relativize(p).toString()) + " (accessed " + attrs.lastAccessTime() + ")");
    }
    if (attrs.isDirectory()) {
      List<Path> children;
      try (var list = Files.list(p)) {
        children = list.sorted().toList();
      }
      for (Path child : children) {
        collectRead(root, child, read);
      }
    }
  }
}
