package io.quanteam.eam.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quanteam.eam.contract.Contracts;
import io.quanteam.eam.contract.InvalidInputException;
import io.quanteam.eam.contract.Violation;
import io.quanteam.eam.job.JobStore;
import io.quanteam.eam.job.SubmitResult;
import io.quanteam.eam.json.AtomicFiles;
import io.quanteam.eam.json.CanonicalJson;
import io.quanteam.eam.json.Json;
import io.quanteam.eam.json.JsonInputException;
import io.quanteam.eam.policy.MultipleTestingNote;
import io.quanteam.eam.policy.PolicyStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Submits a file dropped in the inbox like the HTTP call does (01 §9): a job spec ({@code job_spec_v1}) becomes a
 * blueprint job, an idea spec ({@code idea_spec_v1}) an idea job. The answer is written next to where the file
 * goes: {@code .done/<name>.result.json} {job_id, status} or {@code .error/<name>.error.json} {error, violations}.
 * Job ids are hashes of the spec, so the same file dropped twice yields one job ({@code status: exists}).
 */
public final class InboxSubmitter {
  public static final String DONE = ".done";
  public static final String ERROR = ".error";

  private final JobStore jobs;
  private final PolicyStore policies;

  public InboxSubmitter(JobStore jobs, PolicyStore policies) {
    this.jobs = jobs;
    this.policies = policies;
  }

  /**
   * Submits the file at {@code path}, writes its answer file and returns the folder ({@link #DONE} or
   * {@link #ERROR}, relative to the inbox) the file moves to. A file system failure of the job store is thrown,
   * so the file stays where it is and is tried again.
   */
  public String submit(String path) {
    Path file = Path.of(path);
    String name = file.getFileName().toString();
    ObjectNode answer;
    String folder;
    try {
      SubmitResult result = submitDocument(file, "inbox/" + name);
      answer = Json.object().put("job_id", result.jobId()).put("status", result.status().label());
      ObjectNode done = answer;
      MultipleTestingNote.of(policies.loadBundle(jobs.spec(result.jobId()).path("policy_bundle_path").asText()))
          .ifPresent(note -> done.put("note", note));
      folder = DONE;
    } catch (InvalidInputException e) {
      answer = error(e.getMessage(), e.violations());
      folder = ERROR;
    } catch (JsonInputException e) {
      answer = error(e.getMessage(), List.of(Violation.of(e.source(), null, "json_syntax", e.getMessage())));
      folder = ERROR;
    }
    Path target = file.resolveSibling(folder).resolve(name + (DONE.equals(folder) ? ".result.json" : ".error.json"));
    AtomicFiles.write(target, CanonicalJson.prettyBytes(answer));
    return folder;
  }

  /** Submits one inbox document; {@code source} names it in violations and in the job's first event. */
  public SubmitResult submitDocument(Path file, String source) {
    JsonNode doc;
    try {
      doc = Json.parse(Files.readAllBytes(file), source);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
    if (doc == null || !doc.isObject()) {
      throw InvalidInputException.of(source, "", "type", "an inbox file must hold one JSON object (a job spec "
          + "with schema_version job_spec_v1, or an idea spec with schema_version idea_spec_v1)");
    }
    String version = doc.path("schema_version").asText("");
    return switch (version) {
      case "job_spec_v1" -> submitJobSpec((ObjectNode) doc, source);
      case "idea_spec_v1" -> jobs.submitIdea(doc, source);
      case "blueprint_v1" -> throw new InvalidInputException(new Violation(source, "/schema_version",
          "snapshot_required", "a bare blueprint cannot run: it needs a snapshot id. Drop a job spec instead: "
          + "{\"schema_version\": \"job_spec_v1\", \"snapshot_id\": \"demo\", \"blueprint\": {...}}", version));
      default -> throw new InvalidInputException(new Violation(source, "/schema_version", "unknown_schema",
          "must be job_spec_v1 (a blueprint job) or idea_spec_v1 (an idea job)",
          doc.has("schema_version") ? doc.get("schema_version").toString() : null));
    };
  }

  /**
   * A job spec as the HTTP call takes it: {@code policy_bundle_path} defaults to the bundle the spec's
   * {@code policy_bundle_id} names, else the one its blueprint names (an unknown id is refused where it is written),
   * and {@code policy_bundle_id}, when given, must be that bundle's. The whole document is checked against the
   * contract first, so violations point into the file as dropped.
   */
  private SubmitResult submitJobSpec(ObjectNode doc, String source) {
    JsonNode given = doc.get("policy_bundle_path");
    if (given != null && !given.isTextual()) {
      throw new InvalidInputException(new Violation(source, "/policy_bundle_path", "type",
          "a path to a policy bundle, e.g. policies/policy_bundle_v1.yaml (leave it out for the bundle the blueprint"
              + " names)", given.toString()));
    }
    String bundlePath = given != null ? given.textValue() : namedBundlePath(doc, source);
    String bundleId;
    try {
      bundleId = policies.loadBundle(bundlePath).bundleId();
    } catch (InvalidInputException e) {
      throw e.at(source, "/policy_bundle_path");
    }
    ObjectNode complete = doc.deepCopy();
    complete.put("policy_bundle_path", bundlePath);
    if (!doc.has("policy_bundle_id")) {
      complete.put("policy_bundle_id", bundleId);
    }
    List<Violation> violations = new ArrayList<>(Contracts.shared().check(complete, "job_spec_v1", source));
    if (violations.isEmpty() && !bundleId.equals(complete.get("policy_bundle_id").textValue())) {
      violations.add(new Violation(source, "/policy_bundle_id", "policy_bundle_mismatch",
          "must equal the policy_bundle_id of " + bundlePath + " (" + bundleId + ")",
          complete.get("policy_bundle_id").textValue()));
    }
    if (!violations.isEmpty()) {
      throw new InvalidInputException(violations);
    }
    return jobs.submitBlueprint(doc.get("blueprint"), doc.get("snapshot_id").textValue(), bundlePath,
        doc.get("extensions"), source);
  }

  /** The path of the bundle the spec names by id, else of the one its blueprint names, else the default. */
  private String namedBundlePath(ObjectNode doc, String source) {
    for (String pointer : List.of("/policy_bundle_id", "/blueprint/policy_bundle_id")) {
      JsonNode id = doc.at(pointer);
      if (id.isTextual()) {
        try {
          return policies.bundlePathOf(id.textValue());
        } catch (InvalidInputException e) {
          throw e.at(source, pointer);
        }
      }
    }
    return PolicyStore.DEFAULT_BUNDLE_PATH; // no id anywhere: the contract check below refuses the blueprint
  }

  private static ObjectNode error(String message, List<Violation> violations) {
    ObjectNode answer = Json.object().put("error", message);
    ArrayNode list = answer.putArray("violations");
    for (Violation v : violations) {
      list.addObject().put("source", v.source()).put("pointer", v.pointer()).put("rule", v.rule())
          .put("message", v.message()).put("value", v.value());
    }
    return answer;
  }
}
