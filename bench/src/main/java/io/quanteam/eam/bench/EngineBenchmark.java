package io.quanteam.eam.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.quanteam.eam.backtest.BacktestEngine;
import io.quanteam.eam.backtest.BacktestResult;
import io.quanteam.eam.backtest.CostModel;
import io.quanteam.eam.backtest.FillTiming;
import io.quanteam.eam.backtest.Recording;
import io.quanteam.eam.backtest.SegmentWindow;
import io.quanteam.eam.backtest.SymbolInput;
import io.quanteam.eam.data.SymbolBars;
import io.quanteam.eam.dsl.SignalDsl;
import io.quanteam.eam.dsl.SignalProgram;
import io.quanteam.eam.dsl.SignalValues;
import io.quanteam.eam.json.Json;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * 100 symbols × 10,000 bars, SMA(10)/SMA(30) crossover with default costs: DSL evaluation plus engine, single
 * thread. Throughput is reported per symbol-bar (one operation = one symbol-bar). The bars are published at their
 * close (16:00 UTC), so the point-in-time rule takes its cheap on-time check; {@code ...LateData} publishes every
 * bar a day late, which takes the exact deferral pass for every symbol.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xms2g", "-Xmx2g"})
public class EngineBenchmark {
  static final int SYMBOLS = 100;
  static final int BARS = 10_000;

  static final String DSL = """
      {"dsl_version": "signal_dsl_v1", "params": {"fast": 10, "slow": 30},
       "expressions": {
         "fast_ma": {"type": "op", "op": "sma", "args": [{"type": "var", "var_id": "close"}, {"type": "param", "param_id": "fast"}]},
         "slow_ma": {"type": "op", "op": "sma", "args": [{"type": "var", "var_id": "close"}, {"type": "param", "param_id": "slow"}]},
         "entry": {"type": "op", "op": "cross_above", "args": [{"type": "var", "var_id": "fast_ma"}, {"type": "var", "var_id": "slow_ma"}]},
         "exit": {"type": "op", "op": "cross_below", "args": [{"type": "var", "var_id": "fast_ma"}, {"type": "var", "var_id": "slow_ma"}]}},
       "signals": {"entry": "entry", "exit": "exit"},
       "execution": {"order_timing": "next_open", "cost_model": {"ref_policy": true}}}
      """;

  List<SymbolBars> bars;
  List<SymbolBars> lateBars;
  SignalProgram program;
  SegmentWindow window;
  CostModel costs = new CostModel(1.0, 2.0, 0.0, 0.0);

  @Setup
  public void setup() {
    JsonNode dsl = Json.parse(DSL, "benchmark DSL");
    program = SignalDsl.parse(dsl, "benchmark DSL");
    bars = new ArrayList<>();
    lateBars = new ArrayList<>();
    int day0 = (int) LocalDate.of(1990, 1, 1).toEpochDay();
    for (int s = 0; s < SYMBOLS; s++) {
      SplittableRandom rnd = new SplittableRandom(42 + s);
      int[] days = new int[BARS];
      double[] open = new double[BARS];
      double[] high = new double[BARS];
      double[] low = new double[BARS];
      double[] close = new double[BARS];
      double[] volume = new double[BARS];
      long[] avail = new long[BARS];
      double price = 100;
      for (int i = 0; i < BARS; i++) {
        days[i] = day0 + i;
        open[i] = price;
        price *= 1 + (rnd.nextDouble() - 0.495) * 0.04;
        close[i] = price;
        high[i] = Math.max(open[i], close[i]) * 1.01;
        low[i] = Math.min(open[i], close[i]) * 0.99;
        volume[i] = 1000;
        avail[i] = (long) days[i] * 86_400 + 57_600;
      }
      bars.add(new SymbolBars("S" + s, days, open, high, low, close, volume, avail));
      long[] late = avail.clone();
      for (int i = 0; i < BARS; i++) {
        late[i] += 86_400;
      }
      lateBars.add(new SymbolBars("S" + s, days, open, high, low, close, volume, late));
    }
    window = new SegmentWindow("bench", LocalDate.ofEpochDay(day0), LocalDate.ofEpochDay(day0 + BARS - 1));
  }

  @Benchmark
  @OperationsPerInvocation(SYMBOLS * BARS)
  public double dslAndEngineCurveOnly() {
    return run(Recording.CURVE_ONLY).totalReturn();
  }

  @Benchmark
  @OperationsPerInvocation(SYMBOLS * BARS)
  public double dslAndEngineFullRecording() {
    return run(Recording.FULL).totalReturn();
  }

  @Benchmark
  @OperationsPerInvocation(SYMBOLS * BARS)
  public double dslAndEngineCurveOnlyLateData() {
    return run(lateBars, Recording.CURVE_ONLY).totalReturn();
  }

  private BacktestResult run(Recording recording) {
    return run(bars, recording);
  }

  private BacktestResult run(List<SymbolBars> symbols, Recording recording) {
    List<SymbolInput> inputs = new ArrayList<>(SYMBOLS);
    for (SymbolBars b : symbols) {
      SignalValues v = program.evaluate(b);
      inputs.add(new SymbolInput(b, v.entry(), v.exit()));
    }
    return BacktestEngine.run(inputs, window, 1, costs, FillTiming.NEXT_OPEN, recording);
  }
}
