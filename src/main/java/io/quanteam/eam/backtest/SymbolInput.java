package io.quanteam.eam.backtest;

import io.quanteam.eam.data.SymbolBars;
import java.util.Objects;

/**
 * One symbol's bars visible as of the segment (warm-up history before the segment start included) and its
 * raw, un-lagged entry and exit signals, aligned bar for bar.
 */
public record SymbolInput(SymbolBars bars, boolean[] entryRaw, boolean[] exitRaw) {
  public SymbolInput {
    Objects.requireNonNull(bars, "bars");
    if (entryRaw.length != bars.size() || exitRaw.length != bars.size()) {
      throw new IllegalArgumentException("signals of " + bars.symbol() + " have " + entryRaw.length + "/"
          + exitRaw.length + " values for " + bars.size() + " bars");
    }
  }

  public String symbol() {
    return bars.symbol();
  }
}
