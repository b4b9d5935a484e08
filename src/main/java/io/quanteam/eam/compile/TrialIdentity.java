package io.quanteam.eam.compile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quanteam.eam.json.CanonicalJson;
import io.quanteam.eam.json.Json;
import java.util.List;
import java.util.TreeSet;

/**
 * What makes two runs the same trial for multiple testing, read from a runspec (ADR 0007).
 *
 * <p>{@code computationId} is the run id of the runspec without its names — {@code blueprint_ref} (the blueprint's
 * id and hash, which cover its title and description) and {@code extensions.blueprint_title}: runs with equal ids
 * compute the same numbers from the same data under the same policies, however the blueprint was called. The
 * data a run mined is its snapshot and its universe, the sorted set of symbols it traded.
 *
 * @param computationId  {@code sha256(canonical(runspec without names))[:12]}
 * @param dataSnapshotId the runspec's {@code data_snapshot_id}
 * @param universe       the runspec's {@code symbols}, sorted, each once
 */
public record TrialIdentity(String computationId, String dataSnapshotId, List<String> universe) {
  public TrialIdentity {
    universe = List.copyOf(universe);
  }

  /** The identity of a runspec; anything but an object (a caller's missing runspec) has no names to remove. */
  public static TrialIdentity of(JsonNode runspec) {
    ObjectNode unnamed = runspec instanceof ObjectNode o ? o.deepCopy() : Json.object();
    unnamed.remove("blueprint_ref");
    if (unnamed.get("extensions") instanceof ObjectNode ext) {
      ext.remove("blueprint_title");
    }
    TreeSet<String> symbols = new TreeSet<>();
    runspec.path("symbols").forEach(s -> symbols.add(s.asText()));
    return new TrialIdentity(CanonicalJson.sha256(unnamed).substring(0, 12),
        runspec.path("data_snapshot_id").asText(), List.copyOf(symbols));
  }
}
