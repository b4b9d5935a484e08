package io.quanteam.eam.data;

import io.quanteam.eam.contract.InvalidInputException;
import io.quanteam.eam.contract.Violation;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Reads bar CSV text into per-symbol columns in one pass over the bytes (no regex, no per-row splitting into
 * strings): both user imports (columns by header name, defaults for missing ones) and the lake's own files.
 */
final class CsvBarParser {
  static final List<String> LAKE_FIELDS =
      List.of("symbol", "dt", "open", "high", "low", "close", "volume", "available_at", "source");
  private static final int SYMBOL = 0;
  private static final int DT = 1;
  private static final int OPEN = 2;
  private static final int VOLUME = 6;
  private static final int AVAILABLE_AT = 7;

  /**
   * @param fixedSymbol    the symbol of a file without a symbol column (else null)
   * @param latencySeconds added to the close time for rows without available_at
   * @param lakeFile       the file is a lake {@code ohlcv_1d.csv}: exact header, every available_at present
   */
  record Options(String fixedSymbol, ZoneId zone, LocalTime closeTime, long latencySeconds, boolean lakeFile) {}

  /** The parsed bars (symbols sorted) and what dedupe did. */
  record Result(SortedMap<String, SymbolBars> bars, int rowsBeforeDedupe, int duplicateCount,
      boolean availableAtColumn) {}

  private final byte[] b;
  private final String source;
  private final Options options;
  private final int[] columnOf = new int[LAKE_FIELDS.size()];
  private List<String> header;
  private int line;

  private CsvBarParser(byte[] bytes, String source, Options options) {
    this.b = bytes;
    this.source = source;
    this.options = options;
  }

  static Result parse(byte[] bytes, String source, Options options) {
    return new CsvBarParser(bytes, source, options).run();
  }

