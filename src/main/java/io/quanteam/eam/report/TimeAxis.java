package io.quanteam.eam.report;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Dated x-axis ticks. The finest calendar step that gives at most {@link #MAX_TICKS} ticks in the range is
 * used: days (1, 2, 7, 14; weekly ticks on Mondays), months (1, 2, 3, 6; on the 1st, aligned to January) or
 * years (1, 2, 5, 10, 20, 50; on January 1st). Labels are ISO dates, "Jan 2021" or "2021" (English, never
 * the machine's locale).
 */
final class TimeAxis {
  static final int MAX_TICKS = 8;
  private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
      "Nov", "Dec"};
  private static final int[] DAY_STEPS = {1, 2, 7, 14};
  private static final int[] MONTH_STEPS = {1, 2, 3, 6};
  private static final int[] YEAR_STEPS = {1, 2, 5, 10, 20, 50};

  private TimeAxis() {}

  static List<Tick> ticks(LocalDate first, LocalDate last) {
    for (int step : DAY_STEPS) {
      List<Tick> t = days(first, last, step);
      if (t.size() <= MAX_TICKS) {
        return t;
      }
    }
    for (int step : MONTH_STEPS) {
      List<Tick> t = months(first, last, step);
      if (t.size() <= MAX_TICKS) {
        return t;
      }
    }
    for (int step : YEAR_STEPS) {
      List<Tick> t = years(first, last, step);
      if (t.size() <= MAX_TICKS) {
        return t;
      }
    }
    return years(first, last, 100);
  }

  private static List<Tick> days(LocalDate first, LocalDate last, int step) {
    List<Tick> out = new ArrayList<>();
    LocalDate d = first;
    if (step >= 7) {
      while (d.getDayOfWeek() != DayOfWeek.MONDAY) {
        d = d.plusDays(1);
      }
    }
    for (; !d.isAfter(last) && out.size() <= MAX_TICKS; d = d.plusDays(step)) {
      out.add(new Tick(d.toEpochDay(), d.toString()));
    }
    return out;
  }

  private static List<Tick> months(LocalDate first, LocalDate last, int step) {
    List<Tick> out = new ArrayList<>();
    LocalDate d = first.withDayOfMonth(1);
    if (d.isBefore(first)) {
      d = d.plusMonths(1);
    }
    while ((d.getMonthValue() - 1) % step != 0) {
      d = d.plusMonths(1);
    }
    for (; !d.isAfter(last) && out.size() <= MAX_TICKS; d = d.plusMonths(step)) {
      out.add(new Tick(d.toEpochDay(), MONTHS[d.getMonthValue() - 1] + " " + d.getYear()));
    }
    return out;
  }

  private static List<Tick> years(LocalDate first, LocalDate last, int step) {
    List<Tick> out = new ArrayList<>();
    int y = first.getDayOfYear() == 1 ? first.getYear() : first.getYear() + 1;
    y = Math.floorDiv(y + step - 1, step) * step;
    for (; y <= last.getYear() && out.size() <= MAX_TICKS; y += step) {
      out.add(new Tick(LocalDate.of(y, 1, 1).toEpochDay(), Integer.toString(y)));
    }
    return out;
  }
}
