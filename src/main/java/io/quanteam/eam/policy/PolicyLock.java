package io.quanteam.eam.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quanteam.eam.contract.InvalidInputException;
import io.quanteam.eam.contract.Violation;
import io.quanteam.eam.json.AtomicFiles;
import io.quanteam.eam.json.CanonicalJson;
import io.quanteam.eam.json.Json;
import io.quanteam.eam.json.Sha256;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code policy_lock_v1.json}: the sha256 of every policy file, so a policy cannot change without a deliberate,
 * reviewable edit of the lock ({@code ./eam policies lock}). Policy files are the folder's top-level
 * {@code *.yaml}/{@code *.yml} files (dot files excepted).
 */
public final class PolicyLock {
  public static final String FILE_NAME = "policy_lock_v1.json";
  public static final String SCHEMA_VERSION = "policy_lock_v1";
  private static final Pattern SHA256 = Pattern.compile("^[0-9a-f]{64}$");

  private PolicyLock() {}

  /** The policy files of a folder, sorted by name. */
  public static List<Path> policyFiles(Path root) {
    try (Stream<Path> entries = Files.list(root)) {
      return entries.filter(PolicyLock::isPolicyFileName).filter(p -> !Files.isDirectory(p)).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + root + ": " + e.getMessage(), e);
    }
  }

  /** File name → sha256 of the file's bytes, for every policy file of the folder. */
  public static SortedMap<String, String> compute(Path root) {
    SortedMap<String, String> hashes = new TreeMap<>();
    for (Path file : policyFiles(root)) {
      hashes.put(file.getFileName().toString(), Sha256.ofFile(file));
    }
    return Collections.unmodifiableSortedMap(hashes);
  }

  /** Recomputes and writes the lock of a folder; returns what it recorded. */
  public static SortedMap<String, String> write(Path root) {
    SortedMap<String, String> hashes = compute(root);
    AtomicFiles.write(root.resolve(FILE_NAME), CanonicalJson.prettyBytes(toJson(hashes)));
    return hashes;
  }

  public static ObjectNode toJson(Map<String, String> hashes) {
    ObjectNode lock = Json.object();
    lock.put("schema_version", SCHEMA_VERSION);
    ObjectNode files = lock.putObject("files");
    new TreeMap<>(hashes).forEach(files::put);
    return lock;
  }

  /** Reads the lock of a folder, refusing a missing or malformed one. */
  public static SortedMap<String, String> read(Path root) {
    Path file = root.resolve(FILE_NAME);
    String source = file.toString();
    if (!Files.isRegularFile(file)) {
      throw InvalidInputException.of(source, "", "missing_lock",
          "the policies folder has no " + FILE_NAME + "; create it deliberately with ./eam policies lock");
    }
    JsonNode lock = Json.read(file);
    List<Violation> violations = new ArrayList<>();
    if (!SCHEMA_VERSION.equals(lock.path("schema_version").asText(null))) {
      violations.add(new Violation(source, "/schema_version", "schema_version", "expected " + SCHEMA_VERSION,
          lock.path("schema_version").toString()));
    }
    JsonNode files = lock.path("files");
    SortedMap<String, String> hashes = new TreeMap<>();
    if (!files.isObject()) {
      violations.add(Violation.of(source, "/files", "required", "expected a mapping file name -> sha256"));
    } else {
      for (Map.Entry<String, JsonNode> e : files.properties()) {
        String value = e.getValue().asText("");
        if (!e.getValue().isTextual() || !SHA256.matcher(value).matches()) {
          violations.add(new Violation(source, PolicyFields.pointer("/files", e.getKey()), "sha256",
              "expected 64 lower-case hex digits", e.getValue().toString()));
        }
        hashes.put(e.getKey(), value);
      }
    }
    if (!violations.isEmpty()) {
      throw new InvalidInputException(violations);
    }
    return Collections.unmodifiableSortedMap(hashes);
  }

  /** Every difference between the lock and the files as read, one violation each (empty when they agree). */
  static List<Violation> differences(Path root, Map<String, String> locked, Map<String, String> actual) {
    String lockSource = root.resolve(FILE_NAME).toString();
    String fix = "; if the change is deliberate, review it and regenerate the lock with ./eam policies lock";
    List<Violation> violations = new ArrayList<>();
    new TreeMap<>(actual).forEach((name, sha) -> {
      String expected = locked.get(name);
      String source = root.resolve(name).toString();
      if (expected == null) {
        violations.add(new Violation(source, "", "policy_not_locked",
            "policy file " + name + " is not in " + FILE_NAME + fix, sha));
      } else if (!expected.equals(sha)) {
        violations.add(new Violation(source, "", "policy_changed", "policy file " + name
            + " changed since it was locked (sha256 " + sha + ", lock says " + expected + ")" + fix, sha));
      }
    });
    new TreeMap<>(locked).forEach((name, sha) -> {
      if (!actual.containsKey(name)) {
        violations.add(new Violation(lockSource, PolicyFields.pointer("/files", name), "locked_file_missing",
            "policy file " + name + " is in the lock but not in the folder" + fix, name));
      }
    });
    return violations;
  }

  private static boolean isPolicyFileName(Path path) {
    String name = path.getFileName().toString();
    return !name.startsWith(".") && (name.endsWith(".yaml") || name.endsWith(".yml"));
  }
}
