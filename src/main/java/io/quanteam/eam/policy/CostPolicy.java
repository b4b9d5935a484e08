package io.quanteam.eam.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quanteam.eam.json.Json;

/** Transaction cost assumptions ({@code cost_policy_*.yaml}); basis points are 1/10⁴ of the traded notional. */
public record CostPolicy(String policyId, double commissionBps, double slippageBps, double taxBps, double minFee,
    String currency) {

  /**
   * The cost stress of {@code gate_cost_x2_v1}: commission and slippage multiplied by {@code factor}; tax and the
   * minimum fee are statutory, so they stay.
   */
  public CostPolicy scaled(double factor) {
    if (!Double.isFinite(factor) || factor < 0) {
      throw new IllegalArgumentException("cost scale factor must be finite and >= 0, got " + factor);
    }
    return new CostPolicy(policyId, commissionBps * factor, slippageBps * factor, taxBps, minFee, currency);
  }

  /** The params as the policy file states them (the gate results' {@code baseline_cost_policy_params}). */
  public JsonNode toParamsJson() {
    ObjectNode params = Json.object();
    params.put("commission_bps", commissionBps);
    params.put("slippage_bps", slippageBps);
    params.put("tax_bps", taxBps);
    params.put("min_fee", minFee);
    params.put("currency", currency);
    return params;
  }
}
