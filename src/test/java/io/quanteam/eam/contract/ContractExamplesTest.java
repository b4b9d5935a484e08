package io.quanteam.eam.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.quanteam.eam.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** contracts/examples: every *_ok validates, every *_bad fails, every contract has both. */
class ContractExamplesTest {
  private static final Path CONTRACTS = Path.of("contracts");
  private static final Path EXAMPLES = CONTRACTS.resolve("examples");
  private final Contracts contracts = Contracts.shared();

  @TestFactory
  Stream<DynamicTest> everyExampleBehavesAsItsNameSays() throws IOException {
    return exampleFiles().stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
      String name = file.getFileName().toString();
      String contract = contractOf(name);
      List<Violation> violations = contracts.check(Json.read(file), contract, name);
      if (name.endsWith("_ok.json")) {
        assertThat(violations).as(name + " against " + contract).isEmpty();
      } else {
        assertThat(violations).as(name + " against " + contract).isNotEmpty();
      }
    }));
  }

  @Test
  void everyContractHasAnOkAndABadExample() throws IOException {
    Map<String, Set<String>> kinds = new TreeMap<>();
    for (Path file : exampleFiles()) {
      String name = file.getFileName().toString();
      kinds.computeIfAbsent(contractOf(name), k -> new TreeSet<>()).add(name.endsWith("_ok.json") ? "ok" : "bad");
    }
    for (String contract : contracts.names()) {
      assertThat(kinds.get(contract)).as("examples of " + contract).containsExactlyInAnyOrder("ok", "bad");
    }
  }

  @Test
  void everyExampleIsNamedOkOrBadAfterAKnownContract() throws IOException {
    for (Path file : exampleFiles()) {
      String name = file.getFileName().toString();
      assertThat(name).matches(".*_(ok|bad)\\.json");
      assertThat(contractOf(name)).as(name).isNotNull();
    }
  }

  @Test
  void theContractListMatchesTheSchemaFiles() throws IOException {
    Set<String> files;
    try (Stream<Path> s = Files.list(CONTRACTS)) {
      files = s.filter(p -> p.toString().endsWith(".json"))
          .map(p -> p.getFileName().toString().replaceFirst("\\.json$", ""))
          .collect(Collectors.toCollection(TreeSet::new));
    }
    assertThat(contracts.names()).containsExactlyInAnyOrderElementsOf(files);
  }

  @Test
  void everySchemaDeclaresDraft202012AnIdAndItsOwnVersion() {
    for (String name : contracts.names()) {
      JsonNode schema = Json.read(CONTRACTS.resolve(name + ".json"));
      assertThat(schema.path("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
      assertThat(schema.path("$id").asText()).isEqualTo("https://schemas.quanteam.io/eam/" + name + ".json");
      JsonNode version = schema.path("properties").has("dsl_version")
          ? schema.path("properties").path("dsl_version") : schema.path("properties").path("schema_version");
      if (!name.equals("expression_ast_v1")) {
        assertThat(version.path("const").asText()).as(name + " version const").isEqualTo(name);
      }
    }
  }

  private static List<Path> exampleFiles() throws IOException {
    try (Stream<Path> s = Files.list(EXAMPLES)) {
      return s.filter(p -> p.toString().endsWith(".json"))
          .sorted(Comparator.comparing(Path::toString))
          .collect(Collectors.toCollection(ArrayList::new));
    }
  }

  /** The longest contract name the file name starts with, followed by '_' (so run_spec_v2_x is not run_spec_v1). */
  private String contractOf(String fileName) {
    return contracts.names().stream()
        .filter(n -> fileName.startsWith(n + "_"))
        .max(Comparator.comparingInt(String::length))
        .orElse(null);
  }
}
