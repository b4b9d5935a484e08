package io.quanteam.eam.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quanteam.eam.contract.Contracts;
import io.quanteam.eam.contract.InvalidInputException;
import io.quanteam.eam.contract.Violation;
import io.quanteam.eam.json.AtomicFiles;
import io.quanteam.eam.json.CanonicalJson;
import io.quanteam.eam.json.Json;
import io.quanteam.eam.policy.PolicyBundle;
import io.quanteam.eam.policy.PolicyStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Turns a submitted blueprint or idea into a job folder: the normalised spec (its hash is the job id), the input,
 * the policy bundle reference and the first event, built in a hidden temporary folder and renamed into place, so
 * a crash never leaves half a job and two submitters of one spec get one job.
 */
final class JobSubmission {
  /** {@code extensions.retry_of}: the failed job a retry was submitted for ({@code eam job retry}). */
  static final String RETRY_OF = "retry_of";
  private static final Set<String> IDEA_EXEMPT = Set.of("strategy_template", "lineage", RETRY_OF);
  private static final Set<String> RETRY_EXEMPT = Set.of(RETRY_OF);

  private final JobPaths paths;
  private final Supplier<PolicyStore> policyStore;
  private final EventWriter writer;
  private final SnapshotCatalog snapshots;
  // made on the first submission: a store that only lists, shows or approves never reads the policy folder
  private PolicyStore policies;
  private ExtensionsGuard guard;

  JobSubmission(JobPaths paths, Supplier<PolicyStore> policies, EventWriter writer, SnapshotCatalog snapshots) {
    this.paths = paths;
    this.policyStore = policies;
    this.writer = writer;
    this.snapshots = snapshots;
  }

  private synchronized PolicyStore policies() {
    if (policies == null) {
      policies = policyStore.get();
      guard = new ExtensionsGuard(policies);
    }
    return policies;
  }

  private ExtensionsGuard guard() {
    policies();
    return guard;
  }

  SubmitResult blueprint(JsonNode blueprint, String snapshotId, String bundlePath, JsonNode extensions,
      String source) {
    String path = bundlePath == null || bundlePath.isBlank()
        ? namedBundlePath(blueprint == null ? null : blueprint.get("policy_bundle_id"), "/blueprint/policy_bundle_id",
            source)
        : bundlePath;
    PolicyBundle bundle = loadBundle(path, source);
    ObjectNode spec = Json.object();
    spec.put("schema_version", JobKind.BLUEPRINT.specContract());
    spec.put("snapshot_id", snapshotId);
    spec.put("policy_bundle_path", path);
    spec.put("policy_bundle_id", bundle.bundleId());
    spec.set("blueprint", blueprint == null ? null : blueprint.deepCopy());
    if (extensions != null) {
      spec.set("extensions", extensions.deepCopy());
    }
    Contracts.shared().require(spec, JobKind.BLUEPRINT.specContract(), source);
    List<Violation> violations = new ArrayList<>();
    mismatch(blueprint.path("policy_bundle_id").asText(), bundle, "/blueprint/policy_bundle_id", source)
        .ifPresent(violations::add);
    violations.addAll(guard().check(spec.get("extensions"), "/extensions", RETRY_EXEMPT, source));
    violations.addAll(dataProblems(snapshotId, blueprint.path("universe").path("symbols"), "/blueprint/universe/symbols/",
        source));
    throwIfAny(violations);
    return create(spec, "inputs/blueprint.json", blueprint, bundle, EventType.BLUEPRINT_SUBMITTED, source);
  }

