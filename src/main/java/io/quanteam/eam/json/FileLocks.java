package io.quanteam.eam.json;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Runs a body holding an exclusive lock named by a file: an OS lock against other processes, plus a JVM-wide lock
 * per file, because the OS lock is held per process and a second channel in the same JVM would fail with
 * OverlappingFileLockException instead of waiting. Re-entrant within a thread. The OS lock is polled
 * ({@link OsFileLock}), never waited for in the kernel, which could refuse the wait with EDEADLK.
 */
public final class FileLocks {
  private static final ConcurrentHashMap<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

  private FileLocks() {}

  @SuppressWarnings("try") // the lock is held by the try block, not used in it
  public static <T> T call(Path lockFile, Supplier<T> body) {
    Path key = lockFile.toAbsolutePath().normalize();
    ReentrantLock local = IN_PROCESS.computeIfAbsent(key, k -> new ReentrantLock());
    if (local.isHeldByCurrentThread()) {
      return body.get();
    }
    local.lock();
    try {
      if (!Files.isDirectory(key.getParent())) {
        Files.createDirectories(key.getParent()); // on an existing folder it fails a mkdir and throws inside
      }
      try (FileChannel ch = FileChannel.open(key, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
          FileLock ignored = OsFileLock.acquire(ch)) {
        return body.get();
      }
    } catch (IOException e) {
      throw new LockUnavailableException("cannot lock " + key + ": " + e.getMessage(), e);
    } finally {
      local.unlock();
    }
  }
}
