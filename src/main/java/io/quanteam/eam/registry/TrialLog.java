package io.quanteam.eam.registry;

import com.fasterxml.jackson.databind.JsonNode;
import io.quanteam.eam.json.Json;
import io.quanteam.eam.json.JsonInputException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code trial_log.jsonl} and its in-memory index (run_id → entry, lineage → per-bar SRs), built once and then
 * extended by reading only the bytes appended since — by this process or another one.
 */
final class TrialLog {
  private final Path file;
  private final Map<String, JsonNode> byRun = new LinkedHashMap<>();
  private final Map<String, List<Double>> srsByLineage = new HashMap<>();
  private long offset;
  private int lineCount;
  private long bytesRead;

  TrialLog(Path file) {
    this.file = file;
  }

  Path file() {
    return file;
  }

  /** Catches up with the file: reads only its new complete lines; starts over if it was replaced by a shorter one. */
  synchronized void refresh() {
    long size = JsonlFile.size(file);
    if (size == offset) {
      return;
    }
    if (size < offset) {
      byRun.clear();
      srsByLineage.clear();
      offset = 0;
      lineCount = 0;
    }
    JsonlFile.Tail tail = JsonlFile.readTail(file, offset);
    for (String line : tail.lines()) {
      index(line);
    }
    bytesRead += tail.end() - offset;
    offset = tail.end();
  }

  synchronized JsonNode get(String runId) {
    refresh();
    return byRun.get(runId);
  }

  synchronized List<JsonNode> all() {
    refresh();
    return List.copyOf(byRun.values());
  }

  synchronized double[] lineageSrs(String lineageRootJobId) {
    refresh();
    List<Double> srs = srsByLineage.getOrDefault(lineageRootJobId, List.of());
    double[] out = new double[srs.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = srs.get(i);
    }
    return out;
  }

  /** Bytes read from the log since this index was created (lets a test see that lookups read only the tail). */
  synchronized long bytesRead() {
    return bytesRead;
  }

  private void index(String line) {
    lineCount++;
    JsonNode entry;
    try {
      entry = Json.parse(line, file + " line " + lineCount);
    } catch (JsonInputException e) {
      // A complete line that is not JSON is damage, not a torn write: stop rather than guess.
      throw new IllegalStateException("the trial log is damaged: " + e.getMessage(), e);
    }
    String runId = entry.path("run_id").asText();
    if (byRun.putIfAbsent(runId, entry) != null) {
      return;
    }
    JsonNode sr = entry.get("sr");
    if (sr != null && sr.isNumber()) {
      srsByLineage.computeIfAbsent(entry.path("lineage_root_job_id").asText(), k -> new ArrayList<>())
          .add(sr.doubleValue());
    }
  }
}
