package io.quanteam.eam.gate;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;

/**
 * What a gate run decided.
 *
 * @param gateResultsPath the dossier's {@code gate_results.json}
 * @param gateResultsSha256 sha256 of that file's bytes as written (or found)
 * @param gateResults     its content ({@code gate_results_v2})
 * @param overallPass     no gate failed or was invalid, at the top level or in any segment
 * @param invalid         a mandatory gate failed: the run is INVALID and its job ends in ERROR
 * @param invalidGates    the mandatory gates that failed: {@code gate_id}, or {@code segment_id/gate_id} for a
 *                        per-segment gate
 * @param reused          the file already existed and was returned unchanged
 */
public record GateOutcome(Path gateResultsPath, String gateResultsSha256, JsonNode gateResults, boolean overallPass, boolean invalid,
    List<String> invalidGates, boolean reused) {
  public GateOutcome {
    invalidGates = List.copyOf(invalidGates);
  }
}
