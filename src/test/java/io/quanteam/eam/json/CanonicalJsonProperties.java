package io.quanteam.eam.json;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.StringLength;

class CanonicalJsonProperties {

  /** Key order is code point order (Python's), checked against a plain code point comparison. */
  @Property(tries = 5000)
  void keysCompareByCodePoint(
      @ForAll @StringLength(max = 6) @CharRange(from = 'a', to = 'c') @CharRange(from = '\uD800', to = '\uDFFF')
      @CharRange(from = '\uE000', to = '\uE002') String a,
      @ForAll @StringLength(max = 6) @CharRange(from = 'a', to = 'c') @CharRange(from = '\uD800', to = '\uDFFF')
      @CharRange(from = '\uE000', to = '\uE002') String b) {
    assertThat(Integer.signum(CanonicalJson.compareCodePoints(a, b))).isEqualTo(Integer.signum(reference(a, b)));
  }

  private static int reference(String a, String b) {
    int[] x = a.codePoints().toArray();
    int[] y = b.codePoints().toArray();
    for (int i = 0; i < Math.min(x.length, y.length); i++) {
      if (x[i] != y[i]) {
        return Integer.compare(x[i], y[i]);
      }
    }
    return Integer.compare(x.length, y.length);
  }
}
