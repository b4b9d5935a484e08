package io.quanteam.eam.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quanteam.eam.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;

import java.util.Set;

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

  /**
   * Every file under outputs/ (relative to the job folder, sorted), the index itself and hidden files (temporaries)
   * excepted. An entry gone between the folder's read and its stat — a temporary renamed into place by a writer
   * meanwhile — is left out: a job page opened while its job runs answered 500 for it.
   */
  private static ArrayNode files(String jobId, Path jobDir) {
    ArrayNode out = Json.MAPPER.createArrayNode();
    Path outputs = jobDir.resolve("outputs");
    if (!JobFiles.folder(jobId, jobDir, "outputs")) {
      return out;
    }
    List<String> found = new java.util.ArrayList<>();
    try {
      Files.walkFileTree(outputs, new VanishedEntriesSkipped() { // a walk does not follow links
        @Override
        public FileVisitResult visitFile(Path p, BasicFileAttributes a) {
          String rel = jobDir.relativize(p).toString().replace('\\', '/');
          if (a.isRegularFile() && !rel.equals(FILE) && !p.getFileName().toString().startsWith(".")) {
            found.add(rel);
          }
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + outputs + ": " + e.getMessage(), e);
    }
    found.stream().sorted().forEach(out::add);
    return out;
  }

  /** A walk that goes on past an entry removed while it runs, and fails on any other error. */
  static class VanishedEntriesSkipped extends SimpleFileVisitor<Path> {
    @Override
    public FileVisitResult visitFileFailed(Path p, IOException e) throws IOException {
      if (e instanceof NoSuchFileException) {
        return FileVisitResult.CONTINUE;
      }
      throw e;
    }
  }

}
