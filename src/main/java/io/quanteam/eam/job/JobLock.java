package io.quanteam.eam.job;

import io.quanteam.eam.json.LockUnavailableException;
import io.quanteam.eam.json.OsFileLock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The exclusive right to append to one job: an OS lock on {@code <job>/.lock} (excludes other processes) plus an
 * in-JVM lock (an OS file lock does not exclude threads of the process that holds it). The OS lock is polled
 * ({@link OsFileLock}): a blocking wait could be refused with EDEADLK when two multi-threaded processes each hold
 * a job the other wants. Not re-entrant: a thread that asks twice has a bug, and is told so.
 */
public final class JobLock implements AutoCloseable {
  private static final ConcurrentMap<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

  private final String jobId;
  private final Path jobDir;
  private final ReentrantLock threadLock;
  private final FileChannel channel;
  private final FileLock fileLock;
  private boolean open = true;

  private JobLock(String jobId, Path jobDir, ReentrantLock threadLock, FileChannel channel, FileLock fileLock) {
    this.jobId = jobId;
    this.jobDir = jobDir;
    this.threadLock = threadLock;
    this.channel = channel;
    this.fileLock = fileLock;
  }

  /** Blocks until this thread holds the job exclusively. */
  static JobLock acquire(String jobId, Path jobDir) {
    ReentrantLock threadLock = IN_PROCESS.computeIfAbsent(jobDir.toAbsolutePath().normalize(),
        k -> new ReentrantLock());
    if (threadLock.isHeldByCurrentThread()) {
      throw new IllegalStateException("job " + jobId + " is already locked by this thread");
    }
    threadLock.lock();
    FileChannel channel = null;
    try {
      // checked first, never followed: a FIFO named .lock would block the open, a link would lock a foreign file
      JobFiles.writable(jobId, jobDir, ".lock");
      channel = JobFiles.open(jobId, jobDir, ".lock", StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      return new JobLock(jobId, jobDir, threadLock, channel, OsFileLock.acquire(channel));
    } catch (IOException | RuntimeException e) {
      closeQuietly(channel);
      threadLock.unlock();
      if (e instanceof IOException io) {
        throw new LockUnavailableException("cannot lock job " + jobId + ": " + io.getMessage(), io);
      }
      throw (RuntimeException) e;
    }
  }

  public String jobId() {
    return jobId;
  }

  public Path jobDir() {
    return jobDir;
  }

  /** Refuses a lock that was closed or belongs to another job: appends happen only under the job's own lock. */
  void requireHeldFor(String id) {
    if (!open || !threadLock.isHeldByCurrentThread() || !jobId.equals(id)) {
      throw new IllegalStateException("appending to job " + id + " requires its open lock, held by this thread");
    }
  }

  @Override
  public void close() {
    if (!open) {
      return;
    }
    open = false;
    try {
      fileLock.release();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot unlock job " + jobId + ": " + e.getMessage(), e);
    } finally {
      closeQuietly(channel);
      threadLock.unlock();
    }
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // the lock is released with the channel; nothing else to undo
      }
    }
  }
}
