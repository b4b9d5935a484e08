package io.quanteam.eam.policy;

/**
 * Iteration budget and stop conditions of the workflow layer ({@code budget_policy_*.yaml}, 01 §8). A limit of 0
 * allows nothing; {@code stopIfNoImprovementN} = 0 turns that stop off.
 */
public record BudgetPolicy(String policyId, int maxProposalsPerJob, int maxSpawnPerJob, int maxTotalIterations,
    int stopIfNoImprovementN) {}
