package io.quanteam.eam.job;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;

/**
 * One line of a job's {@code events.jsonl}, parsed once when read so the state fold never touches JSON text.
 *
 * @param seq           the 1-based line number in the file
 * @param schemaVersion {@code job_event_v1} or {@code job_event_v2}
 * @param outputs       the {@code outputs} object (an empty object when absent)
 * @param extensions    the {@code extensions} object (an empty object when absent)
 * @param step          {@code outputs.step} when it is text, else null (checkpoint events name their step here)
 * @param chain         the tamper-evidence link this product writes, or null on lines of older writers
 * @param line          the line's bytes without its newline
 * @param sha256        sha256 of {@code line}
 */
public record JobEvent(int seq, String schemaVersion, String jobId, EventType type, String message,
    JsonNode outputs, JsonNode extensions, String step, Chain chain, byte[] line, String sha256) {

  /** {@code extensions.chain}: this line's number and the sha256 of the line before it. */
  public record Chain(long seq, String prevSha256) {}

  public JobEvent {
    line = line.clone();
  }

  @Override
  public byte[] line() {
    return line.clone();
  }

  /** {@code extensions.recorded_at}, or empty text when the writer recorded none. */
  public String recordedAt() {
    return extensions.path("recorded_at").asText("");
  }

  /** A text field of {@code outputs}, or null. */
  public String output(String field) {
    JsonNode v = outputs.get(field);
    return v != null && v.isTextual() ? v.textValue() : null;
  }

  /**
   * The key under which a path output's hash is recorded beside it ({@code runspec_path} → {@code runspec_sha256}),
   * or null when {@code pathKey} names no path (01 §5: every {@code <name>_path} may carry a {@code <name>_sha256}).
   */
  public static String hashKeyOf(String pathKey) {
    return pathKey.endsWith("_path") ? pathKey.substring(0, pathKey.length() - "_path".length()) + "_sha256" : null;
  }

  /** The sha256 this event recorded beside a path output equal to {@code path}, or null. */
  public String recordedSha256Of(String path) {
    for (var f : outputs.properties()) {
      String hashKey = hashKeyOf(f.getKey());
      if (hashKey != null && path.equals(f.getValue().asText(null)) && output(hashKey) != null) {
        return output(hashKey);
      }
    }
    return null;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof JobEvent e && e.seq == seq && e.sha256.equals(sha256) && Arrays.equals(e.line, line);
  }

  @Override
  public int hashCode() {
    return 31 * seq + sha256.hashCode();
  }

  @Override
  public String toString() {
    return "JobEvent[" + seq + " " + type + (step == null ? "" : "(" + step + ")") + "]";
  }
}