  SubmitResult idea(JsonNode ideaSpec, String source) {
    Contracts.shared().require(ideaSpec, JobKind.IDEA.specContract(), source);
    ObjectNode spec = ideaSpec.deepCopy();
    if (!spec.has("policy_bundle_path")) {
      spec.put("policy_bundle_path", namedBundlePath(spec.get("policy_bundle_id"), "/policy_bundle_id", source));
    }
    PolicyBundle bundle = loadBundle(spec.get("policy_bundle_path").textValue(), source);
    List<Violation> violations = new ArrayList<>();
    if (spec.has("policy_bundle_id")) {
      mismatch(spec.get("policy_bundle_id").textValue(), bundle, "/policy_bundle_id", source)
          .ifPresent(violations::add);
    } else {
      spec.put("policy_bundle_id", bundle.bundleId());
    }
    violations.addAll(guard().check(spec.get("extensions"), "/extensions", IDEA_EXEMPT, source));
    violations.addAll(dataProblems(spec.path("snapshot_id").asText(), spec.path("symbols"), "/symbols/", source));
    violations.addAll(lineageProblems(spec.path("extensions").path("lineage"), source));
    if (spec.path("budget_policy_path").isTextual()) {
      try {
        policies().loadBudget(spec.path("budget_policy_path").textValue());
      } catch (InvalidInputException e) {
        e.violations().forEach(v -> violations.add(new Violation(source, "/budget_policy_path", v.rule(),
            v.message(), v.value())));
      }
    }
    throwIfAny(violations);
    return create(spec, "inputs/idea_spec.json", spec, bundle, EventType.IDEA_SUBMITTED, source);
  }

  /**
   * What can be known now of a job that would end in ERROR at its first stage: its snapshot is not in the lake, or
   * it names a symbol the snapshot lacks ({@code symbols} at {@code pointer}i).
   */
  private List<Violation> dataProblems(String snapshotId, JsonNode universe, String pointer, String source) {
    java.util.Optional<List<String>> symbols = snapshots.symbols(snapshotId);
    if (symbols == null) {
      return List.of();
    }
    if (symbols.isEmpty()) {
      return List.of(new Violation(source, "/snapshot_id", "snapshot_not_found",
          "expected the id of a snapshot in the lake (see `eam snapshot list`)", snapshotId));
    }
    List<Violation> problems = new ArrayList<>();
    for (int i = 0; i < universe.size(); i++) {
      String symbol = universe.get(i).asText();
      if (!symbols.get().contains(symbol)) {
        problems.add(new Violation(source, pointer + i, "unknown_symbol",
            "snapshot " + snapshotId + " has no symbol " + symbol + " (it has " + symbols.get() + ")", symbol));
      }
    }
    return problems;
  }

  /**
   * An idea's {@code extensions.lineage} (01 §8), when given, as a spawn writes it: job ids of 12 hex digits, a
   * generation of 0 or more (the budget counts it) and an iteration equal to it.
   */
  private static List<Violation> lineageProblems(JsonNode lineage, String source) {
    List<Violation> problems = new ArrayList<>();
    if (lineage.isMissingNode()) {
      return problems;
    }
    String at = "/extensions/lineage";
    if (!lineage.isObject()) {
      problems.add(new Violation(source, at, "type", "expected an object {root_job_id, parent_job_id, generation, "
          + "iteration}", lineage.toString()));
      return problems;
    }
    for (String id : List.of("root_job_id", "parent_job_id")) {
      JsonNode v = lineage.get(id);
      if (v != null && !(v.isTextual() && io.quanteam.eam.json.ShortIds.isShortId(v.textValue()))) {
        problems.add(new Violation(source, at + "/" + id, "job_id_format", "a job id is 12 lower-case hex "
            + "characters", v.asText()));
      }
    }
    for (String n : List.of("generation", "iteration")) {
      JsonNode v = lineage.get(n);
      if (v != null && !(v.canConvertToInt() && v.isIntegralNumber() && v.intValue() >= 0)) {
        problems.add(new Violation(source, at + "/" + n, "minimum", "a whole number, 0 or more", v.asText()));
      }
    }
    if (lineage.has("generation") && lineage.has("iteration")
        && lineage.path("generation").asInt() != lineage.path("iteration").asInt()) {
      problems.add(new Violation(source, at + "/iteration", "lineage_iteration", "iteration mirrors generation",
          lineage.path("iteration").asText()));
    }
    return problems;
  }

