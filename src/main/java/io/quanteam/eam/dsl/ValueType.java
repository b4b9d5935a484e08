package io.quanteam.eam.dsl;

/** The two value types of the signal DSL: every column is either numbers (NaN = missing) or booleans. */
public enum ValueType {
  NUMBER,
  BOOLEAN;

  String word() {
    return this == NUMBER ? "number" : "boolean";
  }
}
