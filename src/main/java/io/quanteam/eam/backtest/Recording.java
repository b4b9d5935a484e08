package io.quanteam.eam.backtest;

/** How much a run records beyond the portfolio curve. */
public enum Recording {
  /** Curve, per-date series, trades and per-symbol sleeve marks (what the dossier needs). */
  FULL,
  /** Curve and per-date series only: no trade list, no sleeve marks (the gates' in-memory re-runs). */
  CURVE_ONLY
}
