package io.quanteam.eam.policy;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A resolved policy bundle: the one handle a job names, with every policy it points to.
 *
 * @param bundlePath       the path as the caller gave it (e.g. {@code policies/policy_bundle_v1.yaml})
 * @param bundleSha256     sha256 of the bundle file's bytes (recorded by jobs as {@code policy_bundle_sha256})
 * @param policyFileSha256 file name → sha256 for the bundle file and each policy file it uses, sorted by name
 */
public record PolicyBundle(String bundleId, String policyVersion, String bundlePath, String bundleSha256,
    ExecutionPolicy execution, CostPolicy cost, AsofLatencyPolicy asof, RiskPolicy risk, GateSuite gateSuite,
    Map<String, String> policyFileSha256) {

  public PolicyBundle {
    policyFileSha256 = Collections.unmodifiableSortedMap(new TreeMap<>(policyFileSha256));
  }
}
