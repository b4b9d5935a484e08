package io.quanteam.eam.policy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/** One gate of a suite: which gate, which version, and its parameters as the suite file states them. */
public record GateSpec(String gateId, String gateVersion, JsonNode params) {

  public GateSpec {
    Objects.requireNonNull(gateId, "gateId");
    Objects.requireNonNull(gateVersion, "gateVersion");
    params = params.deepCopy();
  }

  /** A copy: policies are read-only, so no caller may change what another caller sees. */
  @Override
  public JsonNode params() {
    return params.deepCopy();
  }
}
