package io.quanteam.eam.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quanteam.eam.contract.InvalidInputException;
import io.quanteam.eam.contract.Violation;
import io.quanteam.eam.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JobSubmissionTest {
  private static final String BUNDLE = "policies/policy_bundle_v1.yaml";
  @TempDir
  Path root;

  private JobStore store() {
    return JobFixtures.store(root);
  }

  private static ObjectNode idea() {
    return (ObjectNode) Json.parse("""
        {"schema_version": "idea_spec_v1", "title": "MA idea", "hypothesis_text": "fast over slow",
         "symbols": ["AAA", "BBB"], "frequency": "1d", "start": "2024-01-01", "end": "2024-01-10",
         "evaluation_intent": "test", "snapshot_id": "demo_snap_job_001"}""", "idea");
  }

  private static List<String> rules(InvalidInputException e) {
    return e.violations().stream().map(v -> v.rule() + " " + v.pointer()).toList();
  }

  @Test
  void theReferenceBlueprintJobGetsTheReferenceJobIdAndFiles() throws Exception {
    SubmitResult r = store().submitBlueprint(JobFixtures.referenceBlueprint(), "demo_snap_job_001", BUNDLE, null,
        "test");
    assertThat(r.jobId()).isEqualTo("642e4768da98");
    assertThat(r.status()).isEqualTo(SubmitResult.Status.CREATED);
    assertThat(r.bundle().bundleId()).isEqualTo("policy_bundle_v1_default");
    Path dir = root.resolve("642e4768da98");
    Path ref = JobFixtures.REFERENCE.resolve("blueprint_job_642e4768da98");
    assertThat(Json.read(dir.resolve("job_spec.json"))).isEqualTo(Json.read(ref.resolve("job_spec.json")));
    assertThat(Json.read(dir.resolve("inputs/blueprint.json"))).isEqualTo(JobFixtures.referenceBlueprint());
    assertThat(Json.read(dir.resolve("outputs/policy_bundle_ref.json")))
        .isEqualTo(Json.read(ref.resolve("outputs/policy_bundle_ref.json")));
    assertThat(JobFixtures.read(dir.resolve("events.jsonl"))).isEqualTo(
        "{\"event_type\":\"BLUEPRINT_SUBMITTED\",\"extensions\":{\"chain\":{\"prev_sha256\":\"" + "0".repeat(64)
            + "\",\"seq\":1},\"recorded_at\":\"2023-11-14T22:13:20+00:00\"},\"job_id\":\"642e4768da98\","
            + "\"message\":\"submitted via test\",\"schema_version\":\"job_event_v2\"}\n");
    assertThat(store().state("642e4768da98").next()).isEqualTo(new Stage("compile", EventType.RUNSPEC_COMPILED));
    assertThat(store().kind("642e4768da98")).isEqualTo(JobKind.BLUEPRINT);
  }

  @Test
  void withoutABundlePathTheBlueprintsOwnBundleIsUsedSoTheReferenceJobKeepsItsId() {
    SubmitResult without = store().submitBlueprint(JobFixtures.referenceBlueprint(), "demo_snap_job_001", null, null,
        "test");
    assertThat(without.jobId()).isEqualTo("642e4768da98");
    assertThat(without.status()).isEqualTo(SubmitResult.Status.CREATED);
    assertThat(without.bundle().bundleId()).isEqualTo("policy_bundle_v1_default");
    assertThat(store().spec("642e4768da98").get("policy_bundle_path").asText()).isEqualTo(BUNDLE);
    SubmitResult again = store().submitBlueprint(JobFixtures.referenceBlueprint(), "demo_snap_job_001", BUNDLE,
        null, "test");
    assertThat(again.jobId()).isEqualTo("642e4768da98");
    assertThat(again.status()).isEqualTo(SubmitResult.Status.EXISTS);

    ObjectNode v3 = (ObjectNode) JobFixtures.referenceBlueprint();
    v3.put("policy_bundle_id", "policy_bundle_v3_default");
    String job = store().submitBlueprint(v3, "demo_snap_job_001", null, null, "test").jobId();
    assertThat(store().spec(job).get("policy_bundle_path").asText()).isEqualTo("policies/policy_bundle_v3_default.yaml");
  }

  @Test
  void aBlueprintNamingNoKnownBundleIsRefusedAtItsPolicyBundleId() {
    ObjectNode bp = (ObjectNode) JobFixtures.referenceBlueprint();
    bp.put("policy_bundle_id", "policy_bundle_v9");
    assertThatThrownBy(() -> store().submitBlueprint(bp, "s1", null, null, "test"))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> {
          Violation v = e.violations().get(0);
          assertThat(v.rule()).isEqualTo("unknown_policy_bundle");
          assertThat(v.pointer()).isEqualTo("/blueprint/policy_bundle_id");
          assertThat(v.value()).isEqualTo("policy_bundle_v9");
          assertThat(v.message()).contains("policy_bundle_v3_default");
        });
    assertThat(store().jobIds()).isEmpty();
  }

  @Test
  void aSecondSubmissionOfTheSameSpecAnswersExistsAndWritesNothing() throws Exception {
    store().submitBlueprint(JobFixtures.referenceBlueprint(), "demo_snap_job_001", null, null, "a");
    Path events = root.resolve("642e4768da98/events.jsonl");
    byte[] before = Files.readAllBytes(events);
    SubmitResult again = store().submitBlueprint(JobFixtures.referenceBlueprint(), "demo_snap_job_001", BUNDLE,
        null, "b");
    assertThat(again.status()).isEqualTo(SubmitResult.Status.EXISTS);
    assertThat(Files.readAllBytes(events)).isEqualTo(before);
    SubmitResult other = store().submitBlueprint(JobFixtures.referenceBlueprint(), "another_snap", BUNDLE, null, "c");
    assertThat(other.status()).isEqualTo(SubmitResult.Status.CREATED);
    assertThat(store().jobIds()).containsExactlyElementsOf(
        Stream.of("642e4768da98", other.jobId()).sorted().toList());
  }

  @Test
  void aBlueprintNamingAnotherBundleIsRefused() {
    ObjectNode bp = (ObjectNode) JobFixtures.referenceBlueprint();
    bp.put("policy_bundle_id", "policy_bundle_v2_statistical");
    assertThatThrownBy(() -> store().submitBlueprint(bp, "s1", BUNDLE, null, "test"))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> {
          Violation v = e.violations().get(0);
          assertThat(v.rule()).isEqualTo("policy_bundle_mismatch");
          assertThat(v.pointer()).isEqualTo("/blueprint/policy_bundle_id");
          assertThat(v.value()).isEqualTo("policy_bundle_v2_statistical");
        });
    assertThat(store().submitBlueprint(bp, "s1", "policies/policy_bundle_v2_statistical.yaml", null, "t").status())
        .isEqualTo(SubmitResult.Status.CREATED);
  }

  @ParameterizedTest
  @ValueSource(strings = {"policy_overrides", "overrides", "execution_policy", "cost_policy", "risk_policy",
      "gate_suite", "budget_policy", "policy_bundle", "commission_bps", "slippage_bps", "tax_bps", "max_leverage",
      "order_timing", "max_spawn_per_job", "cut_points", "max_return_drop", "trade_lag_bars_default",
      "gate_suite_id", "cost_policy_id"})
  void extensionsNamingAPolicyParameterAreRefusedAtAnyDepth(String key) {
    ObjectNode top = Json.object();
    top.put(key, 1);
    ObjectNode nested = Json.object();
    nested.putObject("notes").putArray("items").addObject().put(key, 1);
    for (JsonNode extensions : List.of(top, nested)) {
      assertThatThrownBy(() -> store().submitBlueprint(JobFixtures.referenceBlueprint(), "s1", BUNDLE, extensions,
          "test"))
          .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(rules(e)).containsExactly(
              "policy_in_extensions " + (extensions == top ? "/extensions/" + key
                  : "/extensions/notes/items/0/" + key)));
    }
    assertThat(store().jobIds()).isEmpty();
  }

  @Test
  void metadataExtensionsAreKept() {
    ObjectNode ext = (ObjectNode) Json.parse("""
        {"lineage": {"root_job_id": "943b76bbb174", "parent_job_id": "943b76bbb174", "generation": 1,
          "iteration": 1}, "note": "hand-made"}""", "ext");
    SubmitResult r = store().submitBlueprint(JobFixtures.referenceBlueprint(), "s1", BUNDLE, ext, "test");
    assertThat(store().spec(r.jobId()).get("extensions")).isEqualTo(ext);
  }

  @Test
  void aBlueprintJobSpecBreakingItsContractNamesThePointer() {
    ObjectNode bp = (ObjectNode) JobFixtures.referenceBlueprint();
    bp.remove("title");
    assertThatThrownBy(() -> store().submitBlueprint(bp, "bad id!", BUNDLE, null, "post"))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(rules(e))
            .anySatisfy(r -> assertThat(r).endsWith("/snapshot_id"))
            .anySatisfy(r -> assertThat(r).startsWith("required /blueprint")));
    assertThatThrownBy(() -> store().submitBlueprint(bp, "s1", "policies/nope.yaml", null, "post"))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("not_found");
  }

  @Test
  void anIdeaIsNormalisedWithItsBundle() {
    SubmitResult r = store().submitIdea(idea().put("policy_bundle_id", "policy_bundle_v1_default"), "test");
    JsonNode spec = store().spec(r.jobId());
    assertThat(spec.get("policy_bundle_path").asText()).isEqualTo(BUNDLE);
    assertThat(spec.get("policy_bundle_id").asText()).isEqualTo("policy_bundle_v1_default");
    assertThat(r.jobId()).isEqualTo(io.quanteam.eam.json.CanonicalJson.sha256(spec).substring(0, 12));
    assertThat(Json.read(root.resolve(r.jobId()).resolve("inputs/idea_spec.json"))).isEqualTo(spec);
    assertThat(store().events(r.jobId()).list()).extracting(JobEvent::type).containsExactly(EventType.IDEA_SUBMITTED);
    assertThat(store().kind(r.jobId())).isEqualTo(JobKind.IDEA);
    assertThat(store().state(r.jobId()).next().name()).isEqualTo("intent");
    ObjectNode explicit = idea();
    explicit.put("policy_bundle_path", BUNDLE);
    explicit.put("policy_bundle_id", "policy_bundle_v1_default");
    SubmitResult again = store().submitIdea(explicit, "test");
    assertThat(again.jobId()).isEqualTo(r.jobId());
    assertThat(again.status()).isEqualTo(SubmitResult.Status.EXISTS);
  }

  @Test
  void anIdeaNamingNoBundleGetsTheDefaultBundleWithTheStatisticalGates() {
    JsonNode spec = store().spec(store().submitIdea(idea(), "test").jobId());
    assertThat(spec.get("policy_bundle_path").asText()).isEqualTo("policies/policy_bundle_v3_default.yaml");
    assertThat(spec.get("policy_bundle_id").asText()).isEqualTo("policy_bundle_v3_default");
  }

  @Test
  void anIdeaRefusesABundleMismatchAndPolicyExtensionsButKeepsItsTemplateAndLineage() {
    ObjectNode mismatch = idea();
    mismatch.put("policy_bundle_path", BUNDLE);
    mismatch.put("policy_bundle_id", "policy_bundle_v2_statistical");
    assertThatThrownBy(() -> store().submitIdea(mismatch, "test"))
        .isInstanceOfSatisfying(InvalidInputException.class,
            e -> assertThat(rules(e)).containsExactly("policy_bundle_mismatch /policy_bundle_id"));
    ObjectNode sneaky = idea();
    sneaky.putObject("extensions").put("strategy_template", "ma_crossover").putObject("tuning")
        .put("slippage_bps", 0);
    assertThatThrownBy(() -> store().submitIdea(sneaky, "test"))
        .isInstanceOfSatisfying(InvalidInputException.class,
            e -> assertThat(rules(e)).containsExactly("policy_in_extensions /extensions/tuning/slippage_bps"));
    ObjectNode fine = idea();
    fine.putObject("extensions").put("strategy_template", "ma_crossover").putObject("lineage")
        .put("generation", 0);
    assertThat(store().submitIdea(fine, "test").status()).isEqualTo(SubmitResult.Status.CREATED);
    ObjectNode invalid = idea();
    invalid.remove("symbols");
    assertThatThrownBy(() -> store().submitIdea(invalid, "test")).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("symbols");
  }

  @Test
  void twoThreadsSubmittingOneSpecMakeOneJob() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < 5; round++) {
        CountDownLatch start = new CountDownLatch(1);
        String snapshot = "race_" + round;
        List<Future<SubmitResult>> results = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
          results.add(pool.submit(() -> {
            start.await();
            return store().submitBlueprint(JobFixtures.referenceBlueprint(), snapshot, BUNDLE, null, "race");
          }));
        }
        start.countDown();
        List<SubmitResult.Status> statuses = new ArrayList<>();
        for (Future<SubmitResult> f : results) {
          statuses.add(f.get().status());
        }
        assertThat(statuses).containsExactlyInAnyOrder(SubmitResult.Status.CREATED, SubmitResult.Status.EXISTS);
        assertThat(results.get(0).get().jobId()).isEqualTo(results.get(1).get().jobId());
        assertThat(store().events(results.get(0).get().jobId()).list()).hasSize(1);
      }
    } finally {
      pool.shutdownNow();
    }
    try (Stream<Path> left = Files.list(root)) {
      assertThat(left.map(p -> p.getFileName().toString())).allMatch(n -> n.matches("[0-9a-f]{12}")).hasSize(5);
    }
  }

  @Test
  void jobIdsOffTheAllowlistAreRefusedBeforeAnyFileIsTouched() {
    for (String bad : List.of("../etc", "642E4768DA98", "642e4768da9", "642e4768da98/..", "")) {
      assertThatThrownBy(() -> store().events(bad)).isInstanceOfSatisfying(InvalidInputException.class,
          e -> assertThat(e.violations().get(0).rule()).isEqualTo("job_id_format"));
    }
    assertThatThrownBy(() -> store().state("0123456789ab")).isInstanceOfSatisfying(InvalidInputException.class,
        e -> assertThat(e.violations().get(0).rule()).isEqualTo("unknown_job"));
  }

  @Test
  void aJobFolderLinkingOutOfTheRootIsRefused(@TempDir Path elsewhere) throws Exception {
    String id = JobFixtures.copyReferenceJob("blueprint_job_642e4768da98", elsewhere);
    Files.createDirectories(root);
    Files.createSymbolicLink(root.resolve(id), elsewhere.resolve(id));
    assertThatThrownBy(() -> store().events(id)).isInstanceOfSatisfying(UnreadableJobException.class,
        e -> assertThat(e.reason()).isEqualTo("path_escape"));
  }

  /** An idea's lineage and budget, when given, are checked when it is submitted, not after its run. */
  @Test
  void anIdeasLineageAndBudgetPathAreCheckedAtSubmission() {
    com.fasterxml.jackson.databind.node.ObjectNode negative = idea();
    negative.putObject("extensions").putObject("lineage").put("generation", -5).put("root_job_id", "x");
    assertThatThrownBy(() -> store().submitIdea(negative, "test")).isInstanceOf(InvalidInputException.class)
        .satisfies(e -> assertThat(((InvalidInputException) e).violations()).extracting(v -> v.pointer())
            .containsExactlyInAnyOrder("/extensions/lineage/root_job_id", "/extensions/lineage/generation"));
    com.fasterxml.jackson.databind.node.ObjectNode budget = idea().put("budget_policy_path", "policies/nope.yaml");
    assertThatThrownBy(() -> store().submitIdea(budget, "test")).isInstanceOf(InvalidInputException.class)
        .satisfies(e -> assertThat(((InvalidInputException) e).violations()).singleElement()
            .satisfies(v -> assertThat(v.pointer()).isEqualTo("/budget_policy_path")));
    com.fasterxml.jackson.databind.node.ObjectNode fine = idea();
    fine.putObject("extensions").putObject("lineage").put("root_job_id", "0123456789ab")
        .put("parent_job_id", "0123456789ab").put("generation", 1).put("iteration", 1);
    assertThat(store().submitIdea(fine, "test").status()).isEqualTo(SubmitResult.Status.CREATED);
  }
}