  private Result run() {
    int n = b.length;
    int p = b.length >= 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF ? 3 : 0;
    int[] starts = null;
    int[] ends = null;
    boolean[] escaped = null;
    // Header: the first non-blank line.
    while (header == null && p < n) {
      line++;
      int lineEnd = lineEnd(p);
      int contentEnd = contentEnd(p, lineEnd);
      if (contentEnd > p) {
        int fields = 1;
        for (int i = p; i < contentEnd; i++) {
          fields += b[i] == ',' ? 1 : 0;
        }
        starts = new int[fields];
        ends = new int[fields];
        escaped = new boolean[fields];
        int count = split(p, contentEnd, starts, ends, escaped, fields);
        List<String> names = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
          names.add(text(starts[i], ends[i], escaped[i]).toLowerCase(Locale.ROOT));
        }
        header = names;
        starts = new int[count + 1];
        ends = new int[count + 1];
        escaped = new boolean[count + 1];
      }
      p = lineEnd + 1;
    }
    if (header == null) {
      throw fail("line 1", "missing_header", "a header line naming the columns "
          + "symbol,dt,open,high,low,close[,volume][,available_at]", "");
    }
    mapColumns();
    int columns = header.size();
    ZoneId zone = options.zone();
    int closeSecond = options.closeTime().toSecondOfDay();
    int fixedOffset = zone instanceof ZoneOffset z ? z.getTotalSeconds() : Integer.MIN_VALUE;
    Map<String, BarColumnsBuilder> builders = new HashMap<>();
    BarColumnsBuilder current = null;
    byte[] lastSymbol = new byte[0];
    if (options.fixedSymbol() != null && columnOf[SYMBOL] < 0) {
      current = new BarColumnsBuilder(options.fixedSymbol());
      builders.put(options.fixedSymbol(), current);
    }
    double[] values = new double[5];
    int rows = 0;
    while (p < n) {
      line++;
      int lineEnd = lineEnd(p);
      int contentEnd = contentEnd(p, lineEnd);
      if (contentEnd == p) {
        p = lineEnd + 1;
        continue;
      }
      int count = split(p, contentEnd, starts, ends, escaped, columns);
      if (count != columns) {
        int column = Math.min(count, columns) + 1;
        throw fail(pointer(column), "field_count", "a row of " + columns + " fields like the header, found "
            + (count > columns ? "more" : count), text(p, contentEnd, false));
      }
      int symbolColumn = columnOf[SYMBOL];
      if (symbolColumn >= 0) {
        int s = starts[symbolColumn];
        int e = ends[symbolColumn];
        if (current == null || !Arrays.equals(b, s, e, lastSymbol, 0, lastSymbol.length)) {
          String symbol = symbol(symbolColumn, starts, ends, escaped);
          current = builders.computeIfAbsent(symbol, BarColumnsBuilder::new);
          lastSymbol = Arrays.copyOfRange(b, s, e);
        }
      }
      int dtColumn = columnOf[DT];
      int day = CsvDates.parseDate(b, starts[dtColumn], ends[dtColumn]);
      if (day == CsvDates.BAD_DATE) {
        throw fail(pointer(dtColumn + 1), isNull(starts[dtColumn], ends[dtColumn]) ? "missing_value" : "bad_date",
            "a date YYYY-MM-DD", text(starts[dtColumn], ends[dtColumn], escaped[dtColumn]));
      }
      for (int k = 0; k < 5; k++) {
        values[k] = number(OPEN + k, starts, ends, escaped);
      }
      long availableAt = availableAt(day, closeSecond, fixedOffset, starts, ends, escaped);
      current.add(day, values[0], values[1], values[2], values[3], values[4], availableAt);
      rows++;
      p = lineEnd + 1;
    }
    if (rows == 0) {
      throw fail("line " + (line + 1), "no_rows", "at least one data row after the header", "");
    }
    SortedMap<String, SymbolBars> bars = new TreeMap<>();
    int duplicates = 0;
    for (BarColumnsBuilder builder : builders.values()) {
      SymbolBars built = builder.build();
      if (built.size() > 0) {
        bars.put(built.symbol(), built);
      }
      duplicates += builder.duplicates();
    }
    return new Result(Collections.unmodifiableSortedMap(bars), rows, duplicates, columnOf[AVAILABLE_AT] >= 0);
  }

  private void mapColumns() {
    Arrays.fill(columnOf, -1);
    if (options.lakeFile() && !header.equals(LAKE_FIELDS)) {
      throw fail("line 1", "bad_header", "the header " + String.join(",", LAKE_FIELDS), String.join(",", header));
    }
    for (int i = 0; i < header.size(); i++) {
      int field = LAKE_FIELDS.indexOf(header.get(i));
      if (field >= 0) {
        if (columnOf[field] >= 0) {
          throw fail(pointer(i + 1), "duplicate_column", "each column once", header.get(i));
        }
        columnOf[field] = i;
      }
    }
    for (int field = DT; field < VOLUME; field++) {
      requireColumn(field);
    }
    if (columnOf[SYMBOL] < 0 && options.fixedSymbol() == null) {
      throw fail("line 1", "missing_column",
          "a symbol column, or --symbol for a file holding one symbol", String.join(",", header));
    }
  }

  private void requireColumn(int field) {
    if (columnOf[field] < 0) {
      throw fail("line 1", "missing_column", "a column named " + LAKE_FIELDS.get(field),
          String.join(",", header));
    }
  }

  private String symbol(int column, int[] starts, int[] ends, boolean[] escaped) {
    int s = starts[column];
    int e = ends[column];
    String symbol = text(s, e, escaped[column]);
    if (isNull(s, e)) {
      throw fail(pointer(column + 1), "missing_value", "a symbol", symbol);
    }
    if (!Symbols.isValid(symbol)) {
      throw fail(pointer(column + 1), "bad_symbol", Symbols.RULE, symbol);
    }
    if (options.fixedSymbol() != null && !symbol.equals(options.fixedSymbol())) {
      throw fail(pointer(column + 1), "symbol_mismatch", "the symbol given by --symbol, "
          + options.fixedSymbol(), symbol);
    }
    return symbol;
  }

  /** The value of a price or volume field; an empty volume cell (or null token) is NaN, an empty price refused. */
  private double number(int field, int[] starts, int[] ends, boolean[] escaped) {
    int column = columnOf[field];
    if (column < 0) {
      return Double.NaN;
    }
    int s = starts[column];
    int e = ends[column];
    if (isNull(s, e)) {
      if (field != VOLUME) {
        // A bar without a price cannot be filled or marked; the engine never has to guess one.
        throw fail(pointer(column + 1), "missing_price", "a price (only volume may be empty)",
            text(s, e, escaped[column]));
      }
      return Double.NaN;
    }
    double v = CsvNumbers.parse(b, s, e);
    if (Double.isNaN(v)) {
      throw fail(pointer(column + 1), "not_a_number", "a finite decimal number", text(s, e, escaped[column]));
    }
    if (v < 0) {
      boolean volume = field == VOLUME;
      throw fail(pointer(column + 1), volume ? "negative_volume" : "negative_price",
          (volume ? "a volume" : "a price") + " of 0 or more", text(s, e, escaped[column]));
    }
    return v;
  }

  private long availableAt(int day, int closeSecond, int fixedOffset, int[] starts, int[] ends, boolean[] escaped) {
    int column = columnOf[AVAILABLE_AT];
    if (column >= 0 && !isNull(starts[column], ends[column])) {
      long t = CsvDates.parseDateTime(b, starts[column], ends[column], options.zone());
      if (t == CsvDates.BAD_TIME) {
        throw fail(pointer(column + 1), "bad_datetime", "an ISO-8601 date-time in whole seconds, e.g. "
            + "2024-01-01T16:00:00+08:00 (without offset: in " + options.zone().getId() + ")",
            text(starts[column], ends[column], escaped[column]));
      }
      return t;
    }
    if (options.lakeFile()) {
      throw fail(pointer(column + 1), "missing_value", "an available_at date-time", "");
    }
    long close = fixedOffset != Integer.MIN_VALUE
        ? day * 86_400L + closeSecond - fixedOffset
        : AsOf.at(LocalDate.ofEpochDay(day), options.closeTime(), options.zone());
    return close + options.latencySeconds();
  }

  /** Splits {@code [p, end)} at commas (double-quoted fields may hold commas); returns the field count. */
  private int split(int p, int end, int[] starts, int[] ends, boolean[] escaped, int max) {
    int count = 0;
    int q = p;
    while (true) {
      if (count == max) {
        return count + 1;
      }
      int s;
      int e;
      boolean esc = false;
      while (q < end && (b[q] == ' ' || b[q] == '\t')) {
        q++;
      }
      if (q < end && b[q] == '"') {
        int r = q + 1;
        while (true) {
          if (r >= end) {
            throw fail(pointer(count + 1), "bad_quote", "a closing double quote on the same line", text(q, end, false));
          }
          if (b[r] == '"') {
            if (r + 1 < end && b[r + 1] == '"') {
              esc = true;
              r += 2;
              continue;
            }
            break;
          }
          r++;
        }
        s = q + 1;
        e = r;
        q = r + 1;
        while (q < end && (b[q] == ' ' || b[q] == '\t')) {
          q++;
        }
        if (q < end && b[q] != ',') {
          throw fail(pointer(count + 1), "bad_quote", "a comma after a closing quote", text(s - 1, end, false));
        }
      } else {
        int r = q;
        while (r < end && b[r] != ',') {
          r++;
        }
        s = q;
        e = r;
        while (e > s && (b[e - 1] == ' ' || b[e - 1] == '\t')) {
          e--;
        }
        q = r;
      }
      starts[count] = s;
      ends[count] = e;
      escaped[count] = esc;
      count++;
      if (q >= end) {
        return count;
      }
      q++;
    }
  }

  private boolean isNull(int s, int e) {
    int len = e - s;
    if (len == 0) {
      return true;
    }
    if (len > 4 || (b[s] != 'n' && b[s] != 'N')) {
      return false;
    }
    String token = new String(b, s, len, StandardCharsets.US_ASCII).toLowerCase(Locale.ROOT);
    return token.equals("nan") || token.equals("na") || token.equals("n/a") || token.equals("null")
        || token.equals("none");
  }

  private int lineEnd(int p) {
    int i = p;
    while (i < b.length && b[i] != '\n') {
      i++;
    }
    return i;
  }

  private int contentEnd(int p, int lineEnd) {
    return lineEnd > p && b[lineEnd - 1] == '\r' ? lineEnd - 1 : lineEnd;
  }

  private String text(int s, int e, boolean escaped) {
    String t = new String(b, s, e - s, StandardCharsets.UTF_8);
    return escaped ? t.replace("\"\"", "\"") : t;
  }

  private String pointer(int column) {
    String name = header != null && column >= 1 && column <= header.size() ? " (" + header.get(column - 1) + ")" : "";
    return "line " + line + ", column " + column + name;
  }

  private InvalidInputException fail(String pointer, String rule, String expected, String value) {
    return new InvalidInputException(new Violation(source, pointer, rule, "expected " + expected, value));
  }
}
