package io.quanteam.eam.data;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Map;

/**
 * Writes a snapshot's {@code ohlcv_1d.csv}: the header {@code symbol,dt,open,high,low,close,volume,available_at,
 * source}, rows by symbol then date, CRLF line ends (as Python's csv module writes, so the tiny demo is
 * byte-identical to the reference), numbers by {@link CsvNumbers}, available_at in the snapshot timezone.
 */
final class LakeCsvWriter {
  private LakeCsvWriter() {}

  /** @param bars symbol → bars, iterated in symbol order */
  static byte[] write(Map<String, SymbolBars> bars, ZoneId zone, String source) {
    Bytes out = new Bytes(1 << 16);
    StringBuilder row = new StringBuilder(160);
    row.append(String.join(",", CsvBarParser.LAKE_FIELDS)).append("\r\n");
    out.append(row);
    ZoneOffset fixed = zone instanceof ZoneOffset z ? z : null;
    for (SymbolBars s : bars.values()) {
      for (int i = 0; i < s.size(); i++) {
        row.setLength(0);
        row.append(s.symbol()).append(',');
        CsvDates.appendDate(row, s.epochDays()[i]);
        row.append(',');
        CsvNumbers.append(row, s.open()[i]);
        row.append(',');
        CsvNumbers.append(row, s.high()[i]);
        row.append(',');
        CsvNumbers.append(row, s.low()[i]);
        row.append(',');
        CsvNumbers.append(row, s.close()[i]);
        row.append(',');
        CsvNumbers.append(row, s.volume()[i]);
        row.append(',');
        long t = s.availableAt()[i];
        AsOf.append(row, t, fixed != null ? fixed : AsOf.offsetAt(zone, t));
        row.append(',').append(source).append("\r\n");
        out.append(row);
      }
    }
    return out.toArray();
  }

  /** A growing byte array for ASCII text. */
  private static final class Bytes {
    private byte[] buf;
    private int size;

    Bytes(int capacity) {
      buf = new byte[capacity];
    }

    void append(CharSequence text) {
      int n = text.length();
      if (size + n > buf.length) {
        buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + n));
      }
      for (int i = 0; i < n; i++) {
        buf[size++] = (byte) text.charAt(i);
      }
    }

    byte[] toArray() {
      return Arrays.copyOf(buf, size);
    }
  }
}
