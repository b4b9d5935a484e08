package io.quanteam.eam.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class PythonFloatsTest {

  @Test
  void matchesCPythonReprOnNineThousandDoubles() throws IOException {
    List<String> mismatches = new ArrayList<>();
    String[] lines = CanonicalJsonTest.resource("/golden/python_float_repr.txt").split("\n");
    int checked = 0;
    for (String line : lines) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] parts = line.split(" ");
      double v = Double.longBitsToDouble(Long.parseUnsignedLong(parts[0], 16));
      String got = PythonFloats.repr(v);
      if (!got.equals(parts[1])) {
        mismatches.add(parts[1] + " -> " + got);
      }
      checked++;
    }
    assertThat(checked).isGreaterThan(9000);
    assertThat(mismatches).isEmpty();
  }

  @Test
  void handCheckedForms() {
    assertThat(PythonFloats.repr(1e16)).isEqualTo("1e+16");
    assertThat(PythonFloats.repr(1e15)).isEqualTo("1000000000000000.0");
    assertThat(PythonFloats.repr(1e-5)).isEqualTo("1e-05");
    assertThat(PythonFloats.repr(0.0001)).isEqualTo("0.0001");
    assertThat(PythonFloats.repr(Double.MIN_VALUE)).isEqualTo("5e-324");
    assertThat(PythonFloats.repr(-0.0)).isEqualTo("-0.0");
    assertThat(PythonFloats.repr(2e-3)).isEqualTo("0.002");
    assertThatThrownBy(() -> PythonFloats.repr(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
  }

  @Property(tries = 20000)
  void roundTripsExactly(@ForAll double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return;
    }
    assertThat(Double.parseDouble(PythonFloats.repr(v))).isEqualTo(v);
  }
}
