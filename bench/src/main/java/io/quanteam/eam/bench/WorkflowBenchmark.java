package io.quanteam.eam.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quanteam.eam.app.EamConfig;
import io.quanteam.eam.app.EamDaemon;
import io.quanteam.eam.app.EamWiring;
import io.quanteam.eam.app.EamWorker;
import io.quanteam.eam.data.DemoProfile;
import io.quanteam.eam.job.EventType;
import io.quanteam.eam.job.JobEvent;
import io.quanteam.eam.job.JobStore;
import io.quanteam.eam.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The workflow's speed targets, measured end to end on a fresh root under {@code target/} with fsync on and the
 * tiny demo snapshot (a plain main, not JMH: each figure is one long run of real files, not a micro-benchmark).
 *
 * <pre>
 *   throughput N  submit N blueprint jobs, worker pass, approve all, worker pass: jobs/s to DONE
 *   idle N        N jobs waiting for approval: time of worker passes that find nothing to do
 *   latency N     daemon: APPROVED appended → RUN_COMPLETED appended, p50/p99 over N approvals
 * </pre>
 * Run from the repository root (bench/workflow does): it reads policies/ and contracts/examples/.
 */
public final class WorkflowBenchmark {
  private final Path home;
  private final EamConfig config;

  private WorkflowBenchmark(Path home) {
    this.home = home;
    Map<String, String> env = new HashMap<>();
    env.put("EAM_HOME", home.toString());
    env.put("EAM_POLICIES_ROOT", Path.of("policies").toAbsolutePath().toString());
    this.config = EamConfig.from(env, new Properties());
  }

  public static void main(String[] args) throws Exception {
    String what = args.length > 0 ? args[0] : "all";
    int n = args.length > 1 ? Integer.parseInt(args[1]) : 0;
    Path base = Files.createDirectories(Path.of("bench/target/workflow"));
    if (what.equals("throughput") || what.equals("all")) {
      fresh(base, "throughput").throughput(n > 0 ? n : 1000);
    }
    if (what.equals("idle") || what.equals("all")) {
      fresh(base, "idle").idle(n > 0 ? n : 10_000);
    }
    if (what.equals("latency") || what.equals("all")) {
      fresh(base, "latency").latency(n > 0 ? n : 200);
    }
    System.exit(0);
  }

  private static WorkflowBenchmark fresh(Path base, String name) throws Exception {
    Path home = base.resolve(name + "-" + System.nanoTime());
    Files.createDirectories(home);
    WorkflowBenchmark b = new WorkflowBenchmark(home);
    EamWiring.create(b.config).snapshots().createDemo("demo_tiny", DemoProfile.TINY);
    return b;
  }

  private static ObjectNode blueprint(int i) {
    ObjectNode bp = (ObjectNode) Json.read(Path.of("contracts/examples/blueprint_v1_buyhold_demo_ok.json"));
    return bp.put("title", "bench job " + i);
  }

