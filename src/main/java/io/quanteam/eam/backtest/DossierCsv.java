package io.quanteam.eam.backtest;

import static io.quanteam.eam.json.PythonFloats.repr;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;

/** The CSV files of a dossier; every number through {@code PythonFloats.repr}, so bytes are JDK-independent. */
public final class DossierCsv {
  private DossierCsv() {}

  /** {@code curve.csv} bytes ({@code dt,equity}); needs only the curve, so a CURVE_ONLY run is enough. */
  public static byte[] curve(BacktestResult r) {
    StringBuilder sb = new StringBuilder(32 * (r.bars() + 1)).append("dt,equity\n");
    for (int k = 0; k < r.bars(); k++) {
      sb.append(LocalDate.ofEpochDay(r.epochDays()[k])).append(',').append(repr(r.equity()[k])).append('\n');
    }
    return bytes(sb);
  }

  static byte[] trades(List<Trade> trades) {
    StringBuilder sb = new StringBuilder(128 * (trades.size() + 1))
        .append("symbol,entry_dt,entry_price,exit_dt,exit_price,qty,fees,pnl,return\n");
    for (Trade t : trades) {
      sb.append(t.symbol()).append(',').append(t.entryDate()).append(',').append(repr(t.entryPrice())).append(',')
          .append(t.exitDate()).append(',').append(repr(t.exitPrice())).append(',').append(repr(t.qty())).append(',')
          .append(repr(t.fees())).append(',').append(repr(t.pnl())).append(',').append(repr(t.ret())).append('\n');
    }
    return bytes(sb);
  }

  static byte[] positions(List<PositionRow> rows) {
    StringBuilder sb = new StringBuilder(96 * (rows.size() + 1))
        .append("dt,symbol,qty,close,position_value,equity\n");
    for (PositionRow p : rows) {
      sb.append(p.dt()).append(',').append(p.symbol()).append(',').append(repr(p.qty())).append(',')
          .append(repr(p.close())).append(',').append(repr(p.positionValue())).append(',').append(repr(p.equity()))
          .append('\n');
    }
    return bytes(sb);
  }

  static byte[] turnover(BacktestResult r) {
    StringBuilder sb = new StringBuilder(32 * (r.bars() + 1)).append("dt,turnover\n");
    for (int k = 0; k < r.bars(); k++) {
      sb.append(LocalDate.ofEpochDay(r.epochDays()[k])).append(',').append(repr(r.turnover()[k])).append('\n');
    }
    return bytes(sb);
  }

  private static byte[] bytes(StringBuilder sb) {
    return sb.toString().getBytes(StandardCharsets.US_ASCII);
  }
}
