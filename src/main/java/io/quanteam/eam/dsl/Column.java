package io.quanteam.eam.dsl;

/** The values of one expression over a symbol's bars. Arrays are shared, never copied: treat them as read-only. */
public sealed interface Column permits Column.NumberColumn, Column.BoolColumn {

  int size();

  /** A numeric column; NaN marks a missing value (warm-up, missing input, division by zero). */
  record NumberColumn(double[] values) implements Column {
    @Override
    public int size() {
      return values.length;
    }
  }

  record BoolColumn(boolean[] values) implements Column {
    @Override
    public int size() {
      return values.length;
    }
  }
}
