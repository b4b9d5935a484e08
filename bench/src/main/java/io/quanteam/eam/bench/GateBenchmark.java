package io.quanteam.eam.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quanteam.eam.backtest.DossierWriter;
import io.quanteam.eam.backtest.RunSetup;
import io.quanteam.eam.compile.BlueprintCompiler;
import io.quanteam.eam.contract.Contracts;
import io.quanteam.eam.data.ImportRequest;
import io.quanteam.eam.data.SnapshotStore;
import io.quanteam.eam.gate.DsrTrials;
import io.quanteam.eam.gate.GateRunner;
import io.quanteam.eam.gate.PriorTrial;
import io.quanteam.eam.gate.TrialSource;
import io.quanteam.eam.json.CanonicalJson;
import io.quanteam.eam.json.Json;
import io.quanteam.eam.policy.PolicyStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The full default gate suite (gate_suite_v1_default) on a 10-symbol × 2,500-bar SMA(10)/SMA(30) crossover run
 * with a fixed split (train 2010–2012, test 2013–2015, holdout 2016): dossier check, snapshot verification,
 * look-ahead cuts, the determinism, delay, cost and holdout re-runs, risk and leak scan. The dossier is written
 * once at set-up. {@code evaluate} excludes writing; {@code evaluateValidateRender} adds the gate_results_v2
 * validation and the canonical bytes of both files (everything {@code GateRunner.run} does except the two file
 * writes). Run from the repository root ({@code policies/} and {@code contracts/} are read from there):
 * {@code bench/run GateBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xms1g", "-Xmx1g"})
public class GateBenchmark {
  static final int SYMBOLS = 10;
  static final int BARS = 2_500;
  static final LocalDate DAY0 = LocalDate.of(2010, 1, 1);

  Path root;
  Path dossier;
  GateRunner runner;
  DsrTrials trials = new DsrTrials("bench", TrialSource.of(List.of(new PriorTrial("bench_run_1", "bench_comp_1", 0.01),
      new PriorTrial("bench_run_2", "bench_comp_2", 0.03))));

  @Setup
  public void setup() throws IOException {
    root = Files.createTempDirectory("gate-bench-");
    SnapshotStore snapshots = new SnapshotStore(root.resolve("data"),
        Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));
    Path csv = root.resolve("bars.csv");
    Files.writeString(csv, csv());
    snapshots.importCsv(ImportRequest.of("bench", csv));
    PolicyStore policies = new PolicyStore(Path.of("policies"));
    ObjectNode bp = (ObjectNode) Json.read(Path.of("contracts/examples/blueprint_v1_ma_crossover_ok.json"));
    ObjectNode universe = (ObjectNode) bp.get("universe");
    universe.put("timezone", "UTC");
    var symbols = universe.putArray("symbols");
    for (int s = 0; s < SYMBOLS; s++) {
      symbols.add("S" + s);
    }
    ObjectNode protocol = bp.putObject("evaluation_protocol");
    protocol.put("protocol", "fixed_split");
    ObjectNode segs = protocol.putObject("segments");
    segs.putObject("train").put("start", "2010-01-01").put("end", "2012-12-31");
    segs.putObject("test").put("start", "2013-01-01").put("end", "2015-12-31");
    segs.putObject("holdout").put("start", "2016-01-01").put("end", "2016-11-04");
    protocol.putObject("purge").put("days", 0);
    protocol.putObject("embargo").put("days", 0);
    protocol.put("gate_suite_id", "gate_suite_v1_default");
    bp.put("policy_bundle_id", "policy_bundle_v1_default"); // the suite docs/gates.md measures
    ObjectNode runspec = new BlueprintCompiler(policies, snapshots)
        .compile(bp, "bench", "policies/policy_bundle_v1.yaml", "bench blueprint").runspec();
    RunSetup setup = RunSetup.prepare(runspec, "bench runspec", snapshots, policies);
    dossier = new DossierWriter(root.resolve("dossiers"), "bench", null).write(setup).dir();
    runner = new GateRunner(snapshots, policies);
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  @Benchmark
  public Object evaluate() {
    return runner.evaluate(dossier, trials);
  }

  @Benchmark
  public int evaluateValidateRender() {
    GateRunner.Evaluation e = runner.evaluate(dossier, trials);
    Contracts.shared().require(e.gateResults(), "gate_results_v2", "bench");
    return CanonicalJson.prettyBytes(e.gateResults()).length
        + e.riskReport().map(r -> CanonicalJson.prettyBytes(r).length).orElse(0);
  }

  static String csv() {
    StringBuilder sb = new StringBuilder(SYMBOLS * BARS * 64).append("symbol,dt,open,high,low,close,volume\n");
    for (int s = 0; s < SYMBOLS; s++) {
      SplittableRandom rnd = new SplittableRandom(42 + s);
      double price = 100;
      for (int i = 0; i < BARS; i++) {
        double open = price;
        price *= 1 + (rnd.nextDouble() - 0.495) * 0.04;
        sb.append('S').append(s).append(',').append(DAY0.plusDays(i)).append(',').append(open).append(',')
            .append(Math.max(open, price) * 1.01).append(',').append(Math.min(open, price) * 0.99).append(',')
            .append(price).append(",1000\n");
      }
    }
    return sb.toString();
  }
}
