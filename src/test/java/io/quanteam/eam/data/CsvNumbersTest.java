package io.quanteam.eam.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CsvNumbersTest {
  private static double parse(String s) {
    byte[] b = s.getBytes(StandardCharsets.US_ASCII);
    return CsvNumbers.parse(b, 0, b.length);
  }

  @Test
  void sixDecimalsWhenLosslessElsePythonRepr() {
    assertThat(CsvNumbers.format(100.3)).isEqualTo("100.300000");
    assertThat(CsvNumbers.format(1000.0)).isEqualTo("1000.000000");
    assertThat(CsvNumbers.format(-1.5)).isEqualTo("-1.500000");
    assertThat(CsvNumbers.format(0.0)).isEqualTo("0.000000");
    assertThat(CsvNumbers.format(0.1 + 0.2)).isEqualTo("0.30000000000000004");
    assertThat(CsvNumbers.format(123.4567891)).isEqualTo("123.4567891");
    assertThat(CsvNumbers.format(1e-7)).isEqualTo("1e-07");
    assertThat(CsvNumbers.format(-0.0)).isEqualTo("-0.0");
    assertThat(CsvNumbers.format(123456789012.25)).isEqualTo("123456789012.250000");
    assertThat(CsvNumbers.format(1e20)).isEqualTo("1e+20");
    assertThat(CsvNumbers.format(1e300)).isEqualTo("1e+300");
    assertThat(CsvNumbers.format(Double.NaN)).isEmpty();
  }

  @Test
  void parsesStrictDecimals() {
    assertThat(parse("1.5")).isEqualTo(1.5);
    assertThat(parse("-2e3")).isEqualTo(-2000.0);
    assertThat(parse("+.5")).isEqualTo(0.5);
    assertThat(parse("5.")).isEqualTo(5.0);
    assertThat(parse("100.300000")).isEqualTo(100.3);
    assertThat(parse("0.30000000000000004")).isEqualTo(0.1 + 0.2);
    assertThat(parse("1e-07")).isEqualTo(1e-7);
    assertThat(parse("123456789012345678901.5")).isEqualTo(1.234567890123456789015e20);
    assertThat(parse("-0.0")).isEqualTo(-0.0);
    for (String bad : new String[] {"", ".", "-", "abc", "1e", "1e+", "1.2.3", "1,5", "0x10", "1d", "1f",
        "Infinity", "NaN", "1e999", " 1"}) {
      assertThat(parse(bad)).as(bad).isNaN();
    }
  }
}
