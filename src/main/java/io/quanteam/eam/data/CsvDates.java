package io.quanteam.eam.data;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/** Byte-level reading and writing of {@code YYYY-MM-DD} dates and ISO date-times in CSV cells. */
final class CsvDates {
  static final int BAD_DATE = Integer.MIN_VALUE;
  static final long BAD_TIME = Long.MIN_VALUE;

  private CsvDates() {}

  /** {@code YYYY-MM-DD} as an epoch day, or {@link #BAD_DATE}. */
  static int parseDate(byte[] b, int start, int end) {
    if (end - start != 10 || b[start + 4] != '-' || b[start + 7] != '-') {
      return BAD_DATE;
    }
    int year = digits(b, start, 4);
    int month = digits(b, start + 5, 2);
    int day = digits(b, start + 8, 2);
    if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31) {
      return BAD_DATE;
    }
    try {
      return (int) LocalDate.of(year, month, day).toEpochDay();
    } catch (DateTimeException e) {
      return BAD_DATE;
    }
  }

  /**
   * {@code YYYY-MM-DD[T ]HH:MM:SS} followed by {@code Z} or {@code ±HH:MM}, as epoch seconds; without an offset
   * the time is local to {@code zone} (refused when {@code zone} is null). {@link #BAD_TIME} when malformed.
   */
  static long parseDateTime(byte[] b, int start, int end, ZoneId zone) {
    if (end - start < 19 || (b[start + 10] != 'T' && b[start + 10] != 't' && b[start + 10] != ' ')
        || b[start + 13] != ':' || b[start + 16] != ':') {
      return BAD_TIME;
    }
    int day = parseDate(b, start, start + 10);
    int hour = digits(b, start + 11, 2);
    int minute = digits(b, start + 14, 2);
    int second = digits(b, start + 17, 2);
    if (day == BAD_DATE || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
      return BAD_TIME;
    }
    long local = day * 86_400L + hour * 3600L + minute * 60L + second;
    int p = start + 19;
    if (p == end) {
      if (zone == null) {
        return BAD_TIME;
      }
      if (zone instanceof ZoneOffset fixed) {
        return local - fixed.getTotalSeconds();
      }
      LocalDateTime ldt = LocalDateTime.ofEpochSecond(local, 0, ZoneOffset.UTC);
      return ZonedDateTime.of(ldt, zone).toEpochSecond();
    }
    if (end - p == 1 && (b[p] == 'Z' || b[p] == 'z')) {
      return local;
    }
    if (end - p != 6 || (b[p] != '+' && b[p] != '-') || b[p + 3] != ':') {
      return BAD_TIME;
    }
    int oh = digits(b, p + 1, 2);
    int om = digits(b, p + 4, 2);
    if (oh < 0 || oh > 18 || om < 0 || om > 59) {
      return BAD_TIME;
    }
    int offset = (oh * 3600 + om * 60) * (b[p] == '-' ? -1 : 1);
    return local - offset;
  }

  static void appendDate(StringBuilder sb, int epochDay) {
    LocalDate d = LocalDate.ofEpochDay(epochDay);
    int y = d.getYear();
    if (y < 1000 || y > 9999) {
      sb.append(String.format(java.util.Locale.ROOT, "%04d", y));
    } else {
      sb.append(y);
    }
    sb.append('-');
    AsOf.two(sb, d.getMonthValue());
    sb.append('-');
    AsOf.two(sb, d.getDayOfMonth());
  }

  private static int digits(byte[] b, int start, int count) {
    int v = 0;
    for (int i = start; i < start + count; i++) {
      byte c = b[i];
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }
}
