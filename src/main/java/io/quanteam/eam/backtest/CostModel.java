package io.quanteam.eam.backtest;

/**
 * Trading costs of the cost policy, in basis points (and {@code minFee} in currency units of the sleeve).
 * Commission and the minimum fee apply to buys and sells; tax to sells only; slippage moves the fill price.
 */
public record CostModel(double commissionBps, double slippageBps, double taxBps, double minFee) {
  public static final CostModel ZERO = new CostModel(0, 0, 0, 0);

  public CostModel {
    requireNonNegative("commissionBps", commissionBps);
    requireNonNegative("slippageBps", slippageBps);
    requireNonNegative("taxBps", taxBps);
    requireNonNegative("minFee", minFee);
  }

  /** c = commission_bps / 10⁴. */
  public double commission() {
    return commissionBps / 1e4;
  }

  /** s = slippage_bps / 10⁴. */
  public double slippage() {
    return slippageBps / 1e4;
  }

  /** x = tax_bps / 10⁴. */
  public double tax() {
    return taxBps / 1e4;
  }

  /** The cost-stress variant of {@code gate_cost_x2_v1}: commission and slippage doubled, tax and min fee kept. */
  public CostModel withCommissionAndSlippageDoubled() {
    return new CostModel(2 * commissionBps, 2 * slippageBps, taxBps, minFee);
  }

  private static void requireNonNegative(String name, double value) {
    if (!(value >= 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(name + " must be a finite number >= 0, got " + value);
    }
  }
}
