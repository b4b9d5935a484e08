package io.quanteam.eam.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quanteam.eam.json.Json;
import io.quanteam.eam.json.Sha256;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Parses {@code events.jsonl} bytes into {@link JobEvent}s, once; accepts job_event_v1 and v2 forever. */
final class EventLines {
  private static final JsonNode EMPTY = Json.object();

  private EventLines() {}

  /** Complete lines only; a final line without newline is reported as a torn tail, not parsed. */
  static JobEvents parse(String jobId, byte[] bytes) {
    return parseAfter(new JobEvents(jobId, List.of(), 0), bytes);
  }

  /** {@code known} followed by the complete lines of {@code more} (the bytes after known's complete lines). */
  static JobEvents parseAfter(JobEvents known, byte[] more) {
    String jobId = known.jobId();
    List<JobEvent> events = new ArrayList<>(known.list());
    int start = 0;
    int seq = known.size();
    for (int i = 0; i < more.length; i++) {
      if (more[i] == '\n') {
        seq++;
        events.add(parseLine(jobId, seq, Arrays.copyOfRange(more, start, i)));
        start = i + 1;
      }
    }
    return new JobEvents(jobId, events, more.length - start);
  }

  static JobEvent parseLine(String jobId, int seq, byte[] line) {
    JsonNode node;
    try {
      node = Json.MAPPER.readTree(line);
    } catch (IOException e) {
      throw new JobLogException(jobId, seq, "not a JSON object: " + e.getMessage().lines().findFirst().orElse(""));
    }
    if (node == null || !node.isObject()) {
      throw new JobLogException(jobId, seq, "expected one JSON object per line");
    }
    String version = node.path("schema_version").asText("");
    if (!EventType.V1.equals(version) && !EventType.V2.equals(version)) {
      throw new JobLogException(jobId, seq, "schema_version must be job_event_v1 or job_event_v2, found '"
          + version + "'");
    }
    String typeName = node.path("event_type").asText("");
    EventType type = EventType.parse(typeName)
        .filter(t -> t.allowedIn(version))
        .orElseThrow(() -> new JobLogException(jobId, seq, "event_type '" + typeName + "' is not a " + version
            + " type"));
    String lineJobId = node.path("job_id").asText("");
    if (!lineJobId.equals(jobId)) {
      throw new JobLogException(jobId, seq, "job_id is '" + lineJobId + "', expected " + jobId);
    }
    JsonNode outputs = objectOrEmpty(node, "outputs", jobId, seq);
    JsonNode extensions = objectOrEmpty(node, "extensions", jobId, seq);
    JsonNode message = node.get("message");
    if (message != null && !message.isTextual()) {
      throw new JobLogException(jobId, seq, "message must be text");
    }
    JsonNode step = outputs.get("step");
    return new JobEvent(seq, version, jobId, type, message == null ? null : message.textValue(), outputs,
        extensions, step != null && step.isTextual() ? step.textValue() : null, chainOf(extensions, jobId, seq),
        line, Sha256.hex(line));
  }

  private static JsonNode objectOrEmpty(JsonNode node, String field, String jobId, int seq) {
    JsonNode v = node.get(field);
    if (v == null) {
      return EMPTY;
    }
    if (!v.isObject()) {
      throw new JobLogException(jobId, seq, field + " must be an object");
    }
    return v;
  }

  private static JobEvent.Chain chainOf(JsonNode extensions, String jobId, int seq) {
    JsonNode chain = extensions.get("chain");
    if (chain == null) {
      return null;
    }
    JsonNode s = chain.get("seq");
    JsonNode prev = chain.get("prev_sha256");
    if (s == null || !s.isIntegralNumber() || prev == null || !prev.isTextual()) {
      throw new JobLogException(jobId, seq, "extensions.chain must be {seq: integer, prev_sha256: hex}");
    }
    return new JobEvent.Chain(s.longValue(), prev.textValue());
  }

  /** The one line (without newline) a writer appends: job_event_v2, canonical JSON. */
  static ObjectNode newEvent(String jobId, EventType type, ObjectNode outputs, String message, String recordedAt,
      int seq, String prevSha256) {
    ObjectNode e = Json.object();
    e.put("schema_version", EventType.V2);
    e.put("job_id", jobId);
    e.put("event_type", type.name());
    if (message != null) {
      e.put("message", message);
    }
    if (outputs != null) {
      e.set("outputs", outputs);
    }
    ObjectNode ext = e.putObject("extensions");
    ext.put("recorded_at", recordedAt);
    ObjectNode chain = ext.putObject("chain");
    chain.put("seq", seq);
    chain.put("prev_sha256", prevSha256);
    return e;
  }
}
