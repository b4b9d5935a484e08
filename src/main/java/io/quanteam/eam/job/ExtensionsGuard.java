package io.quanteam.eam.job;

import com.fasterxml.jackson.databind.JsonNode;
import io.quanteam.eam.contract.Violation;
import io.quanteam.eam.policy.PolicyAsset;
import io.quanteam.eam.policy.PolicyKind;
import io.quanteam.eam.policy.PolicyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * {@code extensions} are metadata only (01 §4): a key anywhere in them that names a policy, a policy selector or
 * a policy parameter is refused, so no job can carry a policy past the read-only policy folder.
 */
final class ExtensionsGuard {
  private static final Set<String> ALWAYS = Set.of("policy_overrides", "overrides", "execution_policy",
      "cost_policy", "risk_policy", "gate_suite", "budget_policy", "policy_bundle", "commission_bps",
      "slippage_bps", "policy_bundle_id", "policy_bundle_path", "budget_policy_path");

  private final SortedSet<String> forbidden = new TreeSet<>(ALWAYS);

  /** The list grows with the policy folder: every kind name, bundle key, and key found under any {@code params}. */
  ExtensionsGuard(PolicyStore policies) {
    for (PolicyKind kind : PolicyKind.values()) {
      forbidden.add(kind.filePrefix().substring(0, kind.filePrefix().length() - 1));
      kind.bundleKey().ifPresent(forbidden::add);
    }
    for (PolicyAsset asset : policies.assets()) {
      if (asset.kind() != PolicyKind.BUNDLE) {
        collectKeys(asset.content().path("params"), forbidden);
      }
    }
  }

  SortedSet<String> forbidden() {
    return java.util.Collections.unmodifiableSortedSet(forbidden);
  }

  /** Violations for {@code extensions} at {@code pointer}; top-level keys in {@code exempt} are not searched. */
  List<Violation> check(JsonNode extensions, String pointer, Set<String> exempt, String source) {
    List<Violation> violations = new ArrayList<>();
    if (extensions == null || !extensions.isObject()) {
      return violations;
    }
    for (Map.Entry<String, JsonNode> e : extensions.properties()) {
      if (!exempt.contains(e.getKey())) {
        walk(e.getKey(), e.getValue(), pointer, source, violations);
      }
    }
    return violations;
  }

  private void walk(String key, JsonNode value, String parent, String source, List<Violation> out) {
    String here = parent + "/" + escape(key);
    if (forbidden.contains(key)) {
      out.add(new Violation(source, here, "policy_in_extensions",
          "extensions are metadata only and may not name or override a policy parameter; policies come from "
              + "the policy bundle", key));
      return;
    }
    descend(value, here, source, out);
  }

  private void descend(JsonNode value, String at, String source, List<Violation> out) {
    if (value.isObject()) {
      value.properties().forEach(e -> walk(e.getKey(), e.getValue(), at, source, out));
    } else if (value.isArray()) {
      for (int i = 0; i < value.size(); i++) {
        descend(value.get(i), at + "/" + i, source, out);
      }
    }
  }

  private static void collectKeys(JsonNode node, Set<String> into) {
    if (node.isObject()) {
      node.properties().forEach(e -> {
        into.add(e.getKey());
        collectKeys(e.getValue(), into);
      });
    } else if (node.isArray()) {
      node.forEach(item -> collectKeys(item, into));
    }
  }

  private static String escape(String key) {
    return key.replace("~", "~0").replace("/", "~1");
  }
}