  /** Submits N distinct blueprint jobs, {@link #THREADS} at a time, as that many clients would. */
  private List<String> submit(JobStore jobs, int n) {
    List<ObjectNode> blueprints = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      blueprints.add(blueprint(i));
    }
    return inParallel(blueprints, bp -> jobs.submitBlueprint(bp, "demo_tiny", null, null, "bench").jobId());
  }

  /** Applies {@code task} to every item, {@link #THREADS} at a time; results in the items' order. */
  private static <T, R> List<R> inParallel(List<T> items, java.util.function.Function<T, R> task) {
    if (THREADS <= 1) {
      return items.stream().map(task).toList();
    }
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      List<Future<R>> fs = new ArrayList<>();
      for (T item : items) {
        fs.add(pool.submit(() -> task.apply(item)));
      }
      List<R> out = new ArrayList<>();
      for (Future<R> f : fs) {
        out.add(f.get());
      }
      return out;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    } finally {
      pool.shutdown();
    }
  }

  /**
   * {@code -Dthreads=N}: jobs advanced at once, as {@code eam worker --threads N} (default 4, the worker's); also the
   * number of clients submitting and approving at once.
   */
  private static final int THREADS = Integer.getInteger("threads", 4);

  private static void pass(EamWorker worker) {
    inParallel(worker.jobIds(), worker::advance);
  }

  private void throughput(int n) {
    try (EamWorker worker = EamWorker.start(config)) {
      warmUp(worker);
      JobStore jobs = worker.wiring().jobs();
      long[] cpu0 = MachineCpu.read();
      long t0 = System.nanoTime();
      List<String> ids = submit(jobs, n);
      long t1 = System.nanoTime();
      pass(worker);
      long t2 = System.nanoTime();
      inParallel(ids, id -> jobs.approve(id, "runspec", "bench"));
      long t3 = System.nanoTime();
      pass(worker);
      long t4 = System.nanoTime();
      long[] cpu1 = MachineCpu.read();
      long done = ids.stream().filter(id -> jobs.state(id).phase().terminal()).count();
      double seconds = (t4 - t0) / 1e9;
      System.out.printf("throughput: %d jobs submitted → DONE (%d terminal) in %.2f s = %.0f jobs/s%n", n, done,
          seconds, n / seconds);
      System.out.printf("  submit %.2f s, pass to checkpoint %.2f s, approve %.2f s, pass to DONE %.2f s%n",
          (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9, (t4 - t3) / 1e9);
      System.out.println("  " + MachineCpu.describe(cpu0, cpu1, n));
    }
  }

  /** A few jobs through every stage first, so the JIT and the caches are warm as in a running process. */
  private void warmUp(EamWorker worker) {
    JobStore jobs = worker.wiring().jobs();
    for (int i = 0; i < 20; i++) {
      String id = jobs.submitBlueprint(blueprint(-1 - i), "demo_tiny", null, null, "warm-up").jobId();
      worker.advance(id);
      jobs.approve(id, "runspec", "bench");
      worker.advance(id);
    }
  }

  private void idle(int n) {
    try (EamWorker worker = EamWorker.start(config)) {
      JobStore jobs = worker.wiring().jobs();
      submit(jobs, n);
      long s0 = System.nanoTime();
      pass(worker);
      long s1 = System.nanoTime();
      System.out.printf("idle: set-up pass (compile + checkpoint of %d jobs) %.1f s%n", n, (s1 - s0) / 1e9);
      double[] times = new double[5];
      for (int i = 0; i < times.length; i++) {
        long t0 = System.nanoTime();
        pass(worker);
        times[i] = (System.nanoTime() - t0) / 1e9;
      }
      System.out.printf("idle: pass over %d waiting jobs, same process: %s s%n", n,
          Arrays.toString(Arrays.stream(times).map(t -> Math.round(t * 1000) / 1000.0).toArray()));
    }
    try (EamWorker fresh = EamWorker.start(config)) {
      long t0 = System.nanoTime();
      pass(fresh);
      System.out.printf("idle: first pass of a new worker (every state folded from its log) %.3f s%n",
          (System.nanoTime() - t0) / 1e9);
    }
  }

  private void latency(int n) throws Exception {
    EamWiring setup = EamWiring.create(config);
    List<String> ids = submit(setup.jobs(), n + 20);
    try (EamWorker worker = EamWorker.start(config)) {
      pass(worker);
    }
    EamDaemon daemon = EamDaemon.create(config, "eam-bench");
    daemon.start();
    try {
      JobStore jobs = setup.jobs();
      long[] micros = new long[n];
      for (int i = 0; i < n + 20; i++) {
        String id = ids.get(i);
        Path events = jobs.dir(id).resolve("events.jsonl");
        jobs.approve(id, "runspec", "bench");
        long approved = System.nanoTime();
        long seen = awaitEvent(jobs, id, events, EventType.RUN_COMPLETED);
        awaitEvent(jobs, id, events, EventType.DONE);
        if (i >= 20) {
          micros[i - 20] = (seen - approved) / 1000;
        }
      }
      Arrays.sort(micros);
      System.out.printf("latency: APPROVED appended → RUN_COMPLETED appended over %d approvals (after 20 warm-up): "
          + "p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms%n", n, micros[n / 2] / 1000.0,
          micros[(int) (n * 0.9)] / 1000.0, micros[Math.min(n - 1, (int) Math.ceil(n * 0.99) - 1)] / 1000.0,
          micros[n - 1] / 1000.0);
    } finally {
      daemon.stop();
    }
  }

  /** Spins on the log's size (50 µs naps) until an event of {@code type} is in it; returns when it was seen. */
  private static long awaitEvent(JobStore jobs, String id, Path events, EventType type) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    long size = -1;
    while (System.nanoTime() < deadline) {
      long now = Files.size(events);
      if (now != size) {
        size = now;
        for (JobEvent e : jobs.events(id).list()) {
          if (e.type() == type) {
            return System.nanoTime();
          }
        }
      }
      LockSupport.parkNanos(50_000);
    }
    throw new IllegalStateException("job " + id + " has no " + type + " after 30 s");
  }
}
