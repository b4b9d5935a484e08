package io.quanteam.eam.backtest;

import java.time.LocalDate;

/** A row of {@code positions.csv}: a held position at the close of one of its symbol's bars. */
public record PositionRow(LocalDate dt, String symbol, double qty, double close, double positionValue,
    double equity) {}
