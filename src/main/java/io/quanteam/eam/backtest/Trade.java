package io.quanteam.eam.backtest;

import java.time.LocalDate;

/**
 * A closed round trip. Prices include slippage; {@code fees} = entry fee + exit fee;
 * {@code pnl = qty·(exitPrice − entryPrice) − entryFee − exitFee}; {@code ret = pnl / (qty·entryPrice + entryFee)}.
 */
public record Trade(String symbol, LocalDate entryDate, double entryPrice, LocalDate exitDate, double exitPrice,
    double qty, double fees, double pnl, double ret) {

  static Trade close(String symbol, int entryDay, double entryPrice, double entryFee, int exitDay,
      double exitPrice, double exitFee, double qty) {
    double pnl = qty * (exitPrice - entryPrice) - entryFee - exitFee;
    double ret = pnl / (qty * entryPrice + entryFee);
    return new Trade(symbol, LocalDate.ofEpochDay(entryDay), entryPrice, LocalDate.ofEpochDay(exitDay),
        exitPrice, qty, entryFee + exitFee, pnl, ret);
  }
}
