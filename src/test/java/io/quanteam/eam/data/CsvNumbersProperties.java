package io.quanteam.eam.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

class CsvNumbersProperties {
  private static double parse(String s) {
    byte[] b = s.getBytes(StandardCharsets.US_ASCII);
    return CsvNumbers.parse(b, 0, b.length);
  }

  @Property
  void everyFiniteDoubleRoundTrips(@ForAll double v) {
    if (Double.isFinite(v)) {
      assertThat(Double.doubleToRawLongBits(parse(CsvNumbers.format(v)))).isEqualTo(Double.doubleToRawLongBits(v));
    }
  }

  @Property
  void pricesRoundTrip(@ForAll @DoubleRange(min = 0, max = 1e7) double v) {
    assertThat(parse(CsvNumbers.format(v))).isEqualTo(v);
  }

  @Property
  void sixDecimalFormIsTheRoundedExactValueWhenItRoundTrips(@ForAll @DoubleRange(min = -1e12, max = 1e12) double v) {
    String six = new BigDecimal(v).setScale(6, RoundingMode.HALF_EVEN).toPlainString();
    String expected = Double.parseDouble(six) == v && Double.doubleToRawLongBits(Double.parseDouble(six))
        == Double.doubleToRawLongBits(v) ? six : io.quanteam.eam.json.PythonFloats.repr(v);
    assertThat(CsvNumbers.format(v)).isEqualTo(expected);
  }

  @Property
  void shortDecimalsFormatWithSixDigits(@ForAll @LongRange(min = -9_000_000_000_000L, max = 9_000_000_000_000L)
      long micros) {
    String text = BigDecimal.valueOf(micros, 6).toPlainString();
    assertThat(CsvNumbers.format(Double.parseDouble(text))).isEqualTo(text);
  }

  @Property
  void parsesLikeTheJdk(@ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long mantissa,
      @ForAll @IntRange(min = -40, max = 40) int exponent, @ForAll boolean negative) {
    String text = (negative ? "-" : "") + mantissa + "e" + exponent;
    assertThat(parse(text)).isEqualTo(Double.parseDouble(text));
    String decimal = (negative ? "-" : "") + BigDecimal.valueOf(mantissa, Math.floorMod(exponent, 19)).toPlainString();
    assertThat(parse(decimal)).isEqualTo(Double.parseDouble(decimal));
  }
}
