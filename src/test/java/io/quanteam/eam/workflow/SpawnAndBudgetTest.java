package io.quanteam.eam.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.quanteam.eam.contract.InvalidInputException;
import io.quanteam.eam.job.BudgetRefusedException;
import io.quanteam.eam.job.ConflictException;
import io.quanteam.eam.job.EventType;
import io.quanteam.eam.job.JobEvent;
import io.quanteam.eam.job.JobStore;
import io.quanteam.eam.job.Phase;
import io.quanteam.eam.job.SubmitResult;
import io.quanteam.eam.json.Json;
import io.quanteam.eam.policy.PolicyLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Spawn and lineage, and the budget that limits them (01 §8). */
class SpawnAndBudgetTest {
  @TempDir
  Path home;

  private static List<String> proposalIds(JobStore jobs, String job) {
    JsonNode doc = Json.read(jobs.dir(job).resolve(ReviewArtifacts.pathOf("improvements")));
    return Stream.of(doc.path("proposals")).flatMap(a -> java.util.stream.StreamSupport.stream(a.spliterator(), false))
        .map(p -> p.path("proposal_id").asText()).toList();
  }

  @Test
  void aSpawnedChildCarriesItsLineageWaitsForItsOwnApprovalAndRunsToDone() {
    SyncWorkflow flow = new SyncWorkflow(home);
    JobStore jobs = flow.wiring.jobs();
    String parent = flow.ideaWaitingAtImprovements("parent", null);
    assertThat(jobs.state(parent).waitingStep()).isEqualTo("improvements");
    String proposal = proposalIds(jobs, parent).get(0);

    SubmitResult child = jobs.spawn(parent, proposal, "alice");
    assertThat(child.status()).isEqualTo(SubmitResult.Status.CREATED);
    assertThat(jobs.spawn(parent, proposal, "bob")).isEqualTo(new SubmitResult(child.jobId(),
        SubmitResult.Status.EXISTS, null));
    List<JobEvent> spawned = jobs.events(parent).list().stream().filter(e -> e.type() == EventType.SPAWNED).toList();
    assertThat(spawned).singleElement().satisfies(e -> {
      assertThat(e.output("child_job_id")).isEqualTo(child.jobId());
      assertThat(e.output("proposal_id")).isEqualTo(proposal);
      assertThat(e.outputs().path("generation").asInt()).isEqualTo(1);
    });
    JsonNode lineage = jobs.spec(child.jobId()).path("extensions").path("lineage");
    assertThat(lineage.path("root_job_id").asText()).isEqualTo(parent);
    assertThat(lineage.path("parent_job_id").asText()).isEqualTo(parent);
    assertThat(lineage.path("generation").asInt()).isEqualTo(1);
    assertThat(lineage.path("iteration").asInt()).isEqualTo(1);
    assertThat(jobs.spec(child.jobId()).path("extensions").path("spawned_from").path("proposal_id").asText())
        .isEqualTo(proposal);

    flow.drive(child.jobId());
    assertThat(jobs.state(child.jobId()).waitingStep()).isEqualTo("runspec"); // nothing runs unreviewed
    jobs.approve(child.jobId(), "runspec", "alice");
    flow.drive(child.jobId());
    assertThat(jobs.state(child.jobId()).phase()).isEqualTo(Phase.TERMINAL_DONE);

    jobs.approve(parent, "improvements", "alice");
    flow.drive(parent);
    assertThat(jobs.state(parent).phase()).isEqualTo(Phase.TERMINAL_DONE);
    assertThatThrownBy(() -> jobs.spawn(parent, proposalIds(jobs, parent).get(1), "alice"))
        .isInstanceOf(ConflictException.class).hasMessageContaining("waits at improvements");
  }

