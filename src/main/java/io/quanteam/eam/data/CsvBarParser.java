package io.quanteam.eam.data;

import io.quanteam.eam.contract.InvalidInputException;
import io.quanteam.eam.contract.Violation;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Reads bar CSV text into per-symbol columns in one pass over the bytes (no regex, no per-row splitting into
 * strings): both user imports (columns by header name, defaults for missing ones) and the lake's own files.
 * A header problem stops at once; row problems are all collected ({@link RowProblems}) and refused together.
 */
final class CsvBarParser {
  static final List<String> LAKE_FIELDS =
      List.of("symbol", "dt", "open", "high", "low", "close", "volume", "available_at", "source");
  private static final int SYMBOL = 0;
  private static final int DT = 1;
  private static final int OPEN = 2;
  private static final int HIGH = 3;
  private static final int LOW = 4;
  private static final int CLOSE = 5;
  private static final int VOLUME = 6;
  private static final int AVAILABLE_AT = 7;

  /**
   * @param fixedSymbol    the symbol of a file without a symbol column (else null)
   * @param latencySeconds added to the close time for rows without available_at
   * @param lakeFile       the file is a lake {@code ohlcv_1d.csv}: exact header, every available_at present, and
   *                       the import-only rules (zero prices, OHLC order) not applied, so that snapshots imported
   *                       before those rules existed stay readable
   * @param adjustedClose  what to do with an adjusted close column (imports only)
   */
  record Options(String fixedSymbol, ZoneId zone, LocalTime closeTime, long latencySeconds, boolean lakeFile,
      AdjustedClose adjustedClose) {}

  /** The parsed bars (symbols sorted) and what dedupe did. */
  record Result(SortedMap<String, SymbolBars> bars, int rowsBeforeDedupe, int duplicateCount,
      boolean availableAtColumn) {}

  private final byte[] b;
  private final String source;
  private final Options options;
  private final RowProblems problems;
  private CsvHeader header;
  private int[] columnOf;
  /** The adjusted close column, when it is to be applied; else -1. */
  private int adjColumn;
  private int line;
  private int columns;
  private CsvCells cells;
  private boolean rowOk;
  private final Map<String, BarColumnsBuilder> builders = new HashMap<>();
  private BarColumnsBuilder current;
  private byte[] lastSymbol = new byte[0];
  private long fixedOffset;
  private int closeSecond;

  private CsvBarParser(byte[] bytes, String source, Options options) {
    this.b = bytes;
    this.source = source;
    this.options = options;
    this.problems = new RowProblems(source);
  }

  static Result parse(byte[] bytes, String source, Options options) {
    return new CsvBarParser(bytes, source, options).run();
  }

  private Result run() {
    int n = b.length;
    int p = b.length >= 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF ? 3 : 0;
    p = readHeader(p);
    ZoneId zone = options.zone();
    closeSecond = options.closeTime().toSecondOfDay();
    fixedOffset = zone instanceof ZoneOffset z ? z.getTotalSeconds() : Long.MIN_VALUE;
    if (options.fixedSymbol() != null && columnOf[SYMBOL] < 0) {
      current = new BarColumnsBuilder(options.fixedSymbol());
      builders.put(options.fixedSymbol(), current);
    }
    int rows = 0;
    while (p < n) {
      line++;
      int start = p;
      int lineEnd = cells.lineEnd(p);
      int contentEnd = cells.contentEnd(p, lineEnd);
      p = lineEnd + 1;
      if (contentEnd > start && readRow(start, contentEnd)) {
        rows++;
      }
    }
    int lastLine = line;
    SortedMap<String, SymbolBars> bars = new TreeMap<>();
    int duplicates = 0;
    for (BarColumnsBuilder builder : builders.values()) {
      SymbolBars built = builder.build();
      if (built.size() > 0) {
        bars.put(built.symbol(), built);
      }
      duplicates += builder.duplicates();
      builder.conflicts().forEach(this::reportConflict);
    }
    if (!problems.isEmpty()) {
      throw problems.toException();
    }
    if (rows == 0) {
      throw fail("line " + (lastLine + 1), "no_rows", "at least one data row after the header", "");
    }
    return new Result(Collections.unmodifiableSortedMap(bars), rows, duplicates, columnOf[AVAILABLE_AT] >= 0);
  }

