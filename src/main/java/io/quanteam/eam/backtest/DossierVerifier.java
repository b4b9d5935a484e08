package io.quanteam.eam.backtest;

import com.fasterxml.jackson.databind.JsonNode;
import io.quanteam.eam.json.Json;
import io.quanteam.eam.json.Sha256;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Checks a dossier's files against the sha256 its manifest recorded. */
public final class DossierVerifier {
  public static final String MANIFEST = "dossier_manifest.json";

  private DossierVerifier() {}

  /** Every problem found: missing manifest, missing file, or a file whose sha256 changed. */
  public static List<String> problems(Path dir) {
    return problems(dir, null);
  }

  /** As {@link #problems(Path)}, for the listed files only (null: every file the manifest names). */
  public static List<String> problems(Path dir, Set<String> only) {
    return check(dir, only, false).problems();
  }

  /**
   * A dossier's files as read once for checking: the manifest, every file it names that could be read (bytes), and
   * the problems found. A reader that uses these bytes acts on exactly what was checked.
   */
  public record Read(JsonNode manifest, Map<String, byte[]> files, List<String> problems) {
    public boolean intact() {
      return problems.isEmpty();
    }
  }

  /** Reads the manifest and every file it names once, checking each against its recorded sha256. */
  public static Read read(Path dir) {
    return read(dir, null);
  }

  /** As {@link #read(Path)}, for the listed files only (null: every file the manifest names). */
  public static Read read(Path dir, Set<String> only) {
    return check(dir, only, true);
  }

  /** The one check behind {@link #problems} and {@link #read}; {@code keepBytes} keeps each matching file's bytes. */
  private static Read check(Path dir, Set<String> only, boolean keepBytes) {
    List<String> out = new ArrayList<>();
    Map<String, byte[]> files = new java.util.LinkedHashMap<>();
    Path manifest = dir.resolve(MANIFEST);
    if (!Files.isRegularFile(manifest)) {
      out.add(manifest + ": missing");
      return new Read(null, Map.of(), out);
    }
    JsonNode m = readManifest(manifest);
    if (m == null) {
      out.add(MANIFEST + ": unreadable (empty or not JSON)");
      return new Read(null, Map.of(), out);
    }
    if (only != null) {
      for (String name : only) {
        if (!m.path("hashes").has(name)) {
          out.add(name + ": not in the manifest");
        }
      }
    }
    for (Map.Entry<String, JsonNode> e : m.path("hashes").properties()) {
      if (only != null && !only.contains(e.getKey())) {
        continue;
      }
      Path f = dir.resolve(e.getKey()).normalize();
      if (!f.startsWith(dir)) {
        out.add(e.getKey() + ": path leaves the dossier");
        continue;
      }
      if (!Files.isRegularFile(f)) {
        out.add(e.getKey() + ": missing");
        continue;
      }
      byte[] bytes = keepBytes ? readAllBytes(f) : null;
      String actual = keepBytes ? Sha256.hex(bytes) : Sha256.ofFile(f);
      if (!actual.equals(e.getValue().asText())) {
        out.add(e.getKey() + ": sha256 " + actual + " but the manifest recorded " + e.getValue().asText());
      } else if (keepBytes) {
        files.put(e.getKey(), bytes);
      }
    }
    return new Read(m, java.util.Collections.unmodifiableMap(files), out);
  }

  private static byte[] readAllBytes(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /** The manifest, or null when it is empty or not JSON (what a power cut can leave of an unforced write). */
  static JsonNode readManifest(Path manifest) {
    try {
      JsonNode m = Json.read(manifest);
      return m != null && m.isObject() ? m : null;
    } catch (io.quanteam.eam.json.JsonInputException e) {
      return null;
    }
  }

  public static void requireIntact(Path dir) {
    List<String> problems = problems(dir);
    if (!problems.isEmpty()) {
      throw new DossierDamagedException(dir, problems);
    }
  }
}
