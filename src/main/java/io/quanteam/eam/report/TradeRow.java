package io.quanteam.eam.report;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/** The columns of a {@code trades.csv} row that the report shows. */
record TradeRow(String symbol, LocalDate entryDt, double entryPrice, LocalDate exitDt, double exitPrice, double pnl,
    double ret) {
  long holdingDays() {
    return ChronoUnit.DAYS.between(entryDt, exitDt);
  }
}
