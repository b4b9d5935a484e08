package io.quanteam.eam.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.quanteam.eam.app.EamConfig;
import io.quanteam.eam.json.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class PoliciesCommandTest {
  @TempDir
  Path home;
  Path policies;
  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();

  @BeforeEach
  void copyPolicies() throws IOException {
    policies = Files.createDirectories(home.resolve("policies"));
    try (Stream<Path> files = Files.list(Path.of("policies"))) {
      for (Path f : files.toList()) {
        Files.copy(f, policies.resolve(f.getFileName()));
      }
    }
  }

  private int eam(String... args) {
    CommandLine cl = EamCommand.commandLine(EamConfig.from(Map.of("EAM_HOME", home.toString()), new Properties()));
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    return cl.execute(args);
  }

  @Test
  void listsEveryPolicyAsJson() {
    assertThat(eam("policies", "list", "--json")).isZero();
    var list = Json.parse(out.toString(), "stdout");
    assertThat(list).hasSize(11);
    assertThat(list.findValuesAsText("id")).contains("policy_bundle_v1_default", "gate_suite_v2_statistical",
        "policy_bundle_v3_default", "gate_suite_v3_default");
  }

  @Test
  void showsOnePolicy() {
    assertThat(eam("policies", "show", "cost_policy_v1_default")).isZero();
    var shown = Json.parse(out.toString(), "stdout");
    assertThat(shown.at("/content/params/slippage_bps").doubleValue()).isEqualTo(2.0);
    assertThat(shown.get("sha256").asText())
        .isEqualTo("704b7212865e418fe262688e60b382d22f6b28f454e2d2157eb0d5d1f74a09f5");
    assertThat(eam("policies", "show", "nope")).isEqualTo(EamCommand.INVALID_INPUT);
  }

  @Test
  void aTamperedFileStopsListingUntilDeliberatelyRelocked() throws IOException {
    Path cost = policies.resolve("cost_policy_v1.yaml");
    Files.writeString(cost, Files.readString(cost).replace("slippage_bps: 2.0", "slippage_bps: 0.5"));

    assertThat(eam("policies", "list")).isEqualTo(EamCommand.INVALID_INPUT);
    assertThat(err.toString()).contains("cost_policy_v1.yaml changed since it was locked");
    assertThat(eam("policies", "lock", "--check")).isEqualTo(EamCommand.USAGE_OR_UNEXPECTED);
    assertThat(out.toString()).contains("changed  cost_policy_v1.yaml 704b7212");

    assertThat(eam("policies", "lock")).isZero();
    assertThat(out.toString()).contains("wrote policy_lock_v1.json (11 files, 1 changed)");
    assertThat(eam("policies", "lock", "--check")).isZero();
    assertThat(eam("policies", "list")).isZero();
  }
}
