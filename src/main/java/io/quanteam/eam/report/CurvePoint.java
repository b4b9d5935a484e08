package io.quanteam.eam.report;

import java.time.LocalDate;

/** One row of {@code curve.csv}: portfolio equity at a bar's close, in units of the initial capital. */
record CurvePoint(LocalDate dt, double equity) {}
