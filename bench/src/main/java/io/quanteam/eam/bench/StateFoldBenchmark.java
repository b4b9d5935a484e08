package io.quanteam.eam.bench;

import io.quanteam.eam.job.JobState;
import io.quanteam.eam.job.JobStore;
import io.quanteam.eam.json.Json;
import io.quanteam.eam.policy.PolicyStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Derives the state of a job whose {@code events.jsonl} holds 10,000 events: read the file, parse every line,
 * fold (issue 4 target: ≤ 20 ms). Run from the repository root (bench/run does): it reads policies/ and
 * contracts/examples/.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class StateFoldBenchmark {
  JobStore store;
  String jobId;

  @Setup
  public void setup() throws IOException {
    Path root = Files.createTempDirectory("eam-fold-bench");
    store = new JobStore(root.resolve("jobs"), new PolicyStore(Path.of("policies")), Clock.systemUTC());
    jobId = store.submitBlueprint(Json.read(Path.of("contracts/examples/blueprint_v1_buyhold_demo_ok.json")),
        "demo_tiny", null, null, "bench").jobId();
    StringBuilder sb = new StringBuilder();
    String[] cycle = {"RUNSPEC_COMPILED", "SPAWNED", "REGISTRY_UPDATED", "SPAWNED"};
    for (int i = 1; i < 10_000; i++) {
      sb.append("{\"event_type\":\"").append(cycle[i % cycle.length]).append("\",\"extensions\":{\"recorded_at\":")
          .append("\"2026-11-26T00:00:00+00:00\"},\"job_id\":\"").append(jobId)
          .append("\",\"outputs\":{\"n\":").append(i).append("},\"schema_version\":\"job_event_v2\"}\n");
    }
    Files.write(store.dir(jobId).resolve("events.jsonl"), sb.toString().getBytes(StandardCharsets.US_ASCII),
        StandardOpenOption.APPEND);
  }

  long touches;

  /**
   * The log's modification time moves before each call, so the store's parsed-log cache (one stat decides whether
   * a log changed) misses and every call reads, parses and folds all 10,000 lines.
   */
  @Benchmark
  public JobState readParseAndFold() throws IOException {
    Files.setLastModifiedTime(store.dir(jobId).resolve("events.jsonl"),
        java.nio.file.attribute.FileTime.fromMillis(1_000_000_000_000L + ++touches));
    return store.state(jobId);
  }

  /** What the workflow pays when the log has not changed since it was last read: one stat. */
  @Benchmark
  public JobState unchangedLog() {
    return store.state(jobId);
  }
}
