package io.quanteam.eam.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.quanteam.eam.json.Json;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * A run's dossier folder as the API and the UI read it: the run id passes its allowlist, the folder is a real folder
 * under the dossier root (not a link) holding its manifest, else 404; its JSON files are read never through a link.
 */
public final class DossierFolders {
  private final Path dossierRoot;

  public DossierFolders(Path dossierRoot) {
    this.dossierRoot = dossierRoot;
  }

  /** The folder of run {@code runId}; 400 for a malformed id, 404 when there is no such dossier. */
  public Path existing(String runId) {
    ApiIds.runId(runId);
    Path dir = dossierRoot.resolve(runId);
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)
        || !Files.isRegularFile(dir.resolve("dossier_manifest.json"), LinkOption.NOFOLLOW_LINKS)) {
      throw ApiProblem.notFound("no run " + runId + " (no dossier by that id)");
    }
    return dir;
  }

  /** A JSON file of the dossier, or JSON null when it is not there (e.g. the gates have not run yet). */
  public static JsonNode json(Path dir, String name) {
    Path file = dir.resolve(name);
    return Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) ? Json.read(file) : Json.MAPPER.nullNode();
  }
}
