package io.quanteam.eam.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.quanteam.eam.contract.InvalidInputException;
import io.quanteam.eam.contract.Violation;
import io.quanteam.eam.json.Sha256;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The read-only policy folder. On construction it reads every policy file once, checks the bytes against
 * {@code policy_lock_v1.json}, and indexes the files by id; later loads use those bytes only, so the hash a job
 * records is the hash of exactly what was parsed.
 */
public final class PolicyStore {
  /**
   * The bundle of a new job or compile that names none by path and whose document names none by id (a blueprint
   * always does: submissions then use {@link #bundlePathOf} its {@code policy_bundle_id}). Its suite counts DSR
   * trials on the same data (ADR 0007).
   */
  public static final String DEFAULT_BUNDLE_PATH = "policies/policy_bundle_v3_default.yaml";
  public static final String DEFAULT_BUDGET_PATH = "policies/budget_policy_v1.yaml";
  /** Job specs write bundle paths relative to the application ({@code policies/...}); the root stands for it. */
  private static final String LOGICAL_PREFIX = "policies";

  private static final YAMLMapper YAML = YAMLMapper.builder()
      .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
      .build();

  private final Path root;
  private final SortedMap<String, String> locked;
  private final Map<String, PolicyAsset> byFileName = new TreeMap<>();
  private final Map<String, PolicyAsset> byId = new LinkedHashMap<>();
  /** Bundles as read (the files were read and lock-checked once; a bundle is immutable), by the path asked for. */
  private final java.util.concurrent.ConcurrentHashMap<String, PolicyBundle> bundles =
      new java.util.concurrent.ConcurrentHashMap<>();

  public PolicyStore(Path policiesRoot) {
    this.root = policiesRoot.toAbsolutePath().normalize();
    if (!Files.isDirectory(root)) {
      throw InvalidInputException.of(root.toString(), "", "not_found", "the policies folder does not exist");
    }
    this.locked = PolicyLock.read(root);
    Map<String, byte[]> contents = readAll();
    Map<String, String> actual = new TreeMap<>();
    contents.forEach((name, bytes) -> actual.put(name, Sha256.hex(bytes)));
    List<Violation> lockViolations = PolicyLock.differences(root, locked, actual);
    if (!lockViolations.isEmpty()) {
      throw new InvalidInputException(lockViolations);
    }
    index(contents, actual);
  }

  public Path root() {
    return root;
  }

  /** The lock as read (file name → sha256), sorted by file name. */
  public Map<String, String> lockedHashes() {
    return locked;
  }

  /** Every policy file, sorted by file name. */
  public List<PolicyAsset> assets() {
    return List.copyOf(byFileName.values());
  }

