package io.quanteam.eam.workflow;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Where {@link StageRunner} runs a job's step. In the worker, inline on the caller's thread. In the daemon, on
 * threads of its own: Camel interrupts its consumer and producer threads when it stops, and an interrupt closes
 * the file channels a stage is writing through (a half-written step, a job ended in ERROR by a stop). The caller
 * waits without being interruptible; at stop the daemon {@link #drain}s, so the step in flight finishes and no new
 * one starts.
 */
public final class StepThreads {
  private final ExecutorService pool;

  private StepThreads(ExecutorService pool) {
    this.pool = pool;
  }

  /** Steps run on the caller's thread (the worker, tests). */
  public static StepThreads inline() {
    return new StepThreads(null);
  }

  /** Steps run on threads no one but {@link #drain} stops; the caller waits for each. */
  public static StepThreads dedicated(String name) {
    AtomicInteger n = new AtomicInteger();
    return new StepThreads(Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true); // the daemon's shutdown hook waits for drain(); nothing else keeps the JVM alive
      return t;
    }));
  }

  /** Runs the step and returns its result; {@code whenDraining} once {@link #drain} has begun. */
  <T> T run(Supplier<T> step, T whenDraining) {
    if (pool == null) {
      return step.get();
    }
    Future<T> result;
    try {
      result = pool.submit(step::get);
    } catch (RejectedExecutionException stopping) {
      return whenDraining;
    }
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return result.get();
        } catch (InterruptedException e) {
          interrupted = true; // the step goes on; so does the wait
        } catch (ExecutionException e) {
          if (e.getCause() instanceof RuntimeException r) {
            throw r;
          }
          if (e.getCause() instanceof Error err) {
            throw err;
          }
          throw new IllegalStateException(e.getCause());
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Takes no new step and waits for those in flight; false when they did not finish within {@code timeout}. */
  public boolean drain(Duration timeout) {
    if (pool == null) {
      return true;
    }
    pool.shutdown();
    try {
      return pool.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
