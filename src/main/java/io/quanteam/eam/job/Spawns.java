package io.quanteam.eam.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quanteam.eam.contract.InvalidInputException;
import io.quanteam.eam.contract.Violation;
import io.quanteam.eam.json.Json;
import io.quanteam.eam.policy.BudgetPolicy;
import io.quanteam.eam.policy.PolicyStore;
import java.util.List;
import java.util.function.Supplier;

/**
 * Spawn (01 §8): while a job waits at {@code improvements}, one of its proposals becomes a child blueprint job —
 * the proposal's blueprint on the parent's snapshot and bundle, with {@code extensions.lineage {root_job_id,
 * parent_job_id, generation, iteration}} and {@code extensions.spawned_from {base_job_id, proposal_id}} — and the
 * parent records SPAWNED {child_job_id, proposal_id, generation, actor}. The child waits for its own approval.
 * The same proposal again gives the same child and records nothing. A spawn the parent's budget does not allow
 * appends STOPPED_BUDGET {reason, limit, counters} to the parent and is refused ({@link BudgetRefusedException}).
 */
final class Spawns {
  static final String PROPOSALS = "outputs/agents/improvement/improvement_proposals.json";

  private final JobStore store;
  private final Supplier<PolicyStore> policies;

  Spawns(JobStore store, Supplier<PolicyStore> policies) {
    this.store = store;
    this.policies = policies;
  }

  SubmitResult spawn(String parentId, String proposalId, String actor) {
    try (JobLock lock = store.lock(parentId)) {
      JobState state = store.state(lock);
      List<JobEvent> events = store.events(parentId).list();
      for (JobEvent e : events) {
        if (e.type() == EventType.SPAWNED && proposalId.equals(e.output("proposal_id"))) {
          return new SubmitResult(e.output("child_job_id"), SubmitResult.Status.EXISTS, null);
        }
      }
      if (!state.waitingOn("improvements")) {
        throw new ConflictException("job " + parentId + ": a proposal can be spawned only while the job waits at "
            + "improvements; " + Checkpoints.describe(state));
      }
      String reviewedSha = reviewedProposals(events);
      String nowSha = store.sha256(lock, PROPOSALS);
      if (reviewedSha != null && !reviewedSha.equals(nowSha)) {
        throw new ConflictException("job " + parentId + ": " + PROPOSALS + " changed after it was put up for review "
            + "(sha256 " + reviewedSha + ", now " + nowSha + "); nothing is spawned from proposals nobody reviewed");
      }
      JsonNode proposal = proposal(lock, proposalId);
      JsonNode spec = store.spec(parentId);
      BudgetPolicy budget = policies.get().loadBudget(spec.path("budget_policy_path").asText(null));
      JsonNode lineage = spec.path("extensions").path("lineage");
      int generation = lineage.path("generation").asInt(0) + 1;
      long spawned = events.stream().filter(e -> e.type() == EventType.SPAWNED).count();
      if (spawned >= budget.maxSpawnPerJob()) {
        throw refuse(lock, Json.object().put("reason", "max_spawn_per_job").put("limit", budget.maxSpawnPerJob())
            .put("current_spawn_count", spawned).put("budget_policy_id", budget.policyId()).put("proposal_id",
                proposalId), "spawn budget exhausted: " + spawned + " of " + budget.maxSpawnPerJob() + " spawned");
      }
      int flat = runsWithoutImprovement(parentId, events);
      if (budget.stopIfNoImprovementN() > 0 && flat >= budget.stopIfNoImprovementN()) {
        throw refuse(lock, Json.object().put("reason", "stop_if_no_improvement_n")
            .put("limit", budget.stopIfNoImprovementN()).put("runs_without_improvement", flat)
            .put("budget_policy_id", budget.policyId()).put("proposal_id", proposalId),
            "the last " + flat + " finished children did not improve on the best test Sharpe ratio before them");
      }
      if (generation >= budget.maxTotalIterations()) {
        throw refuse(lock, Json.object().put("reason", "max_total_iterations")
            .put("limit", budget.maxTotalIterations()).put("attempted_child_generation", generation)
            .put("current_generation", generation - 1).put("budget_policy_id", budget.policyId())
            .put("proposal_id", proposalId), "a child would be generation " + generation + "; the budget allows "
                + budget.maxTotalIterations() + " iteration(s) in all, the root's included");
      }
      ObjectNode extensions = Json.object();
      extensions.putObject("lineage")
          .put("root_job_id", lineage.path("root_job_id").asText(parentId))
          .put("parent_job_id", parentId).put("generation", generation).put("iteration", generation);
      extensions.putObject("spawned_from").put("base_job_id", parentId).put("proposal_id", proposalId);
      JsonNode blueprint = proposal.has("blueprint") ? proposal.get("blueprint") : proposal.get("blueprint_draft_json");
      SubmitResult child = store.submitBlueprint(blueprint, spec.path("snapshot_id").asText(),
          spec.path("policy_bundle_path").asText(null), extensions, "spawn of job " + parentId + " proposal "
              + proposalId);
      store.append(lock, EventType.SPAWNED, Json.object().put("child_job_id", child.jobId())
          .put("proposal_id", proposalId).put("generation", generation).put("actor", actor)
          .put("proposals_sha256", nowSha), null);
      return child;
    }
  }

