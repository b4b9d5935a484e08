package io.quanteam.eam.policy;

/**
 * Order timing and execution mechanics ({@code execution_policy_*.yaml}). Values are validated against their
 * declared domains on load; whether the engine supports a combination is the compiler's decision.
 */
public record ExecutionPolicy(String policyId, String orderTiming, String fillPrice, boolean allowShort, int lotSize,
    String rounding) {}
