package io.quanteam.eam.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quanteam.eam.app.EamConfig;
import io.quanteam.eam.data.DemoProfile;
import io.quanteam.eam.data.SnapshotStore;
import io.quanteam.eam.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An idea from the command line alone: submit-idea, worker passes, approve each step, spawn — and its mistakes. */
class JobSpawnCommandTest {
  @TempDir
  Path home;

  @Test
  void anIdeaIsTakenToItsProposalsAndAChildIsSpawnedFromTheCommandLine() throws Exception {
    EamConfig config = EamConfig.from(Map.of("EAM_HOME", home.toString(), "SOURCE_DATE_EPOCH", "1700000000",
        "EAM_POLICIES_ROOT", Path.of("policies").toAbsolutePath().toString()), new Properties());
    new SnapshotStore(config.dataRoot(), config.clock()).createDemo("demo_tiny", DemoProfile.TINY);
    ObjectNode idea = Json.object().put("schema_version", "idea_spec_v1").put("title", "From the command line")
        .put("hypothesis_text", "A moving average crossover").put("frequency", "1d").put("start", "2024-01-01")
        .put("end", "2024-01-10").put("evaluation_intent", "research").put("snapshot_id", "demo_tiny")
        .put("policy_bundle_path", "policies/policy_bundle_v1.yaml");
    idea.putArray("symbols").add("AAA").add("BBB");
    Path file = home.resolve("idea.json");
    Files.writeString(file, idea.toString());

    Cli cli = new Cli(config);
    assertThat(cli.run("job", "submit-idea", file.toString(), "--json")).isZero();
    String job = Json.parse(cli.out(), "out").path("job_id").asText();
    for (String step : new String[] {"blueprint", "strategy_spec", "runspec", "trace_preview"}) {
      assertThat(new Cli(config).run("worker", "--once")).isZero();
      Cli approve = new Cli(config);
      assertThat(approve.run("job", "approve", job, "--step", step)).as(approve.err()).isZero();
    }
    assertThat(new Cli(config).run("worker", "--once")).isZero();

    Cli early = new Cli(config);
    assertThat(early.run("job", "spawn", job, "--proposal", "p_nosuch")).isEqualTo(EamCommand.INVALID_INPUT);
    assertThat(early.err()).contains("has no proposal p_nosuch").contains("p_");

    JsonNode proposals = Json.read(config.jobRoot().resolve(job)
        .resolve("outputs/agents/improvement/improvement_proposals.json")).path("proposals");
    String proposal = proposals.get(0).path("proposal_id").asText();
    Cli spawn = new Cli(config);
    assertThat(spawn.run("job", "spawn", job, "--proposal", proposal)).as(spawn.err()).isZero();
    assertThat(spawn.out()).startsWith("spawned job ").contains("waits for its own approval");
    String child = spawn.out().split(" ")[2];
    Cli again = new Cli(config);
    assertThat(again.run("job", "spawn", job, "--proposal", proposal)).isZero();
    assertThat(again.out()).contains("was spawned before: job " + child);

    Cli showChild = new Cli(config);
    assertThat(showChild.run("job", "show", child)).isZero();
    assertThat(showChild.out()).contains("parent:    " + job + " (proposal " + proposal + ", generation 1, root "
        + job + ")");
    Cli showParent = new Cli(config);
    assertThat(showParent.run("job", "show", job)).isZero();
    assertThat(showParent.out()).contains("children:  " + child + " (proposal " + proposal + ")");

    Cli notWaiting = new Cli(config);
    assertThat(notWaiting.run("job", "spawn", child, "--proposal", proposal)).isEqualTo(
        EamCommand.USAGE_OR_UNEXPECTED);
    assertThat(notWaiting.err()).contains("waits at improvements");
    Cli help = new Cli(config);
    assertThat(help.run("job", "spawn", "--help")).isZero();
    assertThat(help.out()).contains("--proposal").contains("STOPPED_BUDGET");
  }
}
