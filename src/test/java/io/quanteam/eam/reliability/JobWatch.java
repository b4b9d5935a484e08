package io.quanteam.eam.reliability;

import io.quanteam.eam.job.EventType;
import io.quanteam.eam.job.JobEvent;
import io.quanteam.eam.job.JobState;
import io.quanteam.eam.job.JobStore;
import io.quanteam.eam.job.Phase;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Follows the jobs of a job root by file events (inotify), as the person approving them would: each job folder is
 * watched from the moment it appears, a changed job's events are read again, and a job waiting on its runspec is
 * approved at once (in this JVM: the store's lock is an OS lock, shared with the daemons). Waiting is on file
 * events only, never on a timer; the poll's timeout is an upper bound for the caller's own deadlines.
 */
final class JobWatch implements AutoCloseable {
  private final JobStore store;
  private final Path root;
  private final WatchService watch;
  private final Map<Path, String> jobOfDir = new HashMap<>();
  private final Map<String, List<JobEvent>> events = new HashMap<>();
  private final Set<String> approved = new HashSet<>();
  private final Set<String> done = new HashSet<>();
  private final Set<String> errors = new HashSet<>();
  private EventType lastSeen;
  private int daemonEvents;

  JobWatch(JobStore store, Path root, Path... otherDirs) throws IOException {
    this.store = store;
    this.root = root;
    this.watch = FileSystems.getDefault().newWatchService();
    Files.createDirectories(root);
    root.register(watch, StandardWatchEventKinds.ENTRY_CREATE);
    for (Path dir : otherDirs) {
      Files.createDirectories(dir);
      dir.register(watch, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
    }
    rescan();
  }

  /**
   * Waits at most {@code timeoutMillis} for a file event, then reads every job that changed (approving those that
   * wait on their runspec) and returns their ids; an empty set when nothing changed in time (or only another
   * watched folder did).
   */
  Set<String> poll(long timeoutMillis) throws IOException, InterruptedException {
    Set<String> changed = new LinkedHashSet<>();
    WatchKey key = watch.poll(Math.max(1, timeoutMillis), TimeUnit.MILLISECONDS);
    boolean overflow = false;
    while (key != null) {
      Path dir = (Path) key.watchable();
      for (WatchEvent<?> event : key.pollEvents()) {
        if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
          overflow = true;
        } else if (dir.equals(root)) {
          String name = event.context().toString();
          if (!name.startsWith(".")) {
            changed.add(register(root.resolve(name)));
          }
        } else if (jobOfDir.containsKey(dir)) {
          changed.add(jobOfDir.get(dir));
        }
      }
      key.reset();
      key = watch.poll(); // drain what else is pending, so one call reads each job at most once
    }
    if (overflow) {
      changed.addAll(rescan());
    }
    changed.remove(null);
    for (String job : changed) {
      read(job);
    }
    return changed;
  }

  /** Registers every job folder present (and not yet watched); returns them all. */
  Set<String> rescan() throws IOException {
    Set<String> all = new LinkedHashSet<>();
    try (Stream<Path> dirs = Files.list(root)) {
      for (Path dir : dirs.filter(d -> !d.getFileName().toString().startsWith(".")).toList()) {
        all.add(register(dir));
      }
    }
    all.remove(null);
    return all;
  }

  /** Re-reads every known job (e.g. before a final verdict, in case an event was missed). */
  void readAll() throws IOException {
    for (String job : rescan()) {
      read(job);
    }
  }

  private String register(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return null; // a job folder is renamed into place whole; anything else in the root is not a job
    }
    String job = dir.getFileName().toString();
    if (!jobOfDir.containsKey(dir)) {
      dir.register(watch, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
      jobOfDir.put(dir, job);
      events.put(job, List.of());
    }
    return job; // read by the caller: events appended before the registration are seen now
  }

  private void read(String job) {
    List<JobEvent> now = store.events(job).list();
    List<JobEvent> before = events.getOrDefault(job, List.of());
    for (JobEvent e : now.subList(Math.min(before.size(), now.size()), now.size())) {
      if (e.type() != EventType.APPROVED) {
        daemonEvents++;
        lastSeen = e.type();
      }
    }
    events.put(job, now);
    JobState state = store.state(job);
    if (state.phase() == Phase.TERMINAL_DONE) {
      done.add(job);
    } else if (state.phase() == Phase.TERMINAL_ERROR) {
      errors.add(job);
    } else if (state.waitingOn("runspec") && approved.add(job)) {
      store.approve(job, "runspec", "reliability");
      events.put(job, store.events(job).list());
    }
  }

  Set<String> jobs() {
    return events.keySet();
  }

  Set<String> done() {
    return done;
  }

  Set<String> errors() {
    return errors;
  }

  boolean allEnded(int expected) {
    return done.size() + errors.size() >= expected;
  }

  /** Events appended by the executors (every event but the approvals this watch appended), as seen so far. */
  int daemonEvents() {
    return daemonEvents;
  }

  /** The type of the executors' latest event seen: where they were working when it was read. */
  EventType lastSeen() {
    return lastSeen;
  }

  /** True when some job seen has not ended and has no event of {@code type} yet: a step that is still to come. */
  boolean someJobLacks(EventType type) {
    return events.entrySet().stream().anyMatch(e -> !done.contains(e.getKey()) && !errors.contains(e.getKey())
        && e.getValue().stream().noneMatch(ev -> ev.type() == type));
  }

  /** The step the daemon can take next on {@code job} ({@code null} when it waits for a person or has ended). */
  String nextStep(String job) {
    JobState state = store.state(job);
    return state.phase() == Phase.READY && state.next() != null ? state.next().name() : null;
  }

  /** The next step of every job that can move without a person (not ended, not waiting): the work in flight. */
  List<String> pendingSteps() {
    List<String> steps = new ArrayList<>();
    for (String job : events.keySet()) {
      String next = done.contains(job) || errors.contains(job) ? null : nextStep(job);
      if (next != null) {
        steps.add(next);
      }
    }
    return steps;
  }

  @Override
  public void close() throws IOException {
    watch.close();
  }
}
