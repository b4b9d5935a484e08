package io.quanteam.eam.policy;

import java.util.Arrays;
import java.util.Optional;

/**
 * What a policy file governs. The kind is named by the file name's prefix (the convention of the reference
 * files), so a bundle that points {@code cost_policy_id} at a risk policy is caught before any value is read.
 */
public enum PolicyKind {
  EXECUTION("execution_policy_", "execution_policy_id", "execution policy"),
  COST("cost_policy_", "cost_policy_id", "cost policy"),
  ASOF_LATENCY("asof_latency_policy_", "asof_latency_policy_id", "as-of/latency policy"),
  RISK("risk_policy_", "risk_policy_id", "risk policy"),
  GATE_SUITE("gate_suite_", "gate_suite_id", "gate suite"),
  BUDGET("budget_policy_", null, "budget policy"),
  BUNDLE("policy_bundle_", null, "policy bundle");

  private final String filePrefix;
  private final String bundleKey;
  private final String label;

  PolicyKind(String filePrefix, String bundleKey, String label) {
    this.filePrefix = filePrefix;
    this.bundleKey = bundleKey;
    this.label = label;
  }

  public String filePrefix() {
    return filePrefix;
  }

  /** The key a bundle uses to reference a policy of this kind; empty for kinds a bundle does not hold. */
  public Optional<String> bundleKey() {
    return Optional.ofNullable(bundleKey);
  }

  /** The id key of the file: bundles are {@code policy_bundle_id}, everything else {@code policy_id}. */
  public String idKey() {
    return this == BUNDLE ? "policy_bundle_id" : "policy_id";
  }

  public String label() {
    return label;
  }

  static Optional<PolicyKind> ofFileName(String fileName) {
    return Arrays.stream(values()).filter(k -> fileName.startsWith(k.filePrefix)).findFirst();
  }
}
