package io.quanteam.eam.data;

import io.quanteam.eam.contract.InvalidInputException;
import io.quanteam.eam.contract.Violation;
import java.util.Locale;

/**
 * What an import does with an adjusted close column ({@code Adj Close}, {@code adj_close}, {@code adjusted_close}…).
 * Vendors put it next to the raw close; taking either one silently would give a backtest the wrong returns, so
 * the user chooses.
 */
public enum AdjustedClose {
  /** The default: a file with an adjusted close column is refused, naming the column and the two choices. */
  REFUSE,
  /** The raw open, high, low and close are imported; the adjusted column is not read. */
  IGNORE,
  /** Each bar's open, high, low and close are multiplied by adj_close / close (volume unchanged). */
  ADJUST;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The choice named on the command line: {@code ignore} or {@code adjust}. */
  public static AdjustedClose parse(String text) {
    if (IGNORE.id().equals(text)) {
      return IGNORE;
    }
    if (ADJUST.id().equals(text)) {
      return ADJUST;
    }
    throw new InvalidInputException(new Violation("--adj-close", "", "enum",
        "expected ignore (import the raw prices) or adjust (scale each bar by adj close / close)", text));
  }
}
