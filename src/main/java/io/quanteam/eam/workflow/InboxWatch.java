package io.quanteam.eam.workflow;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.LongSupplier;

/**
 * Decides which inbox entries are ready to be answered. Entries are seen with {@code lstat} only (nothing is opened
 * or followed): a regular file is ready once its size, mtime and inode have stayed the same for the stability
 * interval (a writer still appending changes them); anything else (a link, a folder, a FIFO, a device) is refused
 * without being read, so it is ready at once. Names starting with {@code .} and names not ending in {@code .json}
 * (e.g. {@code spec.json.tmp}) are not inbox entries.
 */
final class InboxWatch {
  private record Signature(long size, long mtime, Object fileKey) {}

  private record Seen(Signature signature, long sinceNanos) {}

  private final Path dir;
  private final LongSupplier nanoTime;
  private final Map<String, Seen> seen = new HashMap<>();
  private List<String> listed = List.of();

  InboxWatch(Path dir, LongSupplier nanoTime) {
    this.dir = dir;
    this.nanoTime = nanoTime;
  }

  Path dir() {
    return dir;
  }

  static boolean isEntryName(String name) {
    return !name.startsWith(".") && name.endsWith(".json") && name.length() > ".json".length();
  }

  /** Absolute paths of the entries ready now, in name order. A missing inbox folder has none. */
  synchronized List<String> ready(long stableMillis) {
    long now = nanoTime.getAsLong();
    TreeSet<String> names = new TreeSet<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path entry : entries) {
        String name = entry.getFileName().toString();
        if (isEntryName(name)) {
          names.add(name);
        }
      }
    } catch (NoSuchFileException e) {
      names.clear();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the inbox " + dir + ": " + e.getMessage(), e);
    }
    seen.keySet().retainAll(names);
    listed = List.copyOf(names);
    List<String> ready = new ArrayList<>();
    for (String name : names) {
      Path entry = dir.resolve(name);
      BasicFileAttributes attrs;
      try {
        attrs = InboxEntry.attributes(entry);
      } catch (IOException e) {
        continue; // gone since the listing
      }
      if (!attrs.isRegularFile()) {
        ready.add(entry.toAbsolutePath().toString());
        continue;
      }
      Signature signature = new Signature(attrs.size(), attrs.lastModifiedTime().toMillis(), attrs.fileKey());
      Seen before = seen.get(name);
      if (before == null || !Objects.equals(before.signature(), signature)) {
        seen.put(name, new Seen(signature, now));
      } else if (now - before.sinceNanos() >= stableMillis * 1_000_000L) {
        ready.add(entry.toAbsolutePath().toString());
      }
    }
    return ready;
  }

  /** The entry names of the last listing. */
  synchronized List<String> listed() {
    return listed;
  }

  /** Forgets an entry that was answered, so a new file of the same name is watched afresh. */
  synchronized void answered(String name) {
    seen.remove(name);
  }
}
