package io.quanteam.eam.policy;

/** Declared risk limits ({@code risk_policy_*.yaml}) checked by {@code risk_policy_compliance_v1}. */
public record RiskPolicy(String policyId, double maxLeverage, int maxPositions, double maxTurnover,
    double maxDrawdown) {}
