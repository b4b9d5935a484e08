package io.quanteam.eam.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quanteam.eam.contract.Contracts;
import io.quanteam.eam.json.CanonicalJson;
import io.quanteam.eam.json.Json;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs an agent as a workflow step writes it (02 §11): its input as {@code agent_input.json}, each output checked
 * against its contract, and {@code agent_run.json} {agent_id, agent_version, provider, input_ref, input_sha256,
 * output_refs} — as files to write under {@code folder} (job-relative, e.g. {@code outputs/agents/intent}), so the
 * caller writes them through the job store. {@link #reusable} tells when a run already recorded stands.
 */
public final class AgentStep {
  public static final String INPUT = "agent_input.json";
  public static final String RUN = "agent_run.json";

  private AgentStep() {}

  /** The files of one run, job-relative path → bytes, {@code agent_run.json} last. */
  public static Map<String, byte[]> run(Agent agent, JsonNode input, String folder) {
    AgentOutput out = agent.run(input);
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put(folder + "/" + INPUT, CanonicalJson.prettyBytes(input));
    ArrayNode refs = Json.MAPPER.createArrayNode();
    for (AgentOutput.File f : out.files()) {
      if (f.contract() != null) {
        Contracts.shared().require(f.document(), f.contract(), agent.agentId() + " output " + f.name());
      }
      files.put(folder + "/" + f.name(), CanonicalJson.prettyBytes(f.document()));
      refs.add(folder + "/" + f.name());
    }
    ObjectNode record = Json.object();
    record.put("schema_version", "agent_run_v1");
    record.put("agent_id", agent.agentId());
    record.put("agent_version", agent.version());
    record.put("provider", agent.provider());
    record.put("input_ref", folder + "/" + INPUT);
    record.put("input_sha256", CanonicalJson.sha256(input));
    record.set("output_refs", refs);
    Contracts.shared().require(record, "agent_run_v1", agent.agentId() + " " + RUN);
    files.put(folder + "/" + RUN, CanonicalJson.prettyBytes(record));
    return files;
  }

  /** Whether {@code recorded} (an agent_run.json) is this agent's run on this very input. */
  public static boolean reusable(JsonNode recorded, Agent agent, JsonNode input) {
    return recorded != null && agent.agentId().equals(recorded.path("agent_id").asText())
        && agent.version().equals(recorded.path("agent_version").asText())
        && agent.provider().equals(recorded.path("provider").asText())
        && CanonicalJson.sha256(input).equals(recorded.path("input_sha256").asText());
  }
}
