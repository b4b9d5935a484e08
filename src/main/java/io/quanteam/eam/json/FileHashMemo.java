package io.quanteam.eam.json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The sha256 of large files that rarely change (a snapshot's CSV, hashed by every gate run), re-read only when
 * the file system says the file may have changed: its device, inode, size, modification and status-change times.
 * Any write changes the status-change time (ctime), which, unlike mtime, no user call can set back. A file changed
 * within the last two seconds is always read (a second write in the same timestamp tick could leave these equal),
 * and so is one whose attributes this platform does not expose. Thread-safe.
 */
public final class FileHashMemo {
  private static final Duration SETTLED = Duration.ofSeconds(2);

  private final Clock wallClock;
  private final Map<String, String> byIdentity = new ConcurrentHashMap<>();
  private final AtomicInteger reads = new AtomicInteger();

  /** {@code wallClock}: the real time the file system stamps files with (tests move it ahead). */
  public FileHashMemo(Clock wallClock) {
    this.wallClock = wallClock;
  }

  public String sha256(Path file) {
    String identity = identity(file);
    if (identity != null) {
      String known = byIdentity.get(identity);
      if (known != null) {
        return known;
      }
    }
    reads.incrementAndGet();
    String sha = Sha256.ofFile(file);
    if (identity != null && identity.equals(identity(file))) { // not changed while it was read
      byIdentity.put(identity, sha);
    }
    return sha;
  }

  /** How many times a file was read and hashed (for tests). */
  int reads() {
    return reads.get();
  }

  private String identity(Path file) {
    Map<String, Object> a;
    try {
      a = Files.readAttributes(file, "unix:dev,ino,size,lastModifiedTime,ctime", LinkOption.NOFOLLOW_LINKS);
    } catch (UnsupportedOperationException | IllegalArgumentException notUnix) {
      return null;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the attributes of " + file + ": " + e.getMessage(), e);
    }
    FileTime ctime = (FileTime) a.get("ctime");
    if (ctime == null || ctime.toInstant().isAfter(wallClock.instant().minus(SETTLED))) {
      return null;
    }
    return file.toAbsolutePath().normalize() + "|" + a.get("dev") + ":" + a.get("ino") + ":" + a.get("size") + ":"
        + ((FileTime) a.get("lastModifiedTime")).to(TimeUnit.NANOSECONDS) + ":" + ctime.to(TimeUnit.NANOSECONDS);
  }
}