  /** The sha256 the waiting improvements checkpoint recorded for the proposals under review, or null. */
  private static String reviewedProposals(List<JobEvent> events) {
    for (int i = events.size() - 1; i >= 0; i--) {
      JobEvent e = events.get(i);
      if (e.type() == EventType.WAITING_APPROVAL && "improvements".equals(e.output("step"))) {
        return e.output("artifact_sha256");
      }
    }
    return null;
  }

  private int runsWithoutImprovement(String parentId, List<JobEvent> events) {
    List<Double> children = new java.util.ArrayList<>();
    for (JobEvent e : events) {
      if (e.type() == EventType.SPAWNED) {
        children.add(testSharpe(e.output("child_job_id")));
      }
    }
    return runsWithoutImprovement(testSharpe(parentId), children);
  }

  /**
   * How many of the children, the latest run ones in spawn order, each failed to beat the best test Sharpe ratio
   * (test_overall) of the parent and the children before it. A child whose run is not done yet (null) is not
   * counted; a run without a Sharpe ratio (NaN: nothing varied, no trade) improves on nothing.
   */
  static int runsWithoutImprovement(Double parent, List<Double> children) {
    double best = parent == null || parent.isNaN() ? Double.NEGATIVE_INFINITY : parent;
    int flat = 0;
    for (Double sharpe : children) {
      if (sharpe == null) {
        continue;
      }
      if (!sharpe.isNaN() && sharpe > best) {
        best = sharpe;
        flat = 0;
      } else {
        flat++;
      }
    }
    return flat;
  }

  /** The test_overall Sharpe ratio of the job's run once it ran, NaN when it has none, null when it has not run. */
  private Double testSharpe(String jobId) {
    try {
      if (store.artifactRoot() == null) {
        return null;
      }
      JobEvent run = null;
      for (JobEvent e : store.events(jobId).list()) {
        if (e.type() == EventType.RUN_COMPLETED) {
          run = e;
        }
      }
      if (run == null || run.output("dossier_path") == null) {
        return null;
      }
      JsonNode metrics = Json.read(store.artifactRoot().resolve(run.output("dossier_path")).resolve("metrics.json"));
      return metrics.path("sharpe").isNumber() ? metrics.path("sharpe").asDouble() : Double.NaN;
    } catch (RuntimeException e) {
      return null; // a child that cannot be read is not counted either way
    }
  }

  private JsonNode proposal(JobLock lock, String proposalId) {
    JsonNode doc = store.readJson(lock, PROPOSALS);
    StringBuilder known = new StringBuilder();
    for (JsonNode p : doc.path("proposals")) {
      if (proposalId.equals(p.path("proposal_id").asText())) {
        return p;
      }
      known.append(known.length() == 0 ? "" : ", ").append(p.path("proposal_id").asText());
    }
    throw new InvalidInputException(List.of(new Violation("proposal_id", "", "unknown_proposal", "job "
        + lock.jobId() + " has no proposal " + proposalId + " (it has: " + (known.length() == 0 ? "none" : known)
        + ")", proposalId)));
  }

  private BudgetRefusedException refuse(JobLock lock, ObjectNode evidence, String message) {
    JobEvent stopped = store.append(lock, EventType.STOPPED_BUDGET, evidence, "STOP: " + message);
    return new BudgetRefusedException("job " + lock.jobId() + ": " + message + " (budget "
        + evidence.path("budget_policy_id").asText() + "); STOPPED_BUDGET recorded as event " + stopped.seq(), stopped);
  }
}