  private static java.util.Optional<Violation> mismatch(String declared, PolicyBundle bundle, String pointer,
      String source) {
    if (declared.equals(bundle.bundleId())) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(new Violation(source, pointer, "policy_bundle_mismatch",
        "must equal the policy_bundle_id of " + bundle.bundlePath() + " (" + bundle.bundleId() + ")", declared));
  }

  private static void throwIfAny(List<Violation> violations) {
    if (!violations.isEmpty()) {
      throw new InvalidInputException(violations);
    }
  }

  private SubmitResult create(ObjectNode spec, String inputPath, JsonNode input, PolicyBundle bundle,
      EventType first, String source) {
    String jobId = CanonicalJson.sha256(spec).substring(0, 12);
    Path dir = paths.dir(jobId);
    if (JobPaths.isJob(dir)) {
      return new SubmitResult(jobId, SubmitResult.Status.EXISTS, bundle);
    }
    // a folder without a spec is no job: an empty one is replaced by the rename below, anything else is refused
    // (answering "exists" would lose the submission)
    Path tmp = null;
    try {
      tmp = AtomicFiles.tempFolder(paths.root(), jobId);
      ObjectNode ref = Json.object();
      ref.put("policy_bundle_path", spec.get("policy_bundle_path").textValue());
      ref.put("policy_bundle_id", bundle.bundleId());
      ref.put("policy_bundle_sha256", bundle.bundleSha256());
      Map<String, byte[]> files = new LinkedHashMap<>();
      files.put("job_spec.json", CanonicalJson.prettyBytes(spec));
      files.put(inputPath, CanonicalJson.prettyBytes(input));
      files.put("outputs/policy_bundle_ref.json", CanonicalJson.prettyBytes(ref));
      files.put(EventWriter.EVENTS, EventWriter.terminated(
          writer.line(jobId, new JobEvents(jobId, List.of(), 0), first, null, "submitted via " + source)));
      AtomicFiles.fillFolder(tmp, files);
      try {
        // rename(2) onto an existing job folder fails (not empty): the other submitter won
        Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
      } catch (FileSystemException e) {
        if (JobPaths.isJob(dir)) {
          return new SubmitResult(jobId, SubmitResult.Status.EXISTS, bundle);
        }
        if (Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
          throw new ConflictException("job " + jobId + " cannot be created: its folder " + dir + " exists but holds "
              + "no job_spec.json (left by a tool or an interrupted process, not by a submission); move it away and "
              + "submit again");
        }
        throw e;
      }
      tmp = null;
      AtomicFiles.syncDirectory(paths.root());
      return new SubmitResult(jobId, SubmitResult.Status.CREATED, bundle);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create job " + jobId + " in " + paths.root() + ": " + e.getMessage(),
          e);
    } finally {
      AtomicFiles.deleteTree(tmp);
    }
  }

  /**
   * The bundle path of a submission that gives none: that of the bundle its document names by id (a blueprint always
   * names one, and the compiler refuses any other), so a reference blueprint keeps its v1 bundle and job id; the
   * default bundle only when no id is named (an idea, or a document its contract check will refuse).
   */
  private String namedBundlePath(JsonNode namedId, String pointer, String source) {
    if (namedId == null || !namedId.isTextual()) {
      return PolicyStore.DEFAULT_BUNDLE_PATH;
    }
    try {
      return policies().bundlePathOf(namedId.textValue());
    } catch (InvalidInputException e) {
      throw e.at(source, pointer);
    }
  }

  /** The bundle a submission names; a bundle that cannot be loaded is reported at {@code /policy_bundle_path}. */
  private PolicyBundle loadBundle(String path, String source) {
    try {
      return policies().loadBundle(path);
    } catch (InvalidInputException e) {
      throw e.at(source, "/policy_bundle_path");
    }
  }
}