  @Test
  void aSpawnPastTheBudgetIsRefusedWithItsEvidence() {
    SyncWorkflow flow = new SyncWorkflow(home);
    JobStore jobs = flow.wiring.jobs();
    String parent = flow.ideaWaitingAtImprovements("spends its budget", null);
    List<String> proposals = proposalIds(jobs, parent);
    assertThat(proposals).hasSizeGreaterThan(3); // the default budget: 5 proposals, 3 spawns
    for (int i = 0; i < 3; i++) {
      jobs.spawn(parent, proposals.get(i), "alice");
    }
    assertThatThrownBy(() -> jobs.spawn(parent, proposals.get(3), "alice"))
        .isInstanceOfSatisfying(BudgetRefusedException.class, e -> {
          assertThat(e.evidence().type()).isEqualTo(EventType.STOPPED_BUDGET);
          assertThat(e.outputs().path("reason").asText()).isEqualTo("max_spawn_per_job");
          assertThat(e.outputs().path("limit").asInt()).isEqualTo(3);
          assertThat(e.outputs().path("current_spawn_count").asInt()).isEqualTo(3);
        });
    JobEvent last = jobs.events(parent).last();
    assertThat(last.type()).isEqualTo(EventType.STOPPED_BUDGET);
    assertThat(jobs.state(parent).waitingStep()).isEqualTo("improvements"); // the reviewer still decides
    assertThatThrownBy(() -> jobs.spawn(parent, "p_nosuch", "alice")).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("has no proposal p_nosuch");
  }

  /** The shipped policies plus a budget of its own, {@code replacements} applied to the default budget's text. */
  private Path policiesWithBudget(String id, String... replacements) throws Exception {
    Path policies = home.resolve("policies");
    Files.createDirectories(policies);
    try (Stream<Path> shipped = Files.list(Path.of("policies"))) {
      for (Path f : shipped.toList()) {
        Files.copy(f, policies.resolve(f.getFileName()));
      }
    }
    String text = Files.readString(Path.of("policies/budget_policy_v1.yaml")).replace("budget_policy_v1_default", id);
    for (int i = 0; i < replacements.length; i += 2) {
      text = text.replaceAll(replacements[i], replacements[i + 1]);
    }
    Files.writeString(policies.resolve(id + ".yaml"), text);
    PolicyLock.write(policies);
    return policies;
  }

  @Test
  void spawnsStopOnceTheLastChildrenDidNotImprove() throws Exception {
    Path policies = policiesWithBudget("budget_policy_flat1", "stop_if_no_improvement_n: \\d+",
        "stop_if_no_improvement_n: 1");
    SyncWorkflow flow = new SyncWorkflow(home.resolve("home"), null, policies);
    JobStore jobs = flow.wiring.jobs();
    String parent = flow.ideaWaitingAtImprovements("stops when flat", "policies/budget_policy_flat1.yaml");
    List<String> proposals = proposalIds(jobs, parent);
    String first = jobs.spawn(parent, proposals.get(0), "alice").jobId();
    // a child still running is not judged: the next spawn is allowed
    SubmitResult next = jobs.spawn(parent, proposals.get(1), "alice");
    assertThat(next.status()).isEqualTo(SubmitResult.Status.CREATED);
    String second = next.jobId();
    for (String child : List.of(first, second)) {
      flow.drive(child);
      jobs.approve(child, "runspec", "alice");
      flow.drive(child);
    }
    // the tiny demo's ten days hold no crossover of a 30-bar average: no run trades, none has a Sharpe ratio
    for (String job : List.of(parent, first, second)) {
      assertThat(testMetrics(flow, job).path("sharpe").isNull()).as(job).isTrue();
    }
    assertThatThrownBy(() -> jobs.spawn(parent, proposals.get(2), "alice"))
        .isInstanceOfSatisfying(BudgetRefusedException.class, e -> {
          assertThat(e.outputs().path("reason").asText()).isEqualTo("stop_if_no_improvement_n");
          assertThat(e.outputs().path("limit").asInt()).isEqualTo(1);
          assertThat(e.outputs().path("runs_without_improvement").asInt()).isEqualTo(2);
        });
  }

  /**
   * An idea under a budget whose one limit is {@code limit: value}, driven to its improvements stage: the flow has
   * ended there without proposals; returns its STOPPED_BUDGET.
   */
  private JobEvent stoppedAtImprovements(String limit, int value) throws Exception {
    String id = "budget_policy_" + limit;
    Path policies = policiesWithBudget(id, limit + ": \\d+", limit + ": " + value);
    SyncWorkflow flow = new SyncWorkflow(home.resolve("home"), null, policies);
    JobStore jobs = flow.wiring.jobs();
    String job = flow.ideaWaitingAtImprovements(limit, "policies/" + id + ".yaml");
    assertThat(jobs.state(job).phase()).isEqualTo(Phase.TERMINAL_DONE);
    assertThat(jobs.events(job).list()).noneMatch(e -> e.type() == EventType.IMPROVEMENTS_PROPOSED);
    return jobs.events(job).list().stream().filter(e -> e.type() == EventType.STOPPED_BUDGET).findFirst()
        .orElseThrow();
  }

