package io.quanteam.eam.registry;

import com.fasterxml.jackson.databind.JsonNode;
import io.quanteam.eam.gate.PriorTrial;
import io.quanteam.eam.json.Json;
import io.quanteam.eam.json.JsonInputException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code trial_log.jsonl} and its in-memory index (run_id → entry; the trials with an SR by snapshot and by lineage;
 * the first passing run of each computation), built once and then extended by reading only the bytes appended since
 * — by this process or another one.
 */
final class TrialLog {
  private final Path file;
  private final Map<String, JsonNode> byRun = new LinkedHashMap<>();
  private final Map<String, List<Indexed>> bySnapshot = new HashMap<>();
  private final Map<String, List<Indexed>> byLineage = new HashMap<>();
  private final Map<String, String> firstPassByComputation = new HashMap<>();
  private long offset;
  private int lineCount;
  private long bytesRead;

  /** A trial the DSR can count, with the universe its line records (null: a line older than the field). */
  private record Indexed(PriorTrial trial, List<String> universe) {}

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
      bySnapshot.clear();
      byLineage.clear();
      firstPassByComputation.clear();
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
    return byLineage.getOrDefault(lineageRootJobId, List.of()).stream().mapToDouble(i -> i.trial().sr()).toArray();
  }

  /** Trials with an SR on the snapshot whose recorded universe is {@code universe} or unknown, in log order. */
  synchronized List<PriorTrial> onData(String dataSnapshotId, List<String> universe) {
    refresh();
    return bySnapshot.getOrDefault(dataSnapshotId, List.of()).stream()
        .filter(i -> i.universe() == null || i.universe().equals(universe)).map(Indexed::trial).toList();
  }

  synchronized List<PriorTrial> inLineage(String lineageRootJobId) {
    refresh();
    return byLineage.getOrDefault(lineageRootJobId, List.of()).stream().map(Indexed::trial).toList();
  }

  /** The first run of this computation recorded as passing, or null. */
  synchronized String firstPassOf(String computationId) {
    refresh();
    return computationId == null ? null : firstPassByComputation.get(computationId);
  }

  /** Bytes read from the log since this index was created (lets a test see that lookups read only the tail). */
  synchronized long bytesRead() {
    return bytesRead;
  }

  /** The computation id a trial line records, or null for a line older than the field. */
  static String computationId(JsonNode entry) {
    JsonNode c = entry.path("extensions").path(TrialDocuments.COMPUTATION_ID);
    return c.isTextual() ? c.textValue() : null;
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
    String computation = computationId(entry);
    if (computation != null && "pass".equals(entry.path("status").asText())) {
      firstPassByComputation.putIfAbsent(computation, runId);
    }
    JsonNode sr = entry.get("sr");
    if (sr != null && sr.isNumber()) {
      Indexed indexed = new Indexed(new PriorTrial(runId, computation, sr.doubleValue()), universe(entry));
      bySnapshot.computeIfAbsent(entry.path("data_snapshot_id").asText(), k -> new ArrayList<>()).add(indexed);
      byLineage.computeIfAbsent(entry.path("lineage_root_job_id").asText(), k -> new ArrayList<>()).add(indexed);
    }
  }

  private static List<String> universe(JsonNode entry) {
    JsonNode u = entry.path("extensions").path(TrialDocuments.UNIVERSE);
    if (!u.isArray()) {
      return null;
    }
    List<String> symbols = new ArrayList<>();
    u.forEach(s -> symbols.add(s.asText()));
    return List.copyOf(symbols);
  }
}
