package io.quanteam.eam.backtest;

import com.fasterxml.jackson.databind.JsonNode;
import io.quanteam.eam.json.Sha256;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Whether a checked dossier is what its runspec produces: every result file ({@link DossierWriter#evidence}) is
 * re-rendered and compared byte for byte. A manifest only proves the files were not changed after it was written;
 * a file edited and re-hashed into the manifest is caught only here. The determinism gate and dossier reuse share
 * this one comparison.
 *
 * @param compared  the result files re-rendered, in dossier order
 * @param differing those whose checked bytes differ from the re-rendered ones
 */
public record DossierReproduction(List<String> compared, List<String> differing) {
  public DossierReproduction {
    compared = List.copyOf(compared);
    differing = List.copyOf(differing);
  }

  public boolean reproduced() {
    return differing.isEmpty();
  }

  /** Compares {@code rendered} result files with an intact {@link DossierVerifier.Read} of the dossier. */
  public static DossierReproduction of(Map<String, byte[]> rendered, DossierVerifier.Read read) {
    JsonNode recorded = read.manifest() == null ? null : read.manifest().path("hashes");
    List<String> differing = new ArrayList<>();
    for (Map.Entry<String, byte[]> f : rendered.entrySet()) {
      byte[] checked = read.files().get(f.getKey());
      // Bytes not kept by the read (a partial read) are compared through the manifest hash they were checked against.
      boolean same = checked != null ? Arrays.equals(checked, f.getValue())
          : recorded != null && Sha256.hex(f.getValue()).equals(recorded.path(f.getKey()).asText());
      if (!same) {
        differing.add(f.getKey());
      }
    }
    return new DossierReproduction(List.copyOf(rendered.keySet()), differing);
  }

  /** Re-runs {@code setup} and compares (see {@link #of}). */
  public static DossierReproduction of(RunSetup setup, DossierVerifier.Read read) {
    return of(DossierWriter.evidence(setup), read);
  }

  /** The problems to report when not reproduced, a line per file. */
  public List<String> problems() {
    return differing.stream().map(f -> f + ": not what this runspec produces (re-running it gives other bytes)")
        .toList();
  }
}
