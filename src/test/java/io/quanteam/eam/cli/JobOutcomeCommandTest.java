package io.quanteam.eam.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quanteam.eam.app.EamConfig;
import io.quanteam.eam.app.EamWiring;
import io.quanteam.eam.data.DemoProfile;
import io.quanteam.eam.json.Json;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10 "Outcomes, not just DONE": a rejected job, a job whose gates failed and a job that produced a card all
 * showed DONE. The outcome is now derived and shown in {@code job list} and {@code job show}, and filters the list.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JobOutcomeCommandTest {
  Cli cli;
  String passed;
  String failed;
  String rejected;
  String broken;

  private String submit(String example, String title, String snapshot, EamWiring wiring) {
    ObjectNode bp = (ObjectNode) Json.read(Path.of("contracts/examples/" + example));
    return wiring.jobs().submitBlueprint(bp.put("title", title), snapshot, null, null, "test").jobId();
  }

  @BeforeAll
  void fourJobsFourOutcomes(@TempDir Path home) {
    EamConfig config = EamConfig.from(Map.of("EAM_HOME", home.toString(), "EAM_POLICIES_ROOT",
        Path.of("policies").toAbsolutePath().toString(), "SOURCE_DATE_EPOCH", "1764115200"), new Properties());
    EamWiring wiring = EamWiring.create(config);
    wiring.snapshots().createDemo("demo_tiny", DemoProfile.TINY);
    wiring.snapshots().createDemo("demo", DemoProfile.STANDARD);
    passed = submit("blueprint_v1_buyhold_demo_ok.json", "buy and hold", "demo_tiny", wiring);
    failed = submit("blueprint_v1_ma_crossover_ok.json", "crossover", "demo", wiring);
    rejected = submit("blueprint_v1_buyhold_demo_ok.json", "to reject", "demo_tiny", wiring);
    // its snapshot removed from the lake after the submission (an unknown one is refused at submission)
    wiring.snapshots().createDemo("removed", DemoProfile.TINY);
    broken = submit("blueprint_v1_buyhold_demo_ok.json", "no such data", "removed", wiring);
    io.quanteam.eam.e2e.Trees.delete(config.dataRoot().resolve("lake/removed"));
    cli = new Cli(config);
    assertThat(cli.run("worker", "--once")).isZero();
    assertThat(cli.run("job", "approve", passed, failed, "--step", "runspec")).as(cli.err()).isZero();
    assertThat(cli.run("job", "reject", rejected, "--step", "runspec", "--reason", "universe too small")).isZero();
    assertThat(cli.run("worker", "--once")).isZero();
  }

  @Test
  void theListShowsEachOutcomeAndFiltersByIt() {
    assertThat(cli.run("job", "list")).isZero();
    String list = cli.out();
    assertThat(row(list, passed)).contains("DONE · PASS · card card_");
    assertThat(row(list, failed)).contains("DONE · FAIL: ");
    assertThat(row(list, rejected)).contains("DONE · rejected at runspec: universe too small");
    assertThat(row(list, broken)).contains("ERROR · ");
    int stateColumn = list.lines().findFirst().orElseThrow().indexOf("STATE");
    assertThat(list.lines().filter(l -> l.matches("[0-9a-f]{12} .*")))
        .as("columns aligned").allMatch(l -> l.indexOf("DONE") == stateColumn || l.indexOf("ERROR") == stateColumn);

    assertThat(cli.run("job", "list", "--state", "rejected")).isZero();
    assertThat(cli.out()).contains(rejected).doesNotContain(passed).contains("1 job(s)");
    assertThat(cli.run("job", "list", "--state", "fail", "--json")).isZero();
    JsonNode rows = Json.parse(cli.out(), "out");
    assertThat(rows).hasSize(1);
    assertThat(rows.get(0).path("verdict").asText()).isEqualTo("fail");
    assertThat(cli.run("job", "list", "--state", "pass")).isZero();
    assertThat(cli.out()).contains(passed).contains("1 job(s)");
  }

  @Test
  void showListsTheFailingGatesWithValueAgainstThresholdAndWhereTheEvidenceIs() {
    assertThat(cli.run("job", "show", failed)).isZero();
    String show = cli.out();
    assertThat(show).contains("outcome:   DONE · FAIL: ", "  failed:  ", "  dossier: dossiers/", "  gates:   dossiers/",
        "  run:     ");
    assertThat(show.lines().filter(l -> l.startsWith("  failed:  "))).allMatch(l -> l.matches(
        "  failed:  \\S+( on \\S+)?: .+"));
    assertThat(cli.run("job", "show", failed, "--json")).isZero();
    JsonNode outcome = Json.parse(cli.out(), "out").path("outcome");
    assertThat(outcome.path("verdict").asText()).isEqualTo("fail");
    assertThat(outcome.path("failing_gates")).isNotEmpty();

    assertThat(cli.run("job", "show", passed)).isZero();
    assertThat(cli.out()).contains("outcome:   DONE · PASS · card card_", "  card:    card_", "  report:  none yet: eam report --run-id ")
        .containsPattern("  metrics: total return -?\\d+\\.\\d\\d%  Sharpe \\(ann\\.\\) (-?\\d+\\.\\d\\d|—)  max drawdown "
            + "-?\\d+\\.\\d\\d%  trades \\d+ \\(test, overall\\)\\n");
    assertThat(cli.run("job", "show", broken)).isZero();
    assertThat(cli.out()).contains("outcome:   ERROR · ");
  }

  private static String row(String list, String job) {
    return list.lines().filter(l -> l.startsWith(job)).findFirst().orElseThrow();
  }
}
