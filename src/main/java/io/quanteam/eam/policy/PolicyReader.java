package io.quanteam.eam.policy;

import com.fasterxml.jackson.databind.JsonNode;
import io.quanteam.eam.json.Json;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Turns one indexed policy file into its value, refusing anything outside the declared fields and domains: a
 * typo in a policy must stop a run, not silently fall back to a default.
 */
final class PolicyReader {
  static final Set<String> POLICY_KEYS = Set.of("policy_id", "policy_version", "title", "description", "params");
  private static final String PARAMS = "/params";

  private PolicyReader() {}

  static ExecutionPolicy execution(PolicyAsset asset, String source) {
    PolicyFields f = new PolicyFields(source);
    JsonNode p = params(asset, f, Set.of("order_timing", "fill_price", "allow_short", "lot_size", "rounding"));
    ExecutionPolicy policy = new ExecutionPolicy(asset.id(),
        f.oneOf(p, PARAMS, "order_timing", List.of("next_open", "close", "next_close")),
        f.oneOf(p, PARAMS, "fill_price", List.of("open", "close", "vwap")),
        f.bool(p, PARAMS, "allow_short"),
        f.integer(p, PARAMS, "lot_size", 1),
        f.oneOf(p, PARAMS, "rounding", List.of("floor", "round", "ceil")));
    f.throwIfAny();
    return policy;
  }

  static CostPolicy cost(PolicyAsset asset, String source) {
    PolicyFields f = new PolicyFields(source);
    JsonNode p = params(asset, f, Set.of("commission_bps", "slippage_bps", "tax_bps", "min_fee", "currency"));
    CostPolicy policy = new CostPolicy(asset.id(),
        f.number(p, PARAMS, "commission_bps", 0, Double.MAX_VALUE),
        f.number(p, PARAMS, "slippage_bps", 0, Double.MAX_VALUE),
        f.number(p, PARAMS, "tax_bps", 0, Double.MAX_VALUE),
        f.number(p, PARAMS, "min_fee", 0, Double.MAX_VALUE),
        f.text(p, PARAMS, "currency"));
    f.throwIfAny();
    return policy;
  }

  static AsofLatencyPolicy asof(PolicyAsset asset, String source) {
    PolicyFields f = new PolicyFields(source);
    JsonNode p = params(asset, f,
        Set.of("asof_rule", "default_latency_seconds", "bar_close_to_signal_seconds", "trade_lag_bars_default"));
    AsofLatencyPolicy policy = new AsofLatencyPolicy(asset.id(),
        // The only rule the data layer implements (02 §3); another spelling would silently mean nothing.
        f.oneOf(p, PARAMS, "asof_rule", List.of("available_at<=as_of")),
        f.longInteger(p, PARAMS, "default_latency_seconds", 0),
        f.longInteger(p, PARAMS, "bar_close_to_signal_seconds", 0),
        f.integer(p, PARAMS, "trade_lag_bars_default", 0));
    f.throwIfAny();
    return policy;
  }

  static RiskPolicy risk(PolicyAsset asset, String source) {
    PolicyFields f = new PolicyFields(source);
    JsonNode p = params(asset, f, Set.of("max_leverage", "max_positions", "max_turnover", "max_drawdown"));
    RiskPolicy policy = new RiskPolicy(asset.id(),
        f.number(p, PARAMS, "max_leverage", 0, Double.MAX_VALUE),
        f.integer(p, PARAMS, "max_positions", 1),
        f.number(p, PARAMS, "max_turnover", 0, Double.MAX_VALUE),
        f.number(p, PARAMS, "max_drawdown", 0, 1));
    f.throwIfAny();
    return policy;
  }

