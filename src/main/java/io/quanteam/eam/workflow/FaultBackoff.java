package io.quanteam.eam.workflow;

import io.quanteam.eam.json.IoFault;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Jobs and inbox entries that met a file-system fault ({@link IoFault}): each stays where it was and is tried again
 * after a backoff (1 s, doubling to 60 s). The log gets one line when a fault episode begins (and one per further
 * kind of fault in it) and one when it ends — when nothing is deferred any more — not one per attempt: a full disk
 * under a busy daemon would otherwise write a line per job every poll. Keys are job ids and {@code inbox/<name>}.
 */
public final class FaultBackoff {
  public static final Duration FIRST = Duration.ofSeconds(1);
  public static final Duration MAX = Duration.ofSeconds(60);
  static final String INBOX = "inbox/";


  private record Deferred(int attempts, long dueNanos, boolean handedOut) {}

  private final LongSupplier nanoTime;
  private final Consumer<String> warn;
  private final Consumer<String> info;
  private final Map<String, Deferred> deferred = new HashMap<>();
  private final Set<String> episodeReasons = new LinkedHashSet<>();
  private final Set<String> episodeKeys = new LinkedHashSet<>();
  private long episodeStart;
  private int episodeAttempts;

  /** {@code warn}: the line that opens an episode; {@code info}: the line that closes it (tests collect both). */
  public FaultBackoff(LongSupplier nanoTime, Consumer<String> warn, Consumer<String> info) {
    this.nanoTime = nanoTime;
    this.warn = warn;
    this.info = info;
  }

  /** Records a fault of {@code key} while doing {@code what}; it is due again after its backoff. */
  public synchronized void fault(String key, String what, IoFault fault) {
    long now = nanoTime.getAsLong();
    Deferred before = deferred.get(key);
    int attempts = before == null ? 1 : before.attempts() + 1;
    long delay = Math.min(MAX.toNanos(), FIRST.toNanos() << Math.min(attempts - 1, 20));
    deferred.put(key, new Deferred(attempts, now + delay, false));
    if (episodeKeys.isEmpty() && episodeReasons.isEmpty()) {
      episodeStart = now;
      episodeAttempts = 0;
    }
    episodeAttempts++;
    episodeKeys.add(key);
    if (episodeReasons.add(fault.reason())) {
      warn.accept("I/O fault (" + fault.reason() + ") at " + describe(key) + " " + what + ": " + fault.message()
          + ". Affected jobs and inbox entries stay where they are and are tried again with backoff ("
          + FIRST.toSeconds() + " s doubling to " + MAX.toSeconds() + " s); one line when it clears.");
    }
  }

  /** The key succeeded (or has nothing left to do): it leaves the backoff; the last one ends the episode. */
  public synchronized void cleared(String key) {
    if (deferred.remove(key) != null) {
      endEpisodeIfClear();
    }
  }

  /** Forgets deferred keys under {@code prefix} that are not in {@code present} (entries removed meanwhile). */
  public synchronized void retain(String prefix, Collection<String> present) {
    Set<String> keep = new java.util.HashSet<>(present);
    if (deferred.keySet().removeIf(k -> k.startsWith(prefix) && !keep.contains(k))) {
      endEpisodeIfClear();
    }
  }

  /** True while {@code key}'s backoff runs: it is not to be tried now. */
  public synchronized boolean waiting(String key) {
    Deferred d = deferred.get(key);
    return d != null && nanoTime.getAsLong() < d.dueNanos();
  }

  /**
   * Job ids whose backoff has run out and that were not handed out since their last fault: the retry route sends
   * each to the dispatcher once (a further fault defers it again; success clears it).
   */
  public synchronized List<String> dueJobs() {
    long now = nanoTime.getAsLong();
    List<String> due = new ArrayList<>();
    for (Map.Entry<String, Deferred> e : deferred.entrySet()) {
      Deferred d = e.getValue();
      if (!e.getKey().startsWith(INBOX) && !d.handedOut() && now >= d.dueNanos()) {
        due.add(e.getKey());
        e.setValue(new Deferred(d.attempts(), d.dueNanos(), true));
      }
    }
    due.sort(null);
    return due;
  }

  /** How many jobs and entries are deferred now. */
  public synchronized int size() {
    return deferred.size();
  }

  private void endEpisodeIfClear() {
    if (!deferred.isEmpty() || episodeReasons.isEmpty()) {
      return;
    }
    long seconds = Duration.ofNanos(nanoTime.getAsLong() - episodeStart).toSeconds();
    info.accept("I/O fault cleared (" + String.join(", ", episodeReasons) + ") after " + seconds + " s: "
        + episodeAttempts + " deferred attempts on " + episodeKeys.size() + " jobs and inbox entries");
    episodeReasons.clear();
    episodeKeys.clear();
  }

  private static String describe(String key) {
    return key.startsWith(INBOX) ? "inbox entry " + key.substring(INBOX.length()) : "job " + key;
  }
}
