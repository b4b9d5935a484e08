package io.quanteam.eam.dsl;

import static org.assertj.core.api.Assertions.assertThat;

/** Array comparison where NaN must meet NaN and numbers must agree to a relative tolerance. */
final class Close {
  private Close() {}

  static void assertClose(double[] actual, double... expected) {
    assertClose(1e-12, actual, expected);
  }

  static void assertClose(double relTol, double[] actual, double... expected) {
    assertThat(actual).hasSameSizeAs(expected);
    for (int t = 0; t < expected.length; t++) {
      if (Double.isNaN(expected[t])) {
        assertThat(actual[t]).as("index %d", t).isNaN();
      } else {
        double tol = relTol * Math.max(1.0, Math.abs(expected[t]));
        assertThat(actual[t]).as("index %d", t).isCloseTo(expected[t], org.assertj.core.data.Offset.offset(tol));
      }
    }
  }
}
