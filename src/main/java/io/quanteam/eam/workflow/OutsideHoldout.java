package io.quanteam.eam.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quanteam.eam.gate.GateFailures;
import io.quanteam.eam.json.Json;
import java.util.LinkedHashSet;
import java.util.Set;

/** A run's gate verdicts as the agents may read them: {@code {gates_passed, failed_gate_ids}} (02 §11). */
final class OutsideHoldout {
  private OutsideHoldout() {}

  static ObjectNode outcome(JsonNode gateResults) {
    Set<String> failed = new LinkedHashSet<>();
    GateFailures.outsideHoldout(gateResults).forEach(f -> failed.add(f.gateId()));
    ObjectNode o = Json.object();
    o.put("gates_passed", failed.isEmpty());
    ArrayNode ids = o.putArray("failed_gate_ids");
    failed.forEach(ids::add);
    return o;
  }
}
