package io.quanteam.eam.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One watch on the job root sees new jobs and appends to any job's log (each append touches the job's folder). */
class JobRootWatcherTest {
  private static final long WAIT_S = 20;

  @TempDir
  Path root;
  private JobStore store;
  private JobRootWatcher watcher;
  private final BlockingQueue<String> delivered = new LinkedBlockingQueue<>();

  @BeforeEach
  void watch() throws Exception {
    store = JobFixtures.store(root);
    watcher = new JobRootWatcher(root, 1);
  }

  @AfterEach
  void close() {
    watcher.close();
  }

  private String submit(String title) {
    ObjectNode blueprint = (ObjectNode) JobFixtures.referenceBlueprint();
    blueprint.put("title", title);
    return store.submitBlueprint(blueprint, "demo_snap_job_001", null, null, "test").jobId();
  }

  private String next() throws InterruptedException {
    String id = delivered.poll(WAIT_S, TimeUnit.SECONDS);
    assertThat(id).as("a job delivered within %d s", WAIT_S).isNotNull();
    return id;
  }

  @Test
  void aNewJobAndEachLaterAppendAreDelivered() throws Exception {
    watcher.start(delivered::add, () -> delivered.add("overflow"));
    assertThat(watcher.isWatching()).isTrue();

    String job = submit("watched");
    assertThat(next()).isEqualTo(job);

    compile(job);
    assertThat(next()).isEqualTo(job);
  }

  /** The folder's touch is the signal: a write that does not touch it (an older writer) is left to the sweep. */
  @Test
  void anAppendThatDoesNotTouchTheFolderIsNotSeenButTheNextTouchedOneIs() throws Exception {
    String quiet = submit("quiet");
    String loud = submit("loud");
    watcher.start(delivered::add, () -> delivered.add("overflow"));

    Files.writeString(root.resolve(quiet).resolve("events.jsonl"), "{", StandardCharsets.UTF_8,
        StandardOpenOption.APPEND);
    Files.writeString(root.resolve(quiet).resolve(".summaries-like-file"), "x", StandardCharsets.UTF_8);
    Files.writeString(root.resolve(".summaries.jsonl"), "not a job\n", StandardCharsets.UTF_8);
    Files.createDirectory(root.resolve(".tmp-0123456789ab"));
    compile(loud);
    assertThat(next()).isEqualTo(loud); // signals arrive in order: nothing before it was delivered
    assertThat(delivered).isEmpty();
  }

  @Test
  void changesToAJobWaitingForDeliveryAreDeliveredOnce() throws Exception {
    String busy = submit("busy");
    String other = submit("other");
    CountDownLatch inDelivery = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    watcher.start(id -> {
      if (id.equals("000000000000")) { // the first delivery holds the only delivering thread
        inDelivery.countDown();
        awaitQuietly(release);
      }
      delivered.add(id);
    }, () -> delivered.add("overflow"));
    Files.createDirectory(root.resolve("000000000000"));
    assertThat(inDelivery.await(WAIT_S, TimeUnit.SECONDS)).isTrue();
    for (int i = 0; i < 5; i++) {
      JobFiles.touchFolder(root.resolve(busy)); // what each append does
    }
    compile(other);
    String last = submit("last");
    awaitUntil(() -> watcher.waiting() == 3); // busy (once), other, last: all signalled before the delivery ends
    release.countDown();
    assertThat(List.of(next(), next(), next(), next())).containsExactly("000000000000", busy, other, last);
    assertThat(delivered).isEmpty();
  }

  @Test
  void aClosedWatcherOrARemovedRootIsNotWatching() throws Exception {
    Path gone = root.resolve("sub");
    Files.createDirectory(gone);
    JobRootWatcher sub = new JobRootWatcher(gone, 1);
    sub.start(delivered::add, () -> { });
    Files.delete(gone);
    awaitUntil(() -> !sub.isWatching()); // the kernel ends the watch of a removed folder
    assertThat(sub.isWatching()).isFalse();
    sub.close();

    watcher.start(delivered::add, () -> { });
    watcher.close();
    assertThat(watcher.isWatching()).isFalse();
  }

  /** A real append through the store: the job's runspec compiled. */
  private void compile(String job) {
    try (JobLock lock = store.lock(job)) {
      store.writeArtifact(lock, "outputs/runspec.json", "{}\n".getBytes(StandardCharsets.UTF_8));
      ObjectNode out = io.quanteam.eam.json.Json.object();
      out.put("runspec_path", "outputs/runspec.json");
      store.append(lock, EventType.RUNSPEC_COMPILED, out, null);
    }
  }

  /** Polls (every 5 ms, at most WAIT_S) what another thread makes true. */
  private static void awaitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
    CountDownLatch never = new CountDownLatch(1);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_S);
    while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
      never.await(5, TimeUnit.MILLISECONDS);
    }
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(WAIT_S, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
