package io.quanteam.eam.policy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/**
 * The gates a run faces, in execution order, and which of them are mandatory: failing a mandatory gate makes the
 * run INVALID (the job ends in ERROR) instead of an ordinary FAIL (02 §8).
 *
 * @param minTestSliceBars    the fewest bars a walk-forward test slice may have, or null when the suite does not say
 * @param requireClearHoldout every train and test segment must end (as_of included) before the holdout starts;
 *                            false for the reference's suites, whose demo evaluates one range three times
 */
public record GateSuite(String policyId, List<GateSpec> gates, List<String> mandatoryGates, JsonNode holdoutPolicy,
    Integer minTestSliceBars, boolean requireClearHoldout) {

  public GateSuite {
    gates = List.copyOf(gates);
    mandatoryGates = List.copyOf(mandatoryGates);
    holdoutPolicy = holdoutPolicy.deepCopy();
  }

  public Optional<GateSpec> gate(String id) {
    return gates.stream().filter(g -> g.gateId().equals(id)).findFirst();
  }

  public boolean isMandatory(String gateId) {
    return mandatoryGates.contains(gateId);
  }

  @Override
  public JsonNode holdoutPolicy() {
    return holdoutPolicy.deepCopy();
  }
}
