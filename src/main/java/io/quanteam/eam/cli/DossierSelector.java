package io.quanteam.eam.cli;

import io.quanteam.eam.app.EamConfig;
import io.quanteam.eam.contract.InvalidInputException;
import io.quanteam.eam.contract.Violation;
import java.nio.file.Path;
import java.util.regex.Pattern;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/**
 * How every command that acts on a dossier names it — {@code --run-id ID} (its dossier under the artifact root) or
 * {@code --dossier DIR} — with one meaning of a missing one: invalid input, exit 2.
 */
final class DossierSelector {
  private static final Pattern RUN_ID = io.quanteam.eam.json.ShortIds.SHORT_ID;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Choice choice;

  static final class Choice {
    @Option(names = "--run-id", paramLabel = "ID", description = "the run (12 hex digits): its dossier under the "
        + "artifact root, dossiers/<run_id>")
    String runId;

    @Option(names = "--dossier", paramLabel = "DIR", description = "the dossier folder itself")
    Path dossier;
  }

  /**
   * The dossier folder: InvalidInputException (exit 2) when the id is malformed or no such folder exists. What the
   * command then needs of it (the manifest, gate results, metrics) it checks itself.
   */
  Path resolve(EamConfig config) {
    if (choice.runId != null) {
      // checked before the id touches a path, so it cannot name anything outside the dossier root
      if (!RUN_ID.matcher(choice.runId).matches()) {
        throw new InvalidInputException(new Violation("--run-id", "", "bad_run_id",
            "expected 12 lowercase hex digits", choice.runId));
      }
      Path dir = config.dossierRoot().resolve(choice.runId);
      if (!java.nio.file.Files.isDirectory(dir)) {
        throw new InvalidInputException(new Violation("--run-id", "", "no_such_run",
            "no dossier for this run at " + dir + " (run it first: eam run --runspec F)", choice.runId));
      }
      return dir.toAbsolutePath().normalize();
    }
    if (!java.nio.file.Files.isDirectory(choice.dossier)) {
      throw InvalidInputException.of(choice.dossier.toString(), "", "not_a_dossier",
          "no such folder: expected a dossier folder (dossiers/<run_id>, written by eam run)");
    }
    return choice.dossier.toAbsolutePath().normalize();
  }
}
