package io.quanteam.eam.data;

/** Which symbols a snapshot may hold: short tickers that are safe in file names, URLs and CSV cells. */
public final class Symbols {
  public static final String RULE = "1 to 32 characters of A-Z a-z 0-9 . _ - ^ =";

  private Symbols() {}

  public static boolean isValid(String symbol) {
    int n = symbol.length();
    if (n < 1 || n > 32) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      char c = symbol.charAt(i);
      boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.'
          || c == '_' || c == '-' || c == '^' || c == '=';
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}
