package io.quanteam.eam.job;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;
import static java.nio.file.StandardWatchEventKinds.OVERFLOW;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Path;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.function.Consumer;

/**
 * Hands each job whose folder changed to a consumer: a job folder created (or renamed) into the root, and an append
 * to a job's log, which every writer signals by touching the job's folder ({@link JobFiles#touchFolder}; ADR 0010).
 * One watch on the root, however many jobs: a watch per folder (three per job) cost ~500 bytes of heap a folder,
 * seconds of start, and ran into the kernel's limit of watches at 100,000 jobs (docs/job-store.md "Change signals").
 * A job changed again while it waits for delivery is delivered once; {@code deliverers} threads deliver, so one slow
 * delivery does not hold up the others. Signals the kernel dropped (its queue overflowed) run {@code overflowed}.
 */
public final class JobRootWatcher implements AutoCloseable {
  private final Path root;
  private final int deliverers;
  private final LinkedHashSet<String> pending = new LinkedHashSet<>();
  private WatchService service;
  private volatile boolean watching;
  private volatile boolean closed;

  public JobRootWatcher(Path root, int deliverers) {
    if (deliverers < 1) {
      throw new IllegalArgumentException("expected at least one delivering thread, got " + deliverers);
    }
    this.root = root;
    this.deliverers = deliverers;
  }

  /**
   * Watches from now on (a second call does nothing): what changes after this returns is delivered. A missing root
   * is created, as the first submission would; fails when it cannot be watched (not a folder, no watch left).
   */
  public synchronized void start(Consumer<String> changed, Runnable overflowed) throws IOException {
    if (service != null || closed) {
      return;
    }
    java.nio.file.Files.createDirectories(root);
    WatchService opened = root.getFileSystem().newWatchService();
    try {
      root.register(opened, ENTRY_CREATE, ENTRY_MODIFY);
    } catch (IOException | RuntimeException e) {
      opened.close();
      throw e;
    }
    service = opened;
    watching = true;
    thread("eam-watch", () -> poll(opened, overflowed));
    for (int i = 1; i <= deliverers; i++) {
      thread("eam-watch-" + i, () -> deliver(changed));
    }
  }

  /** True from {@link #start} until the watch ends (closed, or the root removed). */
  public boolean isWatching() {
    return watching && !closed;
  }

  /** Jobs signalled and not yet handed to the consumer. */
  public int waiting() {
    synchronized (pending) {
      return pending.size();
    }
  }

  private static void thread(String name, Runnable body) {
    Thread t = new Thread(body, name);
    t.setDaemon(true);
    t.start();
  }

  private void poll(WatchService opened, Runnable overflowed) {
    try {
      while (true) {
        WatchKey key = opened.take();
        for (WatchEvent<?> e : key.pollEvents()) {
          if (e.kind() == OVERFLOW) {
            overflowed.run();
          } else if (e.context() instanceof Path name && JobPaths.JOB_ID.matcher(name.toString()).matches()) {
            offer(name.toString());
          }
        }
        if (!key.reset()) {
          watching = false; // the root was removed or replaced: readiness says so
          return;
        }
      }
    } catch (ClosedWatchServiceException | InterruptedException e) {
      watching = false;
    }
  }

  private void offer(String jobId) {
    synchronized (pending) {
      if (pending.add(jobId)) {
        pending.notify();
      }
    }
  }

  private void deliver(Consumer<String> changed) {
    while (true) {
      String jobId;
      synchronized (pending) {
        while (pending.isEmpty() && !closed) {
          try {
            pending.wait();
          } catch (InterruptedException e) {
            return;
          }
        }
        if (closed) {
          return;
        }
        Iterator<String> first = pending.iterator();
        jobId = first.next();
        first.remove();
      }
      try {
        changed.accept(jobId);
      } catch (RuntimeException e) {
        // the consumer reports its own failures; the next sweep sees the job again
      }
    }
  }

  /** Stops watching; a delivery in progress finishes on its own thread (never interrupted: it may be writing). */
  @Override
  public void close() {
    closed = true;
    synchronized (pending) {
      pending.clear();
      pending.notifyAll();
    }
    WatchService opened;
    synchronized (this) {
      opened = service;
    }
    if (opened != null) {
      try {
        opened.close();
      } catch (IOException e) {
        // nothing is watched any more either way
      }
    }
  }
}
