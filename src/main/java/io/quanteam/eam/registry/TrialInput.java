package io.quanteam.eam.registry;

import com.fasterxml.jackson.databind.JsonNode;
import io.quanteam.eam.json.Json;
import java.nio.file.Path;

/**
 * What the registry records about one run: the dossier's {@code metrics.json} (test_overall) and
 * {@code config_snapshot.json}, the run's {@code gate_results.json}, its lineage, and the card title.
 *
 * @param metrics          the dossier's top-level {@code metrics.json}
 * @param configSnapshot   the dossier's {@code config_snapshot.json} (runspec with blueprint_ref, bundle, snapshot)
 * @param gateResults      a {@code gate_results_v2} document for the same run
 * @param lineageRootJobId the root job of the run's lineage (12 hex)
 * @param jobId            the job that ran it, or null (CLI runs)
 * @param title            the card title (the blueprint's), or null to use the blueprint id
 */
public record TrialInput(JsonNode metrics, JsonNode configSnapshot, JsonNode gateResults, String lineageRootJobId,
    String jobId, String title) {

  /** Reads {@code metrics.json} and {@code config_snapshot.json} from a dossier folder. */
  public static TrialInput fromDossier(Path dossierDir, JsonNode gateResults, String lineageRootJobId,
      String jobId, String title) {
    return new TrialInput(Json.read(dossierDir.resolve("metrics.json")),
        Json.read(dossierDir.resolve("config_snapshot.json")), gateResults, lineageRootJobId, jobId, title);
  }
}
