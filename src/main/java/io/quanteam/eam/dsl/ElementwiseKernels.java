package io.quanteam.eam.dsl;

import java.util.Arrays;

/**
 * Bar-by-bar column kernels (no look-back). Each returns a new array; inputs are never written. NaN marks a
 * missing number: arithmetic propagates it, comparisons with it are false.
 */
final class ElementwiseKernels {
  private ElementwiseKernels() {}

  static double[] fill(int n, double value) {
    double[] out = new double[n];
    Arrays.fill(out, value);
    return out;
  }

  static boolean[] fill(int n, boolean value) {
    boolean[] out = new boolean[n];
    if (value) {
      Arrays.fill(out, true);
    }
    return out;
  }

  /** add, sub, mul, div (b == 0 → NaN), min, max (NaN if either operand is NaN). */
  static double[] binary(OpCode op, double[] a, double[] b) {
    int n = a.length;
    double[] out = new double[n];
    switch (op) {
      case ADD -> {
        for (int t = 0; t < n; t++) {
          out[t] = a[t] + b[t];
        }
      }
      case SUB -> {
        for (int t = 0; t < n; t++) {
          out[t] = a[t] - b[t];
        }
      }
      case MUL -> {
        for (int t = 0; t < n; t++) {
          out[t] = a[t] * b[t];
        }
      }
      case DIV -> {
        for (int t = 0; t < n; t++) {
          out[t] = b[t] == 0.0 ? Double.NaN : a[t] / b[t];
        }
      }
      case MIN -> {
        for (int t = 0; t < n; t++) {
          out[t] = Math.min(a[t], b[t]);
        }
      }
      case MAX -> {
        for (int t = 0; t < n; t++) {
          out[t] = Math.max(a[t], b[t]);
        }
      }
      default -> throw new IllegalArgumentException("not a binary arithmetic op: " + op);
    }
    return out;
  }

  /** neg, abs. */
  static double[] unary(OpCode op, double[] a) {
    int n = a.length;
    double[] out = new double[n];
    switch (op) {
      case NEG -> {
        for (int t = 0; t < n; t++) {
          out[t] = -a[t];
        }
      }
      case ABS -> {
        for (int t = 0; t < n; t++) {
          out[t] = Math.abs(a[t]);
        }
      }
      default -> throw new IllegalArgumentException("not a unary arithmetic op: " + op);
    }
    return out;
  }

  /** gt ge lt le eq ne; every comparison with a NaN operand is false, {@code ne} included. */
  static boolean[] compare(OpCode op, double[] a, double[] b) {
    int n = a.length;
    boolean[] out = new boolean[n];
    switch (op) {
      case GT -> {
        for (int t = 0; t < n; t++) {
          out[t] = a[t] > b[t];
        }
      }
      case GE -> {
        for (int t = 0; t < n; t++) {
          out[t] = a[t] >= b[t];
        }
      }
      case LT -> {
        for (int t = 0; t < n; t++) {
          out[t] = a[t] < b[t];
        }
      }
      case LE -> {
        for (int t = 0; t < n; t++) {
          out[t] = a[t] <= b[t];
        }
      }
      case EQ -> {
        for (int t = 0; t < n; t++) {
          out[t] = a[t] == b[t];
        }
      }
      case NE -> {
        // Java's != is true for NaN; "less or greater" is the NaN-false inequality the DSL defines.
        for (int t = 0; t < n; t++) {
          out[t] = a[t] < b[t] || a[t] > b[t];
        }
      }
      default -> throw new IllegalArgumentException("not a comparison: " + op);
    }
    return out;
  }

  static boolean[] and(boolean[][] args) {
    boolean[] out = args[0].clone();
    for (int k = 1; k < args.length; k++) {
      boolean[] b = args[k];
      for (int t = 0; t < out.length; t++) {
        out[t] &= b[t];
      }
    }
    return out;
  }

  static boolean[] or(boolean[][] args) {
    boolean[] out = args[0].clone();
    for (int k = 1; k < args.length; k++) {
      boolean[] b = args[k];
      for (int t = 0; t < out.length; t++) {
        out[t] |= b[t];
      }
    }
    return out;
  }

  static boolean[] not(boolean[] a) {
    boolean[] out = new boolean[a.length];
    for (int t = 0; t < a.length; t++) {
      out[t] = !a[t];
    }
    return out;
  }
}
