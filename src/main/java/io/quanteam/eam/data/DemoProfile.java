package io.quanteam.eam.data;

import io.quanteam.eam.contract.InvalidInputException;
import io.quanteam.eam.contract.Violation;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The generated demo datasets. */
public enum DemoProfile {
  /** Two symbols, ten calendar days: the reference's demo, byte for byte. */
  TINY,
  /** Ten symbols, six years of business days: a seeded random walk with regimes. */
  STANDARD;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static DemoProfile parse(String text) {
    for (DemoProfile p : values()) {
      if (p.id().equals(text)) {
        return p;
      }
    }
    String known = Arrays.stream(values()).map(DemoProfile::id).collect(Collectors.joining(", "));
    throw new InvalidInputException(new Violation("--profile", "", "enum", "one of " + known, text));
  }

  DemoData generate() {
    return switch (this) {
      case TINY -> TinyDemo.generate();
      case STANDARD -> StandardDemo.generate();
    };
  }
}
