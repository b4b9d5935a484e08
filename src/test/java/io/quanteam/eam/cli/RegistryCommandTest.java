package io.quanteam.eam.cli;

import static io.quanteam.eam.registry.TrialFixtures.CLOCK_TEXT;
import static io.quanteam.eam.registry.TrialFixtures.LINEAGE;
import static io.quanteam.eam.registry.TrialFixtures.input;
import static io.quanteam.eam.registry.TrialFixtures.runId;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.quanteam.eam.app.EamConfig;
import io.quanteam.eam.json.Json;
import io.quanteam.eam.registry.Registry;
import io.quanteam.eam.registry.TrialFixtures;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryCommandTest {
  private static final String CARD_1 = "card_000000000001";

  @TempDir
  Path home;
  private EamConfig config;
  private Cli cli;

  /** Cards 1 (sharpe 1.5) and 3 (sharpe 2.0); run 2 failed; run 4 is in another lineage and failed. */
  @BeforeEach
  void setUp() {
    config = EamConfig.from(Map.of("EAM_HOME", home.toString(), "SOURCE_DATE_EPOCH", "1700000000",
        "EAM_POLICIES_ROOT", Path.of("policies").toAbsolutePath().toString()), new Properties());
    Registry registry = new Registry(config.registryRoot(), config.clock());
    registry.recordTrial(input(runId(1), "pass", 0.1, 1.5, LINEAGE));
    registry.recordTrial(input(runId(2), "fail", 0.2, 0.5, LINEAGE));
    registry.recordTrial(input(runId(3), "pass", 0.3, 2.0, LINEAGE));
    registry.recordTrial(input(runId(4), "fail", 0.4, 0.1, "cccccccccccc"));
  }

  private int run(String... args) {
    cli = new Cli(config);
    return cli.run(args);
  }

  @Test
  void listCardsShowsEveryCardAndFiltersByStatus() {
    assertThat(run("registry", "list-cards")).isZero();
    assertThat(cli.out()).containsPattern("CARD\\s+STATUS\\s+SHARPE \\(ANN\\.\\)\\s+TOTAL RETURN\\s+TITLE")
        .containsPattern("card_000000000001\\s+draft\\s+1\\.50\\s+12\\.50%\\s+Title of 000000000001")
        .contains("card_000000000003").doesNotContain("card_000000000002");

    run("registry", "promote-card", "card_000000000003", "--to", "challenger");
    assertThat(run("registry", "list-cards", "--status", "challenger", "--json")).isZero();
    JsonNode cards = Json.parse(cli.out(), "stdout");
    assertThat(cards).hasSize(1);
    assertThat(cards.get(0).path("card").path("card_id").asText()).isEqualTo("card_000000000003");
    assertThat(cards.get(0).path("status").asText()).isEqualTo("challenger");

    assertThat(run("registry", "list-cards", "--status", "champion")).isZero();
    assertThat(cli.out()).contains("no cards with status champion");
    assertThat(run("registry", "list-cards", "--status", "gold")).isEqualTo(2);
    assertThat(cli.err()).contains("unknown_status");
  }

  @Test
  void showCardPrintsTheCardStatusAndEvents() {
    assertThat(run("registry", "show-card", CARD_1)).isZero();
    assertThat(cli.out()).contains("status:       draft", "run_id:       000000000001", "gate_cost_x2_v1",
        CLOCK_TEXT + "  CREATED for run 000000000001").containsPattern("Sharpe \\(ann\\.\\)\\s+1\\.50\\n")
        .containsPattern("total return\\s+12\\.50%\\n");

    assertThat(run("registry", "show-card", CARD_1, "--json")).isZero();
    JsonNode view = Json.parse(cli.out(), "stdout");
    assertThat(view.path("card").path("title").asText()).isEqualTo("Title of 000000000001");
    assertThat(view.path("events")).hasSize(1);
  }

  @Test
  void showCardRefusesMalformedAndUnknownIds() {
    assertThat(run("registry", "show-card", "../../etc/passwd")).isEqualTo(2);
    assertThat(cli.err()).contains("bad_id");
    assertThat(run("registry", "show-card", "card_0000000000ff")).isEqualTo(2);
    assertThat(cli.err()).contains("not_found", "card_0000000000ff");
    assertThat(run("registry", "show-card", "card_000000000002")).isEqualTo(2);
    assertThat(cli.err()).contains("not_found");
  }

  @Test
  void promoteCardMovesOneStepAsTheCliActor() {
    assertThat(run("registry", "promote-card", CARD_1, "--to", "challenger", "--reason", "best so far")).isZero();
    assertThat(cli.out()).contains("card_000000000001: draft -> challenger");

    assertThat(run("registry", "promote-card", CARD_1, "--to", "retired")).isEqualTo(2);
    assertThat(cli.err()).contains("promotion_order", "from challenger to retired");

    assertThat(run("registry", "promote-card", CARD_1, "--to", "champion", "--json")).isZero();
    JsonNode view = Json.parse(cli.out(), "stdout");
    assertThat(view.path("status").asText()).isEqualTo("champion");
    assertThat(view.path("events").get(1).path("actor").asText()).isEqualTo("cli");
    assertThat(view.path("events").get(1).path("reason").asText()).isEqualTo("best so far");

    assertThat(run("registry", "promote-card", "card_0000000000ff", "--to", "challenger")).isEqualTo(2);
    assertThat(cli.err()).contains("not_found");
  }

  @Test
  void leaderboardRanksByTheChosenMetric() {
    assertThat(run("registry", "leaderboard")).isZero();
    String text = cli.out();
    assertThat(text.indexOf("card_000000000003")).isLessThan(text.indexOf("card_000000000001"));
    assertThat(text).containsPattern("1\\s+card_000000000003\\s+draft\\s+2\\.00\\s");

    assertThat(run("registry", "leaderboard", "--metric", "sharpe", "--limit", "1", "--json")).isZero();
    JsonNode rows = Json.parse(cli.out(), "stdout");
    assertThat(rows).hasSize(1);
    assertThat(rows.get(0).path("card_id").asText()).isEqualTo("card_000000000003");
    assertThat(rows.get(0).path("value").asDouble()).isEqualTo(2.0);

    assertThat(run("registry", "leaderboard", "--ascending", "--json")).isZero();
    assertThat(Json.parse(cli.out(), "stdout").get(0).path("card_id").asText()).isEqualTo(CARD_1);

    assertThat(run("registry", "leaderboard", "--metric", "alpha")).isEqualTo(2);
    assertThat(cli.err()).contains("unknown_metric", "sharpe");
  }

  @Test
  void tablesRoundForPeopleAndJsonKeepsEveryDigit() {
    Registry registry = new Registry(config.registryRoot(), config.clock());
    registry.recordTrial(input(runId(5), "pass", 0.0712345678912, 1.1649697707546818, "dddddddddddd"));

    assertThat(run("registry", "leaderboard")).isZero();
    assertThat(cli.out()).containsPattern("card_000000000005\\s+draft\\s+1\\.16\\s").doesNotContain("1.1649");
    assertThat(run("registry", "trials", "--lineage", "dddddddddddd")).isZero();
    assertThat(cli.out()).containsPattern("000000000005\\s+pass\\s+dddddddddddd\\s+0\\.0712\\s+1\\.16\\s");

    assertThat(run("registry", "leaderboard", "--json")).isZero();
    assertThat(Json.parse(cli.out(), "stdout").get(2).path("value").asDouble()).isEqualTo(1.1649697707546818);
    assertThat(run("registry", "trials", "--lineage", "dddddddddddd", "--json")).isZero();
    JsonNode trial = Json.parse(cli.out(), "stdout").get(0);
    assertThat(trial.path("sr").asDouble()).isEqualTo(0.0712345678912);
    assertThat(trial.path("metrics").path("sharpe").asDouble()).isEqualTo(1.1649697707546818);
  }

  @Test
  void trialsListsEveryRunAndFiltersByLineage() {
    assertThat(run("registry", "trials")).isZero();
    assertThat(cli.out()).contains("000000000001", "000000000002", "000000000004")
        .containsPattern("RUN\\s+STATUS\\s+LINEAGE\\s+SR \\(PER BAR\\)\\s+SHARPE \\(ANN\\.\\)\\s+RECORDED_AT")
        .containsPattern("000000000002\\s+fail\\s+aaaaaaaaaaaa\\s+0\\.2000\\s+0\\.50\\s");

    assertThat(run("registry", "trials", "--lineage", "cccccccccccc", "--json")).isZero();
    JsonNode trials = Json.parse(cli.out(), "stdout");
    assertThat(trials).hasSize(1);
    assertThat(trials.get(0).path("run_id").asText()).isEqualTo("000000000004");

    assertThat(run("registry", "trials", "--lineage", "../x")).isEqualTo(2);
    assertThat(cli.err()).contains("bad_id");
  }

  @Test
  void aRealDossierIsRecordedWithItsTestOverallStatistics() throws IOException {
    assertThat(run("snapshot", "demo", "--snapshot-id", "demo_tiny")).isZero();
    Path blueprint = home.resolve("bp.json");
    try (InputStream in = getClass().getResourceAsStream("/blueprints/buyhold_tiny.json")) {
      Files.copy(in, blueprint);
    }
    Path runspec = home.resolve("runspec.json");
    assertThat(run("compile", "--blueprint", blueprint.toString(), "--snapshot-id", "demo_tiny", "--out",
        runspec.toString())).isZero();
    assertThat(run("run", "--runspec", runspec.toString(), "--json")).isZero();
    JsonNode result = Json.parse(cli.out(), "run");
    Path dossier = Path.of(result.path("dossier_path").asText());
    String runId = result.path("run_id").asText();
    JsonNode metrics = Json.read(dossier.resolve("metrics.json"));

    Registry registry = new Registry(config.registryRoot(), config.clock());
    assertThat(registry.recordTrial(dossier, TrialFixtures.gateResults(runId, "pass"), LINEAGE, null).cardId())
        .isEqualTo("card_" + runId);
    JsonNode trial = registry.trial(runId).orElseThrow();
    assertThat(trial.path("bars").asInt()).isEqualTo(metrics.path("bars").asInt());
    assertThat(trial.path("sr")).isEqualTo(metrics.path("sr"));
    assertThat(trial.path("blueprint_hash").asText())
        .isEqualTo(Json.read(dossier.resolve("dossier_manifest.json")).path("blueprint_hash").asText());

    assertThat(run("registry", "show-card", "card_" + runId)).isZero();
    assertThat(cli.out()).contains("status:       draft", "snapshot:     demo_tiny");
  }
}