  static BudgetPolicy budget(PolicyAsset asset, String source) {
    PolicyFields f = new PolicyFields(source);
    JsonNode p = params(asset, f,
        Set.of("max_proposals_per_job", "max_spawn_per_job", "max_total_iterations", "stop_if_no_improvement_n"));
    BudgetPolicy policy = new BudgetPolicy(asset.id(),
        f.integer(p, PARAMS, "max_proposals_per_job", 0),
        f.integer(p, PARAMS, "max_spawn_per_job", 0),
        f.integer(p, PARAMS, "max_total_iterations", 0),
        f.integer(p, PARAMS, "stop_if_no_improvement_n", 0));
    f.throwIfAny();
    return policy;
  }

  /**
   * Gate ids and versions are checked here; each gate's own params are the gate's business (the gate runner
   * validates them), so they pass through as written. Mandatory gates need not be listed among the suite's
   * gates: the runner runs the suite in order, then any mandatory gate not yet run (02 §8).
   */
  static GateSuite gateSuite(PolicyAsset asset, String source) {
    PolicyFields f = new PolicyFields(source);
    JsonNode p = params(asset, f, Set.of("gates", "mandatory_gates", "holdout_policy", "min_test_slice_bars"));
    List<GateSpec> gates = new ArrayList<>();
    JsonNode list = p.get("gates");
    if (list == null || !list.isArray() || list.isEmpty()) {
      f.fail("/params/gates", list == null ? "required" : "type", "expected a non-empty list of gates", list);
    } else {
      Set<String> seen = new HashSet<>();
      for (int i = 0; i < list.size(); i++) {
        String base = "/params/gates/" + i;
        Optional<GateSpec> g = gate(list.get(i), base, f);
        if (g.isPresent() && !seen.add(g.get().gateId())) {
          f.fail(base + "/gate_id", "duplicate_gate", "each gate appears once in a suite", g.get().gateId());
        }
        g.ifPresent(gates::add);
      }
    }
    List<String> mandatory = mandatoryGates(p.get("mandatory_gates"), f);
    JsonNode holdout = f.object(p, PARAMS, "holdout_policy");
    if (p.has("min_test_slice_bars")) {
      f.integer(p, PARAMS, "min_test_slice_bars", 1); // optional; checked here, used by the gate runner
    }
    f.throwIfAny();
    return new GateSuite(asset.id(), gates, mandatory, holdout);
  }

  private static Optional<GateSpec> gate(JsonNode node, String base, PolicyFields f) {
    if (!node.isObject()) {
      f.fail(base, "type", "expected a mapping {gate_id, gate_version, params}", node);
      return Optional.empty();
    }
    f.onlyKeys(node, base, Set.of("gate_id", "gate_version", "params"), Set.of(), "");
    String id = f.text(node, base, "gate_id");
    String version = f.text(node, base, "gate_version");
    JsonNode params = node.has("params") ? f.object(node, base, "params") : Json.object();
    return id.isEmpty() || version.isEmpty() ? Optional.empty()
        : Optional.of(new GateSpec(id, version, params));
  }

  private static List<String> mandatoryGates(JsonNode node, PolicyFields f) {
    String base = "/params/mandatory_gates";
    if (node == null || !node.isArray()) {
      f.fail(base, node == null ? "required" : "type", "expected a list of gate ids (may be empty)", node);
      return List.of();
    }
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      JsonNode v = node.get(i);
      if (!v.isTextual() || v.textValue().isBlank()) {
        f.fail(base + "/" + i, "type", "expected a gate id", v);
      } else if (ids.contains(v.textValue())) {
        f.fail(base + "/" + i, "duplicate_gate", "each mandatory gate is listed once", v);
      } else {
        ids.add(v.textValue());
      }
    }
    return ids;
  }

  /** Checks the top level of a policy file and returns its params mapping, refusing unknown params. */
  private static JsonNode params(PolicyAsset asset, PolicyFields f, Set<String> paramKeys) {
    JsonNode content = asset.content();
    f.onlyKeys(content, "", POLICY_KEYS, Set.of(), "");
    f.text(content, "", "policy_version");
    f.optionalText(content, "", "title");
    f.optionalText(content, "", "description");
    JsonNode params = f.object(content, "", "params");
    f.onlyKeys(params, PARAMS, paramKeys, Set.of(), "");
    return params;
  }
}
