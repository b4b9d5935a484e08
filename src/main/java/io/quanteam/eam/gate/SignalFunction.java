package io.quanteam.eam.gate;

import io.quanteam.eam.data.SymbolBars;
import io.quanteam.eam.dsl.SignalValues;

/**
 * Bars → raw entry/exit signals, one per bar. In production the run's DSL program ({@code program::evaluate});
 * the look-ahead check treats it as a black box and tests it by truncating its input.
 */
@FunctionalInterface
public interface SignalFunction {
  SignalValues apply(SymbolBars bars);
}
