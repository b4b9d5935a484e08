package io.quanteam.eam.backtest;

/**
 * One symbol's sleeve state at the close of each of its segment bars (columns aligned with
 * {@code epochDays}): {@code equity[j] = cash[j] + qty[j]·close[j]}.
 */
public record SleeveMarks(String symbol, int[] epochDays, double[] close, double[] qty, double[] cash,
    double[] equity) {

  public int size() {
    return epochDays.length;
  }
}
