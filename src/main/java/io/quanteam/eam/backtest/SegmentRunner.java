package io.quanteam.eam.backtest;

import io.quanteam.eam.compile.Segment;
import io.quanteam.eam.data.SymbolBars;
import io.quanteam.eam.dsl.SignalValues;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs one segment of a prepared runspec: for each symbol, the bars visible as of the segment (warm-up history
 * included), the DSL signals over them, then the engine.
 */
public final class SegmentRunner {
  private SegmentRunner() {}

  public static List<SymbolInput> inputs(RunSetup setup, Segment segment) {
    long asOf = segment.asOfEpochSecond();
    List<SymbolInput> inputs = new ArrayList<>(setup.symbols().size());
    for (String symbol : setup.symbols()) {
      SymbolBars bars = setup.snapshot().bars().get(symbol).visibleAsOf(asOf);
      SignalValues signals = setup.program().evaluate(bars);
      inputs.add(new SymbolInput(bars, signals.entry(), signals.exit()));
    }
    return inputs;
  }

  public static BacktestResult run(RunSetup setup, Segment segment, int lagBars, CostModel costs,
      Recording recording) {
    return BacktestEngine.run(inputs(setup, segment), window(segment), lagBars, costs, setup.timing(), setup.clock(),
        recording);
  }

  public static BacktestResult run(RunSetup setup, Segment segment, Recording recording) {
    return run(setup, segment, setup.lagBars(), setup.costs(), recording);
  }

  public static SegmentWindow window(Segment segment) {
    return new SegmentWindow(segment.segmentId(), segment.start(), segment.end());
  }
}
