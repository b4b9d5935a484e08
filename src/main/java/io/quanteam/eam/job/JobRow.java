package io.quanteam.eam.job;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quanteam.eam.json.Json;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One job's list row as the in-memory listing keeps it: plain strings (null when absent), the repeated ones shared
 * — about a third of the memory of the JSON row it comes from (100,000 jobs: ~100 MB as JSON trees).
 *
 * @param updatedAt the time of the job's last event (ISO-8601 UTC), empty when it has none
 * @param error     why the job's files cannot be read (state UNREADABLE), else null
 */
public record JobRow(String jobId, String kind, String title, String state, String phase, String waitingStep,
    String verdict, String outcome, String updatedAt, String error) {

  /** Values many rows repeat (kinds, states, phases, steps, verdicts, outcomes), each kept once. */
  private static final Map<String, String> SHARED = new ConcurrentHashMap<>();
  private static final int SHARED_MAX = 8192;

  /** The row of {@link JobViews#summary}. */
  public static JobRow of(JsonNode row) {
    return new JobRow(row.path("job_id").asText(), shared(text(row, "kind")), text(row, "title"),
        shared(text(row, "state")), shared(text(row, "phase")), shared(text(row, "waiting_step")),
        shared(text(row, "verdict")), shared(text(row, "outcome")), row.path("last_event_at").asText(""),
        text(row, "error"));
  }

  /**
   * The row of {@link #of} from its compact JSON text, read token by token (no tree: a daemon's start reads 100,000
   * of them from the summary index); null when the text is not a JSON object.
   */
  static JobRow parse(String json) {
    String[] v = new String[FIELDS.size()];
    try (JsonParser p = Json.MAPPER.getFactory().createParser(json)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
        Integer i = FIELDS.get(p.currentName());
        JsonToken value = p.nextToken();
        if (value.isStructStart()) {
          p.skipChildren();
          if (i != null) {
            v[i] = ""; // as a tree's asText() of a container
          }
        } else if (i != null && (value != JsonToken.VALUE_NULL || i == 0)) {
          v[i] = p.getText(); // a null job_id reads "null", as a tree's asText() has it
        }
      }
    } catch (java.io.IOException | RuntimeException e) {
      return null;
    }
    return new JobRow(v[0] == null ? "" : v[0], shared(v[1]), v[2], shared(v[3]), shared(v[4]), shared(v[5]),
        shared(v[6]), shared(v[7]), v[8] == null ? "" : v[8], v[9]);
  }

  private static final Map<String, Integer> FIELDS = Map.of("job_id", 0, "kind", 1, "title", 2, "state", 3,
      "phase", 4, "waiting_step", 5, "verdict", 6, "outcome", 7, "last_event_at", 8, "error", 9);

  private static String text(JsonNode row, String field) {
    JsonNode v = row.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  private static String shared(String value) {
    if (value == null) {
      return null;
    }
    String known = SHARED.get(value);
    if (known != null) {
      return known;
    }
    if (SHARED.size() >= SHARED_MAX) {
      return value;
    }
    String previous = SHARED.putIfAbsent(value, value);
    return previous == null ? value : previous;
  }

  /** {job_id, kind, title, state, phase, waiting_step?, verdict, outcome, updated_at, error?} for the API. */
  public ObjectNode toJson() {
    ObjectNode o = Json.object();
    o.put("job_id", jobId);
    put(o, "kind", kind);
    put(o, "title", title);
    put(o, "state", state);
    put(o, "phase", phase);
    put(o, "waiting_step", waitingStep);
    put(o, "verdict", verdict);
    put(o, "outcome", outcome);
    if (!updatedAt.isEmpty()) {
      o.put("updated_at", updatedAt);
    }
    put(o, "error", error);
    return o;
  }

  private static void put(ObjectNode o, String field, String value) {
    if (value != null) {
      o.put(field, value);
    }
  }
}
