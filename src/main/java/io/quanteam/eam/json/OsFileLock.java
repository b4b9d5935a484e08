package io.quanteam.eam.json;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Takes the exclusive OS lock of a channel without ever waiting inside the kernel. POSIX locks belong to the
 * process, not the thread: while one thread of process A holds lock X and another waits in {@code F_SETLKW} for
 * B's lock Y, a thread of B asking for X closes a cycle A→B→A and Linux refuses it with EDEADLK ("Resource
 * deadlock avoided") — though each holder will let go. {@code tryLock} ({@code F_SETLK}) is never part of that
 * check, so this polls it, backing off up to {@link #MAX_PAUSE_MS} ms between attempts. Waiting forever is safe
 * because the locks are always taken in one order (docs/job-store.md, "Lock order").
 */
public final class OsFileLock {
  /** The longest pause between attempts: short next to a stage, so a freed lock is taken soon. */
  static final long MAX_PAUSE_MS = 20;

  private OsFileLock() {}

  /**
   * Blocks until the lock is held. The caller must already hold the in-JVM lock for this file: a second channel of
   * the same process would throw OverlappingFileLockException instead of waiting.
   */
  public static FileLock acquire(FileChannel channel) throws IOException {
    long pauseNanos = TimeUnit.MICROSECONDS.toNanos(500);
    while (true) {
      FileLock lock = channel.tryLock();
      if (lock != null) {
        return lock;
      }
      // parkNanos, not sleep: an interrupt is not swallowed here; the next tryLock sees it and closes the channel
      LockSupport.parkNanos(pauseNanos);
      pauseNanos = Math.min(pauseNanos * 2, TimeUnit.MILLISECONDS.toNanos(MAX_PAUSE_MS));
    }
  }
}
