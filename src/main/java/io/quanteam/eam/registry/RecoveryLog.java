package io.quanteam.eam.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quanteam.eam.json.CanonicalJson;
import io.quanteam.eam.json.Json;
import io.quanteam.eam.json.Sha256;
import java.nio.file.Path;
import java.time.Clock;

/** Repairs torn final lines of the registry's logs and notes each repair in {@code recovery.jsonl} (01 §9). */
final class RecoveryLog {
  private final Path root;
  private final Path file;
  private final Clock clock;

  RecoveryLog(Path root, Clock clock) {
    this.root = root;
    this.file = root.resolve("recovery.jsonl");
    this.clock = clock;
  }

  /** Under the registry lock: truncates a torn last line of {@code log}, if any, and records what was cut. */
  void repair(Path log) {
    JsonlFile.Torn torn = JsonlFile.repairTornTail(log);
    if (torn == null) {
      return;
    }
    ObjectNode note = Json.object()
        .put("action", "truncated_torn_line")
        .put("file", root.relativize(log).toString().replace('\\', '/'))
        .put("kept_bytes", torn.keptBytes())
        .put("removed_bytes", torn.removed().length)
        .put("removed_sha256", Sha256.hex(torn.removed()))
        .put("recorded_at", Timestamps.now(clock));
    JsonlFile.append(file, CanonicalJson.compact(note));
  }
}
