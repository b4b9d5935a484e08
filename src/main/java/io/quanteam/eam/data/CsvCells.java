package io.quanteam.eam.data;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The cells of one CSV line, as byte ranges into the file: split at commas, double-quoted cells unwrapped
 * ({@code ""} escapes, no line breaks inside), spaces and tabs around cells dropped. Reused line after line, so a
 * row costs no allocation.
 */
final class CsvCells {
  private final byte[] b;
  private final int[] starts;
  private final int[] ends;
  private final boolean[] escaped;
  private int badCell;
  private String badExpected;
  private String badText;

  /** Cells over {@code bytes}, room for {@code capacity} per line. */
  CsvCells(byte[] bytes, int capacity) {
    this.b = bytes;
    this.starts = new int[capacity];
    this.ends = new int[capacity];
    this.escaped = new boolean[capacity];
  }

  /** The offset of the {@code \n} ending the line that starts at {@code p}, or the file length. */
  int lineEnd(int p) {
    int i = p;
    while (i < b.length && b[i] != '\n') {
      i++;
    }
    return i;
  }

  /** The end of the line's content: before a {@code \r} that precedes the line end. */
  int contentEnd(int p, int lineEnd) {
    return lineEnd > p && b[lineEnd - 1] == '\r' ? lineEnd - 1 : lineEnd;
  }

  /** Splits the line starting at {@code p}; see {@link #split(int, int, int)}. */
  int splitLineAt(int p, int max) {
    return split(p, contentEnd(p, lineEnd(p)), max);
  }

  /**
   * Splits {@code [p, end)} at commas (double-quoted cells may hold commas); returns the cell count
   * ({@code max + 1} when there are more), or -1 for a quoting error ({@link #badCell()} and the rest tell it).
   */
  int split(int p, int end, int max) {
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
            return quoteError(count, "a closing double quote on the same line", text(q, end, false));
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
          return quoteError(count, "a comma after a closing quote", text(s - 1, end, false));
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

  private int quoteError(int cell, String expected, String text) {
    badCell = cell;
    badExpected = expected;
    badText = text;
    return -1;
  }

  /** After {@link #split} returned -1: the 0-based cell with the quoting error, what was expected, the text. */
  int badCell() {
    return badCell;
  }

  String badExpected() {
    return badExpected;
  }

  String badText() {
    return badText;
  }

  int start(int cell) {
    return starts[cell];
  }

  int end(int cell) {
    return ends[cell];
  }

  /** Empty, or one of the tokens NaN, NA, N/A, null, None (any case). */
  boolean isNull(int cell) {
    int s = starts[cell];
    int len = ends[cell] - s;
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

  /** The cell's number: NaN when it is null or not a decimal. */
  double number(int cell) {
    return isNull(cell) ? Double.NaN : CsvNumbers.parse(b, starts[cell], ends[cell]);
  }

  /** The cell as written (quotes removed, {@code ""} unescaped). */
  String text(int cell) {
    return text(starts[cell], ends[cell], escaped[cell]);
  }

  String text(int s, int e, boolean unescape) {
    String t = new String(b, s, e - s, StandardCharsets.UTF_8);
    return unescape ? t.replace("\"\"", "\"") : t;
  }
}