  /** Reads the first non-blank line as the header; returns the offset after it. */
  private int readHeader(int p) {
    cells = new CsvCells(b, 0);
    while (header == null && p < b.length) {
      line++;
      int lineEnd = cells.lineEnd(p);
      int contentEnd = cells.contentEnd(p, lineEnd);
      if (contentEnd > p) {
        int fields = 1;
        for (int i = p; i < contentEnd; i++) {
          fields += b[i] == ',' ? 1 : 0;
        }
        cells = new CsvCells(b, fields);
        int count = split(p, contentEnd, fields);
        if (count < 0) {
          throw problems.toException();
        }
        List<String> names = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
          names.add(cells.text(i));
        }
        header = CsvHeader.of(names, line, source, options);
        columnOf = header.columnOf();
        adjColumn = header.adjColumn();
        columns = count;
        cells = new CsvCells(b, count + 1);
      }
      p = lineEnd + 1;
    }
    if (header == null) {
      throw fail("line 1", "missing_header", "a header line naming the columns "
          + "symbol,dt,open,high,low,close[,volume][,available_at]", "");
    }
    return p;
  }

  /** Reads one non-blank row; returns whether it was kept (a row with any problem is reported and left out). */
  private boolean readRow(int start, int end) {
    rowOk = true;
    int count = split(start, end, columns);
    if (count < 0) {
      return false;
    }
    if (count != columns) {
      problem(Math.min(count, columns) + 1, "field_count", "a row of " + columns + " fields like the header, found "
          + (count > columns ? "more" : count), cells.text(start, end, false));
      return false;
    }
    BarColumnsBuilder builder = builder();
    int dtColumn = columnOf[DT];
    int day = CsvDates.parseDate(b, cells.start(dtColumn), cells.end(dtColumn));
    if (day == CsvDates.BAD_DATE) {
      problem(dtColumn + 1, cells.isNull(dtColumn) ? "missing_value" : "bad_date",
          "a date YYYY-MM-DD", cell(dtColumn));
    }
    double o = price(columnOf[OPEN]);
    double h = price(columnOf[HIGH]);
    double l = price(columnOf[LOW]);
    double c = price(columnOf[CLOSE]);
    double v = volume();
    double adj = adjColumn >= 0 ? price(adjColumn) : Double.NaN;
    boolean pricesRead = !(Double.isNaN(o) || Double.isNaN(h) || Double.isNaN(l) || Double.isNaN(c));
    if (pricesRead && !options.lakeFile()) {
      checkOrder(o, h, l, c);
    }
    long availableAt = day == CsvDates.BAD_DATE ? 0 : availableAt(day);
    if (!rowOk) {
      return false;
    }
    if (adjColumn >= 0) {
      // One factor for all four prices: scaling is monotone, so the bar keeps its order.
      double ratio = adj / c;
      o *= ratio;
      h *= ratio;
      l *= ratio;
      c *= ratio;
      if (!(l > 0) || h == Double.POSITIVE_INFINITY) {
        problem(adjColumn + 1, "bad_adjustment", "an adjusted close whose ratio to the close (" + cell(columnOf[CLOSE])
            + ") keeps every price finite and above 0", cell(adjColumn));
        return false;
      }
    }
    builder.add(line, start, day, o, h, l, c, v, availableAt);
    return true;
  }

  /** The builder of this row's symbol; null (and the row reported) when the symbol is missing or invalid. */
  private BarColumnsBuilder builder() {
    int column = columnOf[SYMBOL];
    if (column < 0) {
      return current;
    }
    int s = cells.start(column);
    int e = cells.end(column);
    if (current != null && Arrays.equals(b, s, e, lastSymbol, 0, lastSymbol.length)) {
      return current;
    }
    String symbol = cells.text(column);
    if (cells.isNull(column)) {
      problem(column + 1, "missing_value", "a symbol", symbol);
    } else if (!Symbols.isValid(symbol)) {
      problem(column + 1, "bad_symbol", Symbols.RULE, symbol);
    } else if (options.fixedSymbol() != null && !symbol.equals(options.fixedSymbol())) {
      problem(column + 1, "symbol_mismatch", "the symbol given by --symbol, " + options.fixedSymbol(), symbol);
    } else {
      current = builders.computeIfAbsent(symbol, BarColumnsBuilder::new);
      lastSymbol = Arrays.copyOfRange(b, s, e);
      return current;
    }
    current = null;
    return null;
  }

  /** A price: present, a finite decimal, above 0 (at least 0 in a lake file); NaN when reported. */
  private double price(int column) {
    if (cells.isNull(column)) {
      // A bar without a price cannot be filled or marked; the engine never has to guess one.
      problem(column + 1, "missing_price", "a price (only volume may be empty)", cell(column));
      return Double.NaN;
    }
    double v = cells.number(column);
    if (Double.isNaN(v)) {
      problem(column + 1, "not_a_number", "a finite decimal number", cell(column));
    } else if (v < 0) {
      problem(column + 1, "negative_price", options.lakeFile() ? "a price of 0 or more" : "a price above 0",
          cell(column));
    } else if (v == 0 && !options.lakeFile()) {
      // A zero price makes every return from or to it infinite or undefined.
      problem(column + 1, "zero_price", "a price above 0", cell(column));
    } else {
      return v;
    }
    return Double.NaN;
  }

  /** The volume: NaN when there is no column or the cell is empty (or reported); 0 or more otherwise. */
  private double volume() {
    int column = columnOf[VOLUME];
    if (column < 0 || cells.isNull(column)) {
      return Double.NaN;
    }
    double v = cells.number(column);
    if (Double.isNaN(v)) {
      problem(column + 1, "not_a_number", "a finite decimal number", cell(column));
    } else if (v < 0) {
      problem(column + 1, "negative_volume", "a volume of 0 or more", cell(column));
    }
    return v;
  }

  /** High at least the open and the close, low at most them (and so high at least low). */
  private void checkOrder(double o, double h, double l, double c) {
    if (h < Math.max(o, c)) {
      problem(columnOf[HIGH] + 1, "high_below_open_or_close", "a high of at least the open and the close"
          + openAndClose(), cell(columnOf[HIGH]));
    }
    if (l > Math.min(o, c)) {
      problem(columnOf[LOW] + 1, "low_above_open_or_close", "a low of at most the open and the close"
          + openAndClose(), cell(columnOf[LOW]));
    }
  }

  private String openAndClose() {
    return " (open " + cell(columnOf[OPEN]) + ", close " + cell(columnOf[CLOSE]) + ")";
  }

  private long availableAt(int day) {
    int column = columnOf[AVAILABLE_AT];
    if (column >= 0 && !cells.isNull(column)) {
      long t = CsvDates.parseDateTime(b, cells.start(column), cells.end(column), options.zone());
      if (t == CsvDates.BAD_TIME) {
        problem(column + 1, "bad_datetime", "an ISO-8601 date-time in whole seconds, e.g. "
            + "2024-01-01T16:00:00+08:00 (without offset: in " + options.zone().getId() + ")", cell(column));
      }
      return t;
    }
    if (options.lakeFile()) {
      problem(column + 1, "missing_value", "an available_at date-time", "");
      return 0;
    }
    long close = fixedOffset != Long.MIN_VALUE
        ? day * 86_400L + closeSecond - fixedOffset
        : AsOf.at(LocalDate.ofEpochDay(day), options.closeTime(), options.zone());
    return close + options.latencySeconds();
  }

  /** A later row for a symbol and date with other values than the first: reported at its first differing cell. */
  private void reportConflict(DuplicateRow d) {
    CsvCells kept = new CsvCells(b, columns + 1);
    kept.splitLineAt(d.keptOffset(), columns);
    cells.splitLineAt(d.offset(), columns);
    int column = columnOf[AVAILABLE_AT] >= 0 ? columnOf[AVAILABLE_AT] : columnOf[CLOSE];
    for (int candidate : new int[] {columnOf[OPEN], columnOf[HIGH], columnOf[LOW], columnOf[CLOSE], adjColumn,
        columnOf[VOLUME]}) {
      if (candidate >= 0
          && Double.doubleToLongBits(kept.number(candidate)) != Double.doubleToLongBits(cells.number(candidate))) {
        column = candidate;
        break;
      }
    }
    String keptText = kept.text(column);
    StringBuilder date = new StringBuilder(10);
    CsvDates.appendDate(date, d.day());
    problems.add(d.line(), new Violation(source, header.pointer(d.line(), column + 1), "conflicting_duplicate",
        "expected one bar per symbol and date (a row repeating another exactly is dropped): line " + d.keptLine()
            + " has " + d.symbol() + " " + date + " with " + header.names().get(column) + " "
            + (keptText.isEmpty() ? "(empty)" : keptText), cell(column)));
  }

  /** {@link CsvCells#split}, reporting a quoting error as a problem of the current line. */
  private int split(int p, int end, int max) {
    int count = cells.split(p, end, max);
    if (count < 0) {
      problem(cells.badCell() + 1, "bad_quote", cells.badExpected(), cells.badText());
    }
    return count;
  }

  private String cell(int column) {
    return cells.text(column);
  }

  /** A problem of the current row at a 1-based column: recorded, and the row left out. */
  private void problem(int column, String rule, String expected, String value) {
    rowOk = false;
    String at = header != null ? header.pointer(line, column) : "line " + line + ", column " + column;
    problems.add(line, new Violation(source, at, rule, "expected " + expected, value));
  }

  private InvalidInputException fail(String pointer, String rule, String expected, String value) {
    return new InvalidInputException(new Violation(source, pointer, rule, "expected " + expected, value));
  }
}
