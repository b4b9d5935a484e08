package io.quanteam.eam.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quanteam.eam.json.Json;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * What the intent agent needs besides the idea, written into its input so the input's hash covers it: the bundle
 * the job runs under and the snapshot's symbols and dates.
 */
public record IntentContext(String policyBundleId, String gateSuiteId, String snapshotId, List<String> symbols,
    LocalDate firstDate, LocalDate lastDate) {
  public IntentContext {
    symbols = List.copyOf(symbols);
  }

  public ObjectNode toJson() {
    ObjectNode c = Json.object();
    c.put("policy_bundle_id", policyBundleId);
    c.put("gate_suite_id", gateSuiteId);
    ObjectNode s = c.putObject("snapshot");
    s.put("snapshot_id", snapshotId);
    symbols.forEach(s.putArray("symbols")::add);
    s.put("first_date", firstDate.toString());
    s.put("last_date", lastDate.toString());
    return c;
  }

  static IntentContext of(JsonNode c) {
    JsonNode s = c.path("snapshot");
    List<String> symbols = new ArrayList<>();
    s.path("symbols").forEach(n -> symbols.add(n.asText()));
    return new IntentContext(c.path("policy_bundle_id").asText(), c.path("gate_suite_id").asText(),
        s.path("snapshot_id").asText(), symbols, LocalDate.parse(s.path("first_date").asText()),
        LocalDate.parse(s.path("last_date").asText()));
  }
}
