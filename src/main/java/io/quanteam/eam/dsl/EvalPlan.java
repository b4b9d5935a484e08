package io.quanteam.eam.dsl;

import io.quanteam.eam.data.SymbolBars;
import java.util.HashMap;
import java.util.Map;

/**
 * A compiled program: column slots and a topologically ordered list of steps, each filling one slot from
 * earlier ones. Running it does no parsing, no lookups per bar and no boxing; each distinct sub-expression
 * (named or not) is computed once per run. Immutable and safe to share between threads.
 */
final class EvalPlan {
  /** Computes one slot from earlier slots for a series of {@code n} bars. */
  @FunctionalInterface
  interface Step {
    void run(double[][] num, boolean[][] bool, int n);
  }

  private final int numSlots;
  private final int boolSlots;
  private final int[] fieldSlots;
  private final Step[] steps;
  private final String[] names;
  private final boolean[] namedBool;
  private final int[] namedSlots;
  private final int entrySlot;
  private final int exitSlot;

  /**
   * @param fieldSlots numeric slot of each bar field (index as in {@link Var#BAR_FIELDS}), −1 when unused
   * @param namedBool  per name: true if its slot is boolean
   */
  EvalPlan(int numSlots, int boolSlots, int[] fieldSlots, Step[] steps, String[] names, boolean[] namedBool,
      int[] namedSlots, int entrySlot, int exitSlot) {
    this.numSlots = numSlots;
    this.boolSlots = boolSlots;
    this.fieldSlots = fieldSlots.clone();
    this.steps = steps.clone();
    this.names = names.clone();
    this.namedBool = namedBool.clone();
    this.namedSlots = namedSlots.clone();
    this.entrySlot = entrySlot;
    this.exitSlot = exitSlot;
  }

  SignalValues run(SymbolBars bars) {
    int n = bars.size();
    double[][] num = new double[numSlots][];
    boolean[][] bool = new boolean[boolSlots][];
    double[][] fields = {bars.open(), bars.high(), bars.low(), bars.close(), bars.volume()};
    for (int f = 0; f < fieldSlots.length; f++) {
      if (fieldSlots[f] >= 0) {
        num[fieldSlots[f]] = fields[f];
      }
    }
    for (Step step : steps) {
      step.run(num, bool, n);
    }
    Map<String, Column> named = new HashMap<>();
    for (int i = 0; i < names.length; i++) {
      int slot = namedSlots[i];
      if (namedBool[i]) {
        named.put(names[i], new Column.BoolColumn(bool[slot]));
      } else {
        // A name that is just a bar field must not hand out the caller's own array.
        named.put(names[i], new Column.NumberColumn(isField(slot) ? num[slot].clone() : num[slot]));
      }
    }
    return new SignalValues(bool[entrySlot], bool[exitSlot], named);
  }

  private boolean isField(int slot) {
    for (int f : fieldSlots) {
      if (f == slot) {
        return true;
      }
    }
    return false;
  }
}
