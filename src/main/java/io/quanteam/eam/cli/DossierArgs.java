package io.quanteam.eam.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.quanteam.eam.contract.InvalidInputException;
import io.quanteam.eam.contract.Violation;
import io.quanteam.eam.json.Json;
import io.quanteam.eam.registry.LineageRoots;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/** Arguments shared by the commands that act on a dossier: the folder itself and the lineage it belongs to. */
final class DossierArgs {
  private static final Pattern JOB_ID = io.quanteam.eam.json.ShortIds.SHORT_ID;

  private DossierArgs() {}

  static Path dossier(Path dir) {
    if (!Files.isRegularFile(dir.resolve("dossier_manifest.json"))) {
      throw InvalidInputException.of(dir.toString(), "", "not_a_dossier",
          "expected a dossier folder with dossier_manifest.json (written by eam run)");
    }
    return dir.toAbsolutePath().normalize();
  }

  /** The given lineage root, or the default lineage of the dossier's blueprint ({@link LineageRoots}). */
  static String lineageRoot(Path dossier, String option) {
    if (option != null) {
      if (!JOB_ID.matcher(option).matches()) {
        throw new InvalidInputException(new Violation("--lineage-root", "", "bad_id",
            "expected a job id: 12 lower-case hex characters", option));
      }
      return option;
    }
    JsonNode config = Json.read(dossier.resolve("config_snapshot.json"));
    return LineageRoots.forBlueprint(config.path("runspec").path("blueprint_ref").path("blueprint_id").asText());
  }
}
