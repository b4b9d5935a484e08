package io.quanteam.eam.data;

import io.quanteam.eam.contract.InvalidInputException;
import io.quanteam.eam.contract.Violation;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * The as-of rule ({@code available_at <= as_of}) in instants: a segment's default as_of is its last date at
 * 23:59:59 in the snapshot timezone. Date-times are written like Python's {@code isoformat()}
 * ({@code 2024-01-10T23:59:59+08:00}, UTC as {@code +00:00}).
 */
public final class AsOf {
  private static final LocalTime END_OF_DAY = LocalTime.of(23, 59, 59);

  private AsOf() {}

  /** {@code date} at 23:59:59 in {@code zone}, as epoch seconds. */
  public static long endOfDay(LocalDate date, ZoneId zone) {
    return ZonedDateTime.of(date, END_OF_DAY, zone).toEpochSecond();
  }

  /** {@code date} at {@code time} in {@code zone} (a time in a DST gap moves forward), as epoch seconds. */
  public static long at(LocalDate date, LocalTime time, ZoneId zone) {
    return ZonedDateTime.of(date, time, zone).toEpochSecond();
  }

  /** Parses an as_of with an explicit offset ({@code 2024-01-10T23:59:59+08:00} or {@code ...Z}). */
  public static long parse(String text) {
    return parse(text, null, "as_of", "");
  }

  /**
   * Parses an as_of: a date-time with offset; or, when {@code zone} is given, a local date-time in that zone or
   * a bare date (its end of day). Whole seconds only.
   */
  public static long parse(String text, ZoneId zone, String source, String pointer) {
    if (text != null) {
      byte[] b = text.trim().getBytes(StandardCharsets.US_ASCII);
      if (zone != null && b.length == 10) {
        int day = CsvDates.parseDate(b, 0, b.length);
        if (day != CsvDates.BAD_DATE) {
          return endOfDay(LocalDate.ofEpochDay(day), zone);
        }
      }
      long t = CsvDates.parseDateTime(b, 0, b.length, zone);
      if (t != CsvDates.BAD_TIME) {
        return t;
      }
    }
    String expected = zone == null ? "an ISO-8601 date-time with offset, e.g. 2024-01-10T23:59:59+08:00"
        : "an ISO-8601 date-time (offset optional, default " + zone.getId() + ") or a date YYYY-MM-DD";
    throw new InvalidInputException(new Violation(source, pointer, "bad_datetime", "expected " + expected, text));
  }

  /** {@code epochSecond} in {@code zone} as {@code YYYY-MM-DDTHH:MM:SS+HH:MM}. */
  public static String format(long epochSecond, ZoneId zone) {
    StringBuilder sb = new StringBuilder(25);
    append(sb, epochSecond, offsetAt(zone, epochSecond));
    return sb.toString();
  }

  /** {@code date} at {@code time} in {@code zone}, formatted (how the manifest writes dt_min and dt_max). */
  public static String format(LocalDate date, LocalTime time, ZoneId zone) {
    return format(at(date, time, zone), zone);
  }

  static ZoneOffset offsetAt(ZoneId zone, long epochSecond) {
    return zone instanceof ZoneOffset fixed ? fixed : zone.getRules().getOffset(Instant.ofEpochSecond(epochSecond));
  }

  static void append(StringBuilder sb, long epochSecond, ZoneOffset offset) {
    long local = epochSecond + offset.getTotalSeconds();
    long day = Math.floorDiv(local, 86_400L);
    int secondOfDay = (int) Math.floorMod(local, 86_400L);
    CsvDates.appendDate(sb, (int) day);
    sb.append('T');
    two(sb, secondOfDay / 3600);
    sb.append(':');
    two(sb, secondOfDay / 60 % 60);
    sb.append(':');
    two(sb, secondOfDay % 60);
    int total = offset.getTotalSeconds();
    sb.append(total < 0 ? '-' : '+');
    int abs = Math.abs(total);
    two(sb, abs / 3600);
    sb.append(':');
    two(sb, abs / 60 % 60);
    if (abs % 60 != 0) {
      sb.append(':');
      two(sb, abs % 60);
    }
  }

  static void two(StringBuilder sb, int v) {
    sb.append((char) ('0' + v / 10)).append((char) ('0' + v % 10));
  }
}