  @Test
  void anIterationLimitOfOneStopsBeforeAnyProposalAsTheReferenceDid() throws Exception {
    JobEvent stopped = stoppedAtImprovements("max_total_iterations", 1);
    // the fields of the reference's log (idea_job_iteration_budget_05e36151b096)
    assertThat(stopped.outputs().path("reason").asText()).isEqualTo("max_total_iterations");
    assertThat(stopped.outputs().path("limit").asInt()).isEqualTo(1);
    assertThat(stopped.outputs().path("attempted_child_generation").asInt()).isEqualTo(1);
    assertThat(stopped.outputs().path("current_generation").asInt()).isZero();
  }

  @Test
  void proposalsEditedAfterTheyWerePutUpForReviewSpawnNothing() throws Exception {
    SyncWorkflow flow = new SyncWorkflow(home);
    JobStore jobs = flow.wiring.jobs();
    String parent = flow.ideaWaitingAtImprovements("edited proposals", null);
    String proposal = proposalIds(jobs, parent).get(0);
    Path file = jobs.dir(parent).resolve(ReviewArtifacts.pathOf("improvements"));
    com.fasterxml.jackson.databind.node.ObjectNode doc = (com.fasterxml.jackson.databind.node.ObjectNode) Json.read(file);
    ((com.fasterxml.jackson.databind.node.ObjectNode) doc.path("proposals").get(0).path("blueprint"))
        .put("title", "not what was reviewed");
    Files.writeString(file, io.quanteam.eam.json.CanonicalJson.pretty(doc));
    assertThatThrownBy(() -> jobs.spawn(parent, proposal, "alice")).isInstanceOf(ConflictException.class)
        .hasMessageContaining("changed after it was put up for review");
    assertThat(jobs.events(parent).list()).noneMatch(e -> e.type() == EventType.SPAWNED);
  }

  /** The trace plan is derived from the approved strategy spec: edited afterwards, the trace preview refuses it. */
  @Test
  void aTracePlanEditedAfterTheStrategySpecEndsTheJobInsteadOfBeingTraced() throws Exception {
    SyncWorkflow flow = new SyncWorkflow(home);
    JobStore jobs = flow.wiring.jobs();
    com.fasterxml.jackson.databind.node.ObjectNode idea = Json.object().put("schema_version", "idea_spec_v1")
        .put("title", "edited plan").put("hypothesis_text", "A moving average crossover").put("frequency", "1d")
        .put("start", "2024-01-01").put("end", "2024-01-10").put("evaluation_intent", "research")
        .put("snapshot_id", "demo_tiny").put("policy_bundle_path", "policies/policy_bundle_v1.yaml");
    idea.putArray("symbols").add("AAA").add("BBB");
    String job = jobs.submitIdea(idea, "test").jobId();
    for (String step : List.of("blueprint", "strategy_spec", "runspec")) {
      flow.drive(job);
      jobs.approve(job, step, "alice");
    }
    Path plan = jobs.dir(job).resolve("outputs/agents/strategy_spec/calc_trace_plan.json");
    com.fasterxml.jackson.databind.node.ObjectNode doc = (com.fasterxml.jackson.databind.node.ObjectNode) Json.read(plan);
    doc.putArray("assertions"); // the lag check dropped: it would pass trivially
    Files.writeString(plan, io.quanteam.eam.json.CanonicalJson.pretty(doc));
    flow.drive(job);
    JobEvent last = jobs.events(job).last();
    assertThat(last.type()).isEqualTo(EventType.ERROR);
    assertThat(last.outputs().path("reason").asText()).isEqualTo("ARTIFACT_CHANGED");
    assertThat(last.outputs().path("message").asText()).contains("calc_trace_plan.json changed");
  }

  private static JsonNode testMetrics(SyncWorkflow flow, String job) {
    JobEvent run = flow.wiring.jobs().events(job).list().stream().filter(e -> e.type() == EventType.RUN_COMPLETED)
        .findFirst().orElseThrow();
    return Json.read(flow.wiring.config().artifactRoot().resolve(run.output("dossier_path")).resolve("metrics.json"));
  }

  @Test
  void aBudgetOfZeroAllowsNoProposalsAndEndsTheFlow() throws Exception {
    JobEvent stopped = stoppedAtImprovements("max_proposals_per_job", 0);
    assertThat(stopped.outputs().path("reason").asText()).isEqualTo("max_proposals_per_job");
    assertThat(stopped.outputs().path("limit").asInt()).isZero();
  }
}
