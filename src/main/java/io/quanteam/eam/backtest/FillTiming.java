package io.quanteam.eam.backtest;

/** Which price of bar t fills an order triggered by the lagged signal at t. */
public enum FillTiming {
  /** {@code order_timing: next_open}, {@code fill_price: open}: fill at {@code open[t]}. */
  NEXT_OPEN,
  /** {@code order_timing: close}: fill at {@code close[t]}. */
  CLOSE
}
