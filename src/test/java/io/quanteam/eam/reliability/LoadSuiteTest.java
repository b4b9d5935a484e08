package io.quanteam.eam.reliability;

import io.quanteam.eam.app.DaemonFixture;
import io.quanteam.eam.app.EamConfig;
import io.quanteam.eam.app.EamWiring;
import io.quanteam.eam.data.DemoProfile;
import io.quanteam.eam.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9, sustained load: one real {@code eam serve} started with the launcher's JVM options (bounded heap, two
 * malloc arenas: its RSS is what a user sees), a distinct spec dropped into its inbox every {@value #PERIOD_MS} ms
 * for the duration (short 15 s, long 120 s), each runspec approved as it comes up. Measured: each job's latency
 * from its drop to its DONE event (seen by file events), jobs/s, and the daemon's RSS (VmRSS) every second.
 * Violations: a job in ERROR or not DONE within the grace period, an ERROR line or stack trace in the log, a job
 * not exactly once (as in the contention suite), and in the long variant an RSS over {@value #MAX_RSS_MB} MB (the
 * short one, 15 s on a CI machine, only reports it).
 */
class LoadSuiteTest {
  private static final long PERIOD_MS = 150;
  private static final long MAX_RSS_MB = 300;

  @TempDir
  Path home;

  @Test
  void sustainedSubmissionsFinishInTimeWithinTheMemoryTarget() throws Exception {
    Scale scale = Scale.current();
    Duration duration = Duration.ofSeconds(scale.pick(15, 120));
    Duration grace = Duration.ofSeconds(scale.pick(60, 120));
    SuiteSummary summary = new SuiteSummary("Load", scale);
    EamConfig config = DaemonFixture.config(home);
    EamWiring wiring = EamWiring.create(config);
    wiring.snapshots().createDemo("demo_tiny", DemoProfile.TINY);
    Path inbox = config.inboxDir();
    Path answers = inbox.resolve(".done");
    Files.createDirectories(answers);
    Map<String, Long> submittedAt = new ConcurrentHashMap<>(); // spec name -> nanos of its drop
    Map<String, String> specOfJob = new HashMap<>();
    Map<String, Long> doneAt = new HashMap<>();
    List<long[]> rss = new ArrayList<>(); // {seconds since start, MB}
    AtomicInteger submitted = new AtomicInteger();
    ScheduledExecutorService producer = Executors.newSingleThreadScheduledExecutor();
    EamProcesses eam = new EamProcesses(home);
    long firstDrop = 0;
    long lastDone = 0;
    int errors = 0;
    try (eam; JobWatch watch = new JobWatch(wiring.jobs(), config.jobRoot(), inbox, answers)) {
      Process serve = eam.start("serve.log", EamProcesses.launcherJvmOptions("serve"),
          Map.of("MALLOC_ARENA_MAX", "2"), "serve"); // as ./eam sets it for serve
      if (!eam.awaitLog("serve.log", "eam serve: running", serve, Duration.ofSeconds(120))) {
        summary.violation("the serve did not start" + eam.tails());
        summary.finish();
      }
      long t0 = System.nanoTime();
      rss.add(new long[] {0, rssMb(serve.pid())});
      firstDrop = t0;
      // load generation, not waiting for a condition: a spec every PERIOD_MS ms, paced by the scheduler
      producer.scheduleAtFixedRate(() -> {
        int i = submitted.get();
        String name = ExactlyOnce.specName(i);
        try {
          submittedAt.put(name, System.nanoTime());
          DaemonFixture.drop(inbox, name, DaemonFixture.jobSpec("demo_tiny", "load " + i));
          submitted.incrementAndGet();
        } catch (IOException e) {
          submittedAt.remove(name);
          throw new UncheckedIOException(e);
        }
      }, 0, PERIOD_MS, TimeUnit.MILLISECONDS);
      long stopAt = firstDrop + duration.toNanos();
      long deadline = stopAt + grace.toNanos();
      long nextSample = t0 + TimeUnit.SECONDS.toNanos(1);
      boolean stopped = false;
      while (serve.isAlive() && System.nanoTime() < deadline) {
        long now = System.nanoTime();
        if (!stopped && now >= stopAt) {
          producer.shutdown();
          producer.awaitTermination(10, TimeUnit.SECONDS);
          stopped = true;
        }
        if (stopped && doneAt.size() + watch.errors().size() >= submitted.get()) {
          break;
        }
        if (now >= nextSample) {
          rss.add(new long[] {Math.round((now - t0) / 1e9), rssMb(serve.pid())});
          nextSample += TimeUnit.SECONDS.toNanos(1);
        }
        watch.poll(Math.min((nextSample - now) / 1_000_000, stopped ? 1000 : (stopAt - now) / 1_000_000 + 1));
        long seen = System.nanoTime();
        for (String job : watch.done()) {
          if (doneAt.putIfAbsent(job, seen) == null) {
            lastDone = seen;
          }
        }
        mapAnswers(answers, submittedAt, specOfJob);
      }
      producer.shutdownNow();
      rss.add(new long[] {Math.round((System.nanoTime() - t0) / 1e9), rssMb(serve.pid())});
      summary.check(serve.isAlive(), "the serve exited (exit " + (serve.isAlive() ? "-" : serve.exitValue()) + ")"
          + eam.tails());
      watch.readAll();
      errors = watch.errors().size();
      summary.check(errors == 0, "jobs in ERROR: " + watch.errors());
      summary.check(doneAt.size() == submitted.get(), (submitted.get() - doneAt.size())
          + " jobs not DONE " + grace.toSeconds() + " s after the last submission");
    } finally {
      producer.shutdownNow();
    }
    mapAnswers(answers, submittedAt, specOfJob);
    List<Long> latencies = new ArrayList<>();
    doneAt.forEach((job, at) -> {
      Long dropped = submittedAt.get(specOfJob.get(job));
      if (dropped != null) {
        latencies.add((at - dropped) / 1_000_000);
      }
    });
    Collections.sort(latencies);
    summary.check(latencies.size() == doneAt.size(), "jobs without a known drop time: "
        + (doneAt.size() - latencies.size()));
    long maxRss = rss.stream().mapToLong(s -> s[1]).max().orElse(-1);
    if (scale == Scale.LONG) {
      summary.check(maxRss <= MAX_RSS_MB, "RSS " + maxRss + " MB over " + MAX_RSS_MB + " MB");
    }
    ExactlyOnce.check(summary, config, wiring, submitted.get());
    for (String line : eam.read("serve.log").split("\n")) {
      summary.check(!line.contains(" ERROR ") && !line.startsWith("\tat ") && !line.contains("Exception"),
          "serve.log: " + line);
    }
    double busy = (lastDone - firstDrop) / 1e9;
    summary.figure("jobs", doneAt.size()).figure("error", errors)
        .figure("duration_s", duration.toSeconds())
        .figure("jobs_per_s", String.format("%.2f", busy > 0 ? doneAt.size() / busy : 0))
        .figure("p50_ms", percentile(latencies, 50)).figure("p95_ms", percentile(latencies, 95))
        .figure("p99_ms", percentile(latencies, 99))
        .figure("max_ms", latencies.isEmpty() ? -1 : latencies.get(latencies.size() - 1))
        .figure("rss_start_mb", rss.get(0)[1]).figure("rss_max_mb", maxRss)
        .figure("rss_end_mb", rss.get(rss.size() - 1)[1]).figure("rss_mb_at_s", points(rss));
    summary.finish();
  }

  /** The job id of each answered spec (the answer names it), for the specs not yet mapped. */
  private static void mapAnswers(Path answers, Map<String, Long> submittedAt, Map<String, String> specOfJob) {
    if (specOfJob.size() == submittedAt.size()) {
      return;
    }
    var mapped = new HashSet<>(specOfJob.values());
    for (String name : submittedAt.keySet()) {
      Path answer = answers.resolve(name + ".result.json");
      if (!mapped.contains(name) && Files.isRegularFile(answer)) {
        try {
          specOfJob.put(Json.read(answer).path("job_id").asText(), name);
        } catch (RuntimeException e) {
          // being renamed into place: read at the next change
        }
      }
    }
  }

  private static long percentile(List<Long> sorted, int p) {
    if (sorted.isEmpty()) {
      return -1;
    }
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
  }

  /** About six RSS samples spread over the run, {@code second:MB} joined by commas. */
  private static String points(List<long[]> rss) {
    int step = Math.max(1, rss.size() / 6);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < rss.size(); i += step) {
      out.add(rss.get(i)[0] + ":" + rss.get(i)[1]);
    }
    long[] last = rss.get(rss.size() - 1);
    String end = last[0] + ":" + last[1];
    if ((rss.size() - 1) % step != 0 && !out.get(out.size() - 1).startsWith(last[0] + ":")) {
      out.add(end);
    }
    return String.join(",", out);
  }

  /** The resident set of a process, from /proc (Linux); -1 when it is gone. */
  private static long rssMb(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
        }
      }
    } catch (IOException e) {
      // the process is gone
    }
    return -1;
  }
}
