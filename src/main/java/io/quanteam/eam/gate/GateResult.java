package io.quanteam.eam.gate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quanteam.eam.json.Json;
import java.util.List;
import java.util.Objects;

/**
 * One gate's verdict with its metrics, thresholds (null when the gate has none) and evidence: the dossier
 * artifacts it read and a note on what it checked.
 */
public record GateResult(String gateId, String gateVersion, GateStatus status, ObjectNode metrics,
    ObjectNode thresholds, List<String> artifacts, String notes) {

  public GateResult {
    Objects.requireNonNull(gateId, "gateId");
    Objects.requireNonNull(status, "status");
    artifacts = List.copyOf(artifacts);
  }

  public boolean pass() {
    return !status.blocks();
  }

  /** The same result reclassified: a failed mandatory gate becomes INVALID. */
  GateResult withStatus(GateStatus newStatus) {
    return new GateResult(gateId, gateVersion, newStatus, metrics, thresholds, artifacts, notes);
  }

  public ObjectNode toJson() {
    ObjectNode n = Json.object();
    n.put("gate_id", gateId);
    n.put("gate_version", gateVersion);
    n.put("pass", pass());
    n.put("status", status.wire());
    n.set("metrics", metrics);
    if (thresholds != null) {
      n.set("thresholds", thresholds);
    }
    ObjectNode evidence = n.putObject("evidence");
    var list = evidence.putArray("artifacts");
    artifacts.forEach(list::add);
    evidence.put("notes", notes);
    return n;
  }
}
