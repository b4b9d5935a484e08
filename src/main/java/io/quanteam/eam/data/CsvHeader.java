package io.quanteam.eam.data;

import io.quanteam.eam.contract.InvalidInputException;
import io.quanteam.eam.contract.Violation;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The header of a bar CSV: which column holds which lake field. An import matches names by their key — lower
 * case without spaces, underscores and hyphens — against the lake's names and the common vendor spellings
 * (Yahoo and Stooq {@code Date,Open,…}, Alpha Vantage {@code timestamp}, Tiingo {@code ticker}); a lake file
 * must have the lake header exactly.
 *
 * @param names     the names as written (for messages)
 * @param line      the header's 1-based line number
 * @param columnOf  lake field index → 0-based column, or -1
 * @param adjColumn the adjusted close column when it is to be applied ({@link AdjustedClose#ADJUST}), else -1
 */
record CsvHeader(List<String> names, int line, int[] columnOf, int adjColumn) {
  private static final Map<String, String> ALIASES = Map.ofEntries(
      Map.entry("symbol", "symbol"), Map.entry("ticker", "symbol"),
      Map.entry("dt", "dt"), Map.entry("date", "dt"), Map.entry("timestamp", "dt"),
      Map.entry("open", "open"), Map.entry("high", "high"), Map.entry("low", "low"), Map.entry("close", "close"),
      Map.entry("volume", "volume"), Map.entry("availableat", "available_at"), Map.entry("source", "source"));
  private static final int ADJ_CLOSE = -2;

  /** Maps the names, refusing a missing or repeated column and an adjusted close nobody chose what to do with. */
  static CsvHeader of(List<String> names, int line, String source, CsvBarParser.Options options) {
    List<String> fields = CsvBarParser.LAKE_FIELDS;
    String all = String.join(",", names);
    List<String> lower = names.stream().map(h -> h.toLowerCase(Locale.ROOT)).toList();
    if (options.lakeFile() && !lower.equals(fields)) {
      throw fail(source, "line " + line, "bad_header", "the header " + String.join(",", fields),
          String.join(",", lower));
    }
    int[] columnOf = new int[fields.size()];
    Arrays.fill(columnOf, -1);
    int adjColumn = -1;
    for (int i = 0; i < names.size(); i++) {
      int field = options.lakeFile() ? fields.indexOf(lower.get(i)) : field(names.get(i));
      String at = pointer(names, line, i + 1);
      if (field == ADJ_CLOSE && options.adjustedClose() == AdjustedClose.REFUSE) {
        throw fail(source, at, "adj_close_present", "a choice, as the file has an adjusted close next to the close: "
            + "--adj-close ignore (import the raw open, high, low, close) or --adj-close adjust (multiply open, high, "
            + "low and close by adj close / close)", names.get(i));
      }
      if (field == ADJ_CLOSE && options.adjustedClose() == AdjustedClose.ADJUST) {
        if (adjColumn >= 0) {
          throw fail(source, at, "duplicate_column", "one adjusted close column: column " + (adjColumn + 1) + " ("
              + names.get(adjColumn) + ") is one", names.get(i));
        }
        adjColumn = i;
      } else if (field >= 0) {
        if (columnOf[field] >= 0) {
          throw fail(source, at, "duplicate_column", "each column once: column " + (columnOf[field] + 1) + " ("
              + names.get(columnOf[field]) + ") already names " + fields.get(field), names.get(i));
        }
        columnOf[field] = i;
      }
    }
    for (String required : List.of("dt", "open", "high", "low", "close")) {
      if (columnOf[fields.indexOf(required)] < 0) {
        throw fail(source, "line " + line, "missing_column", "a column named " + required, all);
      }
    }
    if (columnOf[0] < 0 && options.fixedSymbol() == null) {
      throw fail(source, "line " + line, "missing_column", "a symbol column, or --symbol for a file holding one "
          + "symbol", all);
    }
    if (options.adjustedClose() == AdjustedClose.ADJUST && adjColumn < 0) {
      throw fail(source, "line " + line, "missing_column", "an adjusted close column (Adj Close, adj_close, "
          + "adjusted_close) for --adj-close adjust", all);
    }
    return new CsvHeader(List.copyOf(names), line, columnOf, adjColumn);
  }

  /** {@code line L, column C (name)} for a 1-based column. */
  String pointer(int atLine, int column) {
    return pointer(names, atLine, column);
  }

  private static String pointer(List<String> names, int atLine, int column) {
    String name = column >= 1 && column <= names.size() ? " (" + names.get(column - 1) + ")" : "";
    return "line " + atLine + ", column " + column + name;
  }

  /** The lake field index a name stands for in an import, {@link #ADJ_CLOSE}, or -1. */
  private static int field(String name) {
    String key = key(name);
    if (key.equals("adjclose") || key.equals("adjustedclose")) {
      return ADJ_CLOSE;
    }
    String field = ALIASES.get(key);
    return field == null ? -1 : CsvBarParser.LAKE_FIELDS.indexOf(field);
  }

  private static String key(String name) {
    StringBuilder sb = new StringBuilder(name.length());
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c != ' ' && c != '_' && c != '-') {
        sb.append(c);
      }
    }
    return sb.toString().toLowerCase(Locale.ROOT);
  }

  private static InvalidInputException fail(String source, String pointer, String rule, String expected,
      String value) {
    return new InvalidInputException(new Violation(source, pointer, rule, "expected " + expected, value));
  }
}
