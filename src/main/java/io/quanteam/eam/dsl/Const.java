package io.quanteam.eam.dsl;

/** A literal: a number ({@code type == NUMBER}, value in {@code number}) or a boolean (value in {@code bool}). */
public record Const(String pointer, ValueType type, double number, boolean bool) implements Node {

  public static Const ofNumber(String pointer, double value) {
    return new Const(pointer, ValueType.NUMBER, value, false);
  }

  public static Const ofBoolean(String pointer, boolean value) {
    return new Const(pointer, ValueType.BOOLEAN, Double.NaN, value);
  }
}
