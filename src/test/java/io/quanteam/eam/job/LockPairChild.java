package io.quanteam.eam.job;

import io.quanteam.eam.json.FileLocks;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A child JVM of {@link CrossProcessLockTest}: holds one lock ({@code job}: a job lock, {@code file}: a
 * {@link FileLocks} lock) on its main thread and, when told, asks for a second one on another thread. Speaks
 * line by line: prints {@code held}, waits for {@code request}, prints {@code requesting} and {@code waiting} (once
 * the requester waits), waits for {@code release}; the requester prints {@code got} or {@code failed: <message>}.
 */
final class LockPairChild {
  private static final BufferedReader IN = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));

  private LockPairChild() {}

  public static void main(String[] args) throws Exception {
    String mode = args[0];
    Path first = Path.of(args[1]);
    Path second = Path.of(args[2]);
    // loads every class on the lock path first, so a request reaches the kernel as soon as it is announced
    lock(mode, Path.of(args[3]), () -> { });
    Thread requester = new Thread(() -> {
      say("requesting");
      try {
        lock(mode, second, () -> say("got"));
      } catch (RuntimeException e) {
        say("failed: " + e.getMessage());
      }
    });
    lock(mode, first, () -> {
      say("held");
      expect("request");
      requester.start();
      awaitWaiting(requester);
      expect("release");
    });
    requester.join();
  }

  /**
   * Prints {@code waiting} once the requester is known to wait for the lock: parked between attempts (a polling
   * lock), or listed as a blocked waiter of this process in {@code /proc/locks} (a lock waited for in the kernel).
   * Prints nothing if the requester finished first (it printed its result).
   */
  private static void awaitWaiting(Thread requester) {
    String waiter = "-> POSIX";
    String pid = " " + ProcessHandle.current().pid() + " ";
    while (requester.isAlive()) {
      Thread.State state = requester.getState();
      if (state == Thread.State.TIMED_WAITING || blockedInKernel(waiter, pid)) {
        say("waiting");
        return;
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
    }
  }

  private static boolean blockedInKernel(String waiter, String pid) {
    try {
      return Files.readAllLines(Path.of("/proc/locks")).stream()
          .anyMatch(l -> l.contains(waiter) && l.contains(pid));
    } catch (IOException e) {
      return false;
    }
  }

  @SuppressWarnings("try") // the locks are held by the try blocks, not used in them
  private static void lock(String mode, Path dir, Runnable body) {
    if (mode.equals("job")) {
      try (JobLock ignored = JobLock.acquire(dir.getFileName().toString(), dir)) {
        body.run();
      }
    } else {
      FileLocks.call(dir.resolve(".lock"), () -> {
        body.run();
        return null;
      });
    }
  }

  private static void expect(String line) {
    try {
      String got = IN.readLine();
      if (!line.equals(got)) {
        throw new IllegalStateException("expected " + line + ", read " + got);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static synchronized void say(String line) {
    System.out.println(line);
    System.out.flush();
  }
}