  public Optional<PolicyAsset> asset(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  /**
   * Resolves a bundle path as written in job specs ({@code policies/policy_bundle_v1.yaml}), relative to the
   * policies root, or absolute inside it.
   */
  public PolicyBundle loadBundle(String bundlePath) {
    PolicyAsset asset = resolve(bundlePath, PolicyKind.BUNDLE);
    return bundles.computeIfAbsent(bundlePath, p -> PolicyBundleReader.read(asset, p, this));
  }

  public PolicyBundle loadBundleById(String bundleId) {
    PolicyAsset asset = bundleAsset(bundleId);
    String path = LOGICAL_PREFIX + "/" + asset.fileName();
    return bundles.computeIfAbsent(path, p -> PolicyBundleReader.read(asset, p, this));
  }

  /**
   * The path a job spec records for the bundle with this id ({@code policies/<file>}): how a submission that gives
   * no path uses the bundle its blueprint names.
   *
   * @throws InvalidInputException {@code unknown_policy_bundle} (pointer "", for the caller to re-point)
   */
  public String bundlePathOf(String bundleId) {
    return LOGICAL_PREFIX + "/" + bundleAsset(bundleId).fileName();
  }

  private PolicyAsset bundleAsset(String bundleId) {
    PolicyAsset asset = bundleId == null ? null : byId.get(bundleId);
    if (asset == null || asset.kind() != PolicyKind.BUNDLE) {
      throw new InvalidInputException(new Violation(root.toString(), "", "unknown_policy_bundle",
          "no policy bundle has this policy_bundle_id; known: " + String.join(", ", idsOf(PolicyKind.BUNDLE)),
          bundleId));
    }
    return asset;
  }

  /** Loads a budget policy; a null or blank path means {@link #DEFAULT_BUDGET_PATH}. */
  public BudgetPolicy loadBudget(String path) {
    String given = path == null || path.isBlank() ? DEFAULT_BUDGET_PATH : path;
    PolicyAsset asset = resolve(given, PolicyKind.BUDGET);
    return PolicyReader.budget(asset, sourceOf(asset));
  }

  public BudgetPolicy loadBudget() {
    return loadBudget(DEFAULT_BUDGET_PATH);
  }

  String sourceOf(PolicyAsset asset) {
    return root.resolve(asset.fileName()).toString();
  }

  List<String> idsOf(PolicyKind kind) {
    return byId.values().stream().filter(a -> a.kind() == kind).map(PolicyAsset::id).sorted().toList();
  }

  private PolicyAsset resolve(String given, PolicyKind kind) {
    Path candidate;
    try {
      if (given == null || given.isBlank() || given.indexOf('\0') >= 0) {
        throw new InvalidPathException(String.valueOf(given), "empty or contains NUL");
      }
      Path p = Path.of(given).normalize();
      if (p.isAbsolute()) {
        candidate = p;
      } else {
        if (p.getNameCount() > 1 && p.getName(0).toString().equals(LOGICAL_PREFIX)) {
          p = p.subpath(1, p.getNameCount());
        }
        candidate = root.resolve(p).normalize();
      }
    } catch (InvalidPathException e) {
      throw new InvalidInputException(new Violation(String.valueOf(given), "", "invalid_path",
          "expected a path to a " + kind.label() + " file in " + root, given));
    }
    if (!candidate.startsWith(root) || candidate.equals(root)) {
      throw new InvalidInputException(new Violation(given, "", "path_escape",
          "a " + kind.label() + " path must name a file inside the policies folder " + root, given));
    }
    Path relative = root.relativize(candidate);
    PolicyAsset asset = relative.getNameCount() == 1 ? byFileName.get(relative.toString()) : null;
    if (asset == null) {
      throw new InvalidInputException(new Violation(given, "", "not_found", "no such policy file in " + root
          + "; " + kind.label() + " files: " + String.join(", ", fileNamesOf(kind)), given));
    }
    if (asset.kind() != kind) {
      throw new InvalidInputException(new Violation(given, "", "wrong_policy_kind",
          "expected a " + kind.label() + " file; " + asset.fileName() + " is a " + asset.kind().label(), given));
    }
    return asset;
  }

  private List<String> fileNamesOf(PolicyKind kind) {
    return byFileName.values().stream().filter(a -> a.kind() == kind).map(PolicyAsset::fileName).toList();
  }

  /** Reads each policy file's bytes once, refusing links that leave the folder. */
  private Map<String, byte[]> readAll() {
    Path realRoot;
    try {
      realRoot = root.toRealPath();
    } catch (IOException e) {
      throw InvalidInputException.of(root.toString(), "", "unreadable", "cannot resolve the policies folder: " + e);
    }
    Map<String, byte[]> contents = new TreeMap<>();
    List<Violation> violations = new ArrayList<>();
    for (Path file : PolicyLock.policyFiles(root)) {
      String name = file.getFileName().toString();
      try {
        Path real = file.toRealPath();
        if (!real.startsWith(realRoot)) {
          violations.add(new Violation(file.toString(), "", "path_escape",
              "a policy file must not link outside the policies folder", real.toString()));
          continue;
        }
        contents.put(name, Files.readAllBytes(real));
      } catch (IOException e) {
        violations.add(Violation.of(file.toString(), "", "unreadable", "cannot read the policy file: " + e));
      }
    }
    if (!violations.isEmpty()) {
      throw new InvalidInputException(violations);
    }
    return contents;
  }

  private void index(Map<String, byte[]> contents, Map<String, String> hashes) {
    List<Violation> violations = new ArrayList<>();
    Map<String, String> fileOfId = new TreeMap<>();
    contents.forEach((name, bytes) -> {
      String source = root.resolve(name).toString();
      Optional<PolicyKind> kind = PolicyKind.ofFileName(name);
      if (kind.isEmpty()) {
        violations.add(new Violation(source, "", "unknown_policy_kind",
            "a policy file name starts with its kind: " + kindPrefixes(), name));
        return;
      }
      JsonNode tree = parse(bytes, source, violations);
      if (tree == null) {
        return;
      }
      String idKey = kind.get().idKey();
      JsonNode id = tree.get(idKey);
      if (id == null || !id.isTextual() || id.textValue().isBlank()) {
        violations.add(new Violation(source, "/" + idKey, "required",
            "a " + kind.get().label() + " file states its " + idKey, id == null ? null : id.toString()));
        return;
      }
      String previous = fileOfId.putIfAbsent(id.textValue(), name);
      if (previous != null) {
        violations.add(new Violation(source, "/" + idKey, "duplicate_policy_id",
            "id " + id.textValue() + " is used by both " + previous + " and " + name, id.textValue()));
        return;
      }
      PolicyAsset asset = new PolicyAsset(id.textValue(), kind.get(), name, hashes.get(name), tree);
      byFileName.put(name, asset);
      byId.put(asset.id(), asset);
    });
    if (!violations.isEmpty()) {
      throw new InvalidInputException(violations);
    }
  }

  private static JsonNode parse(byte[] bytes, String source, List<Violation> violations) {
    try {
      JsonNode tree = YAML.readTree(bytes);
      if (tree == null || !tree.isObject()) {
        violations.add(Violation.of(source, "", "type", "a policy file is a YAML mapping"));
        return null;
      }
      return tree;
    } catch (JsonProcessingException e) {
      String where = e.getLocation() == null ? ""
          : "line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
      violations.add(Violation.of(source, where, "yaml_syntax", e.getOriginalMessage()));
      return null;
    } catch (IOException e) {
      violations.add(Violation.of(source, "", "unreadable", e.getMessage()));
      return null;
    }
  }

  private static String kindPrefixes() {
    List<String> prefixes = new ArrayList<>();
    for (PolicyKind k : PolicyKind.values()) {
      prefixes.add(k.filePrefix());
    }
    return String.join(", ", prefixes);
  }
}
