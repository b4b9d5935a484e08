package io.quanteam.eam.app;

import io.quanteam.eam.json.StaleTemporaries;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * At the start of {@code eam serve} and {@code eam worker}: the folder-level temporaries a killed writer left (a
 * new job folder, a dossier, a card, a snapshot; a file written with a temporary name directly in one of these
 * roots) are removed once an hour old, so a crash leaves no litter there. Best effort: what cannot be removed is
 * reported and the start goes on. Never the inbox: its files are the user's.
 */
public final class CrashLeftovers {
  static final Duration AGE = Duration.ofHours(1);

  private CrashLeftovers() {}

  /**
   * {@code wallClock} is the real time the file system stamps files with — not {@link EamConfig#clock()}, which
   * {@code SOURCE_DATE_EPOCH} can fix anywhere.
   */
  public static StaleTemporaries.Result remove(EamConfig config, Clock wallClock, PrintWriter err) {
    List<Path> folders = new ArrayList<>(List.of(config.jobRoot(), config.dossierRoot(), config.registryRoot(),
        config.registryRoot().resolve("cards"), config.dataRoot().resolve("lake")));
    folders.removeIf(f -> f.toAbsolutePath().normalize().equals(config.inboxDir().toAbsolutePath().normalize()));
    StaleTemporaries.Result r = StaleTemporaries.removeOlderThan(folders, wallClock.instant().minus(AGE));
    if (!r.removed().isEmpty()) {
      err.println("removed " + r.removed().size() + " temporary file(s) or folder(s) an interrupted writer left "
          + "(older than 1 h): " + String.join(", ", r.removed().stream().map(Path::toString).toList()));
    }
    for (String problem : r.problems()) {
      err.println("warning: " + problem);
    }
    err.flush();
    return r;
  }
}
