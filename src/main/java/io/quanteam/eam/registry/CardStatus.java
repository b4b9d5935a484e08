package io.quanteam.eam.registry;

import io.quanteam.eam.contract.InvalidInputException;
import io.quanteam.eam.contract.Violation;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Where a card stands; promotion moves it exactly one step along draft → challenger → champion → retired. */
public enum CardStatus {
  DRAFT, CHALLENGER, CHAMPION, RETIRED;

  /** The name as written in events and accepted on the command line. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The only status this one may be promoted to, or null for retired (the end). */
  public CardStatus next() {
    return this == RETIRED ? null : values()[ordinal() + 1];
  }

  public static CardStatus parse(String text, String source) {
    for (CardStatus s : values()) {
      if (s.wire().equals(text)) {
        return s;
      }
    }
    throw new InvalidInputException(new Violation(source, "", "unknown_status", "expected one of "
        + Arrays.stream(values()).map(CardStatus::wire).collect(Collectors.joining(", ")), text));
  }
}
