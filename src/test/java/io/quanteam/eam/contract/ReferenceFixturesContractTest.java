package io.quanteam.eam.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.quanteam.eam.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Every document the reference system wrote that names one of our contracts is readable by it. */
class ReferenceFixturesContractTest {
  private static final Path REFERENCE = Path.of("src/test/resources/reference");
  /** Contracts of the reference's LLM tooling, which this product does not have. */
  private static final Set<String> FOREIGN = Set.of("llm_session_v1", "output_guard_report_v1");
  private final Contracts contracts = Contracts.shared();

  @TestFactory
  Stream<DynamicTest> everyReferenceContractDocumentValidates() throws IOException {
    return documents().stream()
        .filter(p -> contracts.contractOf(Json.read(p)) != null)
        .map(p -> DynamicTest.dynamicTest(REFERENCE.relativize(p).toString(), () -> {
          String source = REFERENCE.relativize(p).toString();
          assertThat(contracts.checkAuto(Json.read(p), source)).isEmpty();
        }));
  }

  @Test
  void theReferenceDocumentsCoverTheContractsTheBriefNames() throws IOException {
    Set<String> seen = documents().stream()
        .map(p -> contracts.contractOf(Json.read(p)))
        .filter(c -> c != null)
        .collect(Collectors.toCollection(TreeSet::new));
    assertThat(seen).contains("job_spec_v1", "idea_spec_v1", "blueprint_v1", "signal_dsl_v1", "run_spec_v2",
        "data_snapshot_manifest_v1", "quality_report_v1", "dossier_v1", "gate_results_v2", "segments_summary_v1",
        "improvement_proposals_v1", "agent_run_v1", "variable_dictionary_v1", "calc_trace_plan_v1");
  }

  @Test
  void onlyTheReferenceLlmToolingDeclaresAVersionWeDoNotKnow() throws IOException {
    Set<String> unknown = new TreeSet<>();
    for (Path p : documents()) {
      JsonNode doc = Json.read(p);
      if (doc.has("schema_version") && contracts.contractOf(doc) == null) {
        unknown.add(doc.get("schema_version").asText());
      }
    }
    assertThat(unknown).isEqualTo(FOREIGN);
  }

  @Test
  void everyReferenceEventLineIsAJobEventV2() throws IOException {
    List<Path> logs;
    try (Stream<Path> s = Files.walk(REFERENCE)) {
      logs = s.filter(p -> p.getFileName().toString().equals("events.jsonl")).sorted().toList();
    }
    assertThat(logs).hasSize(4);
    int lines = 0;
    for (Path log : logs) {
      int n = 0;
      for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
        n++;
        String source = REFERENCE.relativize(log) + " line " + n;
        assertThat(contracts.check(Json.parse(line, source), "job_event_v2", source)).as(source).isEmpty();
        lines++;
      }
    }
    assertThat(lines).isEqualTo(63);
  }

  @Test
  void everyReferencePolicyYamlValidatesAgainstTheContractItsFileIsNamedAfter() throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.list(REFERENCE.resolve("policies"))) {
      files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
    assertThat(files).hasSize(7);
    YAMLMapper yaml = new YAMLMapper();
    for (Path file : files) {
      String contract = file.getFileName().toString().replace(".yaml", "");
      assertThat(contracts.names()).contains(contract);
      assertThat(contracts.check(yaml.readTree(file.toFile()), contract, file.toString())).as(contract).isEmpty();
    }
  }

  @Test
  void theReferenceContractExamplesKeepTheirVerdictsExceptTheGateResultWithoutStatus() throws IOException {
    List<Path> examples;
    try (Stream<Path> s = Files.list(REFERENCE.resolve("contract_examples"))) {
      examples = s.sorted().toList();
    }
    for (Path p : examples) {
      String name = p.getFileName().toString();
      List<Violation> violations = contracts.checkAuto(Json.read(p), name);
      if (name.equals("gate_results_v2_ok.json")) {
        // Decision: gate_results_v2 requires every gate's status (the reference's real artifacts all carry it).
        assertThat(violations).extracting(Violation::pointer, Violation::rule).containsExactly(
            org.assertj.core.groups.Tuple.tuple("/results/0/status", "required"),
            org.assertj.core.groups.Tuple.tuple("/segment_results/0/gates/0/status", "required"));
      } else if (name.contains("_bad")) {
        assertThat(violations).as(name).isNotEmpty();
      } else {
        assertThat(violations).as(name).isEmpty();
      }
    }
    assertThat(examples).hasSize(25);
  }

  /** Reference JSON documents, without the contract examples (whose *_bad files fail on purpose). */
  private static List<Path> documents() throws IOException {
    try (Stream<Path> s = Files.walk(REFERENCE)) {
      return s.filter(p -> p.toString().endsWith(".json"))
          .filter(p -> !p.startsWith(REFERENCE.resolve("contract_examples")))
          .sorted()
          .collect(Collectors.toCollection(ArrayList::new));
    }
  }
}
