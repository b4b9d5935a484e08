package io.quanteam.eam.policy;

import com.fasterxml.jackson.databind.JsonNode;
import io.quanteam.eam.contract.InvalidInputException;
import io.quanteam.eam.contract.Violation;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiFunction;

/** Resolves a bundle file: only ids, each naming a policy of the right kind in the same folder (02 §2). */
final class PolicyBundleReader {
  private static final Set<String> INLINE_KEYS = Set.of("params", "overrides");

  private PolicyBundleReader() {}

  static PolicyBundle read(PolicyAsset bundle, String bundlePath, PolicyStore store) {
    PolicyFields f = new PolicyFields(store.sourceOf(bundle));
    JsonNode content = bundle.content();
    Set<String> allowed = new HashSet<>(Set.of("policy_bundle_id", "policy_version", "title", "description"));
    for (PolicyKind kind : PolicyKind.values()) {
      kind.bundleKey().ifPresent(allowed::add);
    }
    f.onlyKeys(content, "", allowed, INLINE_KEYS,
        "a bundle never inlines parameters: put them in a policy file and reference its id");
    String version = f.text(content, "", "policy_version");
    f.optionalText(content, "", "title");
    f.optionalText(content, "", "description");
    Map<PolicyKind, PolicyAsset> refs = new EnumMap<>(PolicyKind.class);
    for (PolicyKind kind : PolicyKind.values()) {
      kind.bundleKey().ifPresent(key -> reference(content, kind, key, store, f).ifPresent(a -> refs.put(kind, a)));
    }
    f.throwIfAny();

    List<Violation> violations = new ArrayList<>();
    ExecutionPolicy execution = load(refs.get(PolicyKind.EXECUTION), store, PolicyReader::execution, violations);
    CostPolicy cost = load(refs.get(PolicyKind.COST), store, PolicyReader::cost, violations);
    AsofLatencyPolicy asof = load(refs.get(PolicyKind.ASOF_LATENCY), store, PolicyReader::asof, violations);
    RiskPolicy risk = load(refs.get(PolicyKind.RISK), store, PolicyReader::risk, violations);
    GateSuite suite = load(refs.get(PolicyKind.GATE_SUITE), store, PolicyReader::gateSuite, violations);
    if (!violations.isEmpty()) {
      throw new InvalidInputException(violations);
    }
    Map<String, String> hashes = new TreeMap<>();
    hashes.put(bundle.fileName(), bundle.sha256());
    refs.values().forEach(a -> hashes.put(a.fileName(), a.sha256()));
    return new PolicyBundle(bundle.id(), version, bundlePath, bundle.sha256(), execution, cost, asof, risk, suite,
        hashes);
  }

  private static Optional<PolicyAsset> reference(JsonNode content, PolicyKind kind, String key,
      PolicyStore store, PolicyFields f) {
    String id = f.text(content, "", key);
    if (id.isEmpty()) {
      return Optional.empty();
    }
    Optional<PolicyAsset> target = store.asset(id);
    if (target.isEmpty()) {
      f.fail("/" + key, "dangling_policy_id", key + " names " + id + ", but no policy file in " + store.root()
          + " has that id; known " + kind.label() + " ids: " + String.join(", ", store.idsOf(kind)), id);
      return Optional.empty();
    }
    if (target.get().kind() != kind) {
      f.fail("/" + key, "wrong_policy_kind", key + " must name a " + kind.label() + "; " + id + " is a "
          + target.get().kind().label() + " (" + target.get().fileName() + ")", id);
      return Optional.empty();
    }
    return target;
  }

  private static <T> T load(PolicyAsset asset, PolicyStore store, BiFunction<PolicyAsset, String, T> reader,
      List<Violation> violations) {
    try {
      return reader.apply(asset, store.sourceOf(asset));
    } catch (InvalidInputException e) {
      violations.addAll(e.violations());
      return null;
    }
  }
}
