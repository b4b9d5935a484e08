package io.quanteam.eam.app;

import io.quanteam.eam.json.StaleTemporaries;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * At the start of {@code eam serve} and {@code eam worker}: the temporaries a killed writer left in the folders
 * the executors write (job root, dossiers, registry and cards, snapshot lake) are removed once they are an hour
 * old, so a crash leaves no litter. Never the inbox: its files are the user's.
 */
public final class CrashLeftovers {
  static final Duration AGE = Duration.ofHours(1);

  private CrashLeftovers() {}

  /** Removes them and says so on {@code err} when there were any. */
  public static List<Path> remove(EamConfig config, PrintWriter err) {
    List<Path> removed = StaleTemporaries.removeOlderThan(List.of(config.jobRoot(), config.dossierRoot(),
        config.registryRoot(), config.registryRoot().resolve("cards"), config.dataRoot().resolve("lake")),
        config.clock().instant().minus(AGE));
    if (!removed.isEmpty()) {
      err.println("removed " + removed.size() + " temporary file(s) or folder(s) an interrupted writer left "
          + "(older than 1 h): " + String.join(", ", removed.stream().map(Path::toString).toList()));
      err.flush();
    }
    return removed;
  }
}
