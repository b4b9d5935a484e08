package io.quanteam.eam.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quanteam.eam.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code outputs/outputs.json}: a convenience index of references (ids, hashes, relative paths) rebuilt from the
 * events and the files on disk. Nothing decides anything from it; {@code events.jsonl} stays the truth.
 */
final class OutputsIndex {
  static final String FILE = "outputs/outputs.json";
  private static final String BUNDLE_REF = "outputs/policy_bundle_ref.json";
  /** Checkpoint, audit and terminal events carry no outputs of the job. */
  private static final Set<EventType> NOT_OUTPUTS = Set.of(EventType.WAITING_APPROVAL, EventType.APPROVED,
      EventType.DONE, EventType.ERROR, EventType.STOPPED_BUDGET, EventType.SPAWNED);

  private OutputsIndex() {}

  static JsonNode build(String jobId, Path jobDir, List<JobEvent> events) {
    ObjectNode index = Json.object();
    JsonNode bundleRef = JobFiles.readJson(jobId, jobDir, BUNDLE_REF);
    if (bundleRef != null) {
      index.put("policy_bundle_ref_path", BUNDLE_REF);
      bundleRef.properties().forEach(e -> putReference(index, e.getKey(), e.getValue()));
    }
    ArrayNode children = Json.MAPPER.createArrayNode();
    for (JobEvent e : events) {
      if (e.type() == EventType.SPAWNED && e.output("child_job_id") != null) {
        children.add(e.output("child_job_id"));
      }
      if (!NOT_OUTPUTS.contains(e.type())) {
        e.outputs().properties().forEach(f -> putReference(index, f.getKey(), f.getValue()));
      }
    }
    if (!children.isEmpty()) {
      index.set("spawned_child_job_ids", children);
    }
    index.set("files", files(jobId, jobDir));
    return index;
  }

  /** Ids, hashes and relative paths only; absolute paths (older writers) are not portable and are left out. */
  private static void putReference(ObjectNode index, String key, JsonNode value) {
    boolean reference = key.endsWith("_id") || key.endsWith("_sha256") || key.endsWith("_path");
    if (!reference || !value.isTextual() || key.endsWith("_path") && value.textValue().startsWith("/")) {
      return;
    }
    index.put(key, value.textValue());
  }

  /** Every file under outputs/ (relative to the job folder, sorted), the index itself excepted. */
  private static ArrayNode files(String jobId, Path jobDir) {
    ArrayNode out = Json.MAPPER.createArrayNode();
    Path outputs = jobDir.resolve("outputs");
    if (!JobFiles.folder(jobId, jobDir, "outputs")) {
      return out;
    }
    try (Stream<Path> walk = Files.walk(outputs)) { // a walk does not follow links
      walk.filter(p -> Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS))
          .map(p -> jobDir.relativize(p).toString().replace('\\', '/'))
          .filter(p -> !p.equals(FILE) && !Path.of(p).getFileName().toString().startsWith("."))
          .sorted()
          .forEach(out::add);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + outputs + ": " + e.getMessage(), e);
    }
    return out;
  }

}
