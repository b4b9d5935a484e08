package io.quanteam.eam.policy;

/** As-of availability rule and default latencies ({@code asof_latency_policy_*.yaml}); guards against lookahead. */
public record AsofLatencyPolicy(String policyId, String asofRule, long defaultLatencySeconds,
    long barCloseToSignalSeconds, int tradeLagBarsDefault) {}
