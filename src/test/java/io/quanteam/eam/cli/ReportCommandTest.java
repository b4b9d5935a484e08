package io.quanteam.eam.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.quanteam.eam.app.EamConfig;
import io.quanteam.eam.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportCommandTest {
  private static final String RUN_ID = "104257ac0560";

  @TempDir
  Path home;
  private EamConfig config;
  private Cli cli;

  @BeforeEach
  void setUp() {
    config = EamConfig.from(Map.of("EAM_HOME", home.toString()), new Properties());
  }

  private int run(String... args) {
    cli = new Cli(config);
    return cli.run(args);
  }

  private Path installSample() throws Exception {
    Path source = Path.of(getClass().getResource("/report/dossier_" + RUN_ID).toURI());
    Path target = config.dossierRoot().resolve(RUN_ID);
    try (Stream<Path> files = Files.walk(source)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Path to = target.resolve(source.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(to);
        } else {
          Files.copy(f, to);
        }
      }
    }
    return target;
  }

  @Test
  void writesBothReportsAndPrintsTheirPaths() throws Exception {
    Path dossier = installSample();
    assertThat(run("report", "--run-id", RUN_ID)).isZero();
    Path md = dossier.resolve("reports/report.md");
    Path html = dossier.resolve("reports/report.html");
    assertThat(cli.out()).isEqualTo(md + System.lineSeparator() + html + System.lineSeparator());
    assertThat(md).isRegularFile();
    assertThat(html).isRegularFile();
  }

  @Test
  void jsonOutputNamesRunAndFiles() throws Exception {
    Path dossier = installSample();
    assertThat(run("report", "--run-id", RUN_ID, "--json")).isZero();
    JsonNode doc = Json.parse(cli.out(), "stdout");
    assertThat(doc.path("run_id").asText()).isEqualTo(RUN_ID);
    assertThat(doc.path("report_html").asText()).isEqualTo(dossier.resolve("reports/report.html").toString());
    assertThat(doc.path("report_md").asText()).isEqualTo(dossier.resolve("reports/report.md").toString());
  }

  @Test
  void runIdOutsideTheAllowlistIsInvalidInputBeforeAnyPathIsTouched() throws Exception {
    installSample();
    for (String bad : new String[] {"../" + RUN_ID, "104257AC0560", "104257ac056", "104257ac05600", "104257ac056g"}) {
      assertThat(run("report", "--run-id", bad)).as(bad).isEqualTo(EamCommand.INVALID_INPUT);
      assertThat(cli.err()).contains("--run-id: bad_run_id");
    }
  }

  @Test
  void anUnknownRunIsInvalidInputLikeEveryCommandThatTakesADossier() {
    // issue 10 "One vocabulary": report said 1, gates and registry record said 2; now every one says 2
    for (String[] command : new String[][] {{"report"}, {"gates"}, {"registry", "record"}}) {
      java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of(command));
      args.addAll(java.util.List.of("--run-id", "0123456789ab"));
      assertThat(run(args.toArray(String[]::new))).as(String.join(" ", command))
          .isEqualTo(EamCommand.INVALID_INPUT);
      assertThat(cli.err()).contains("--run-id: no_such_run", "no dossier for this run");
      args.set(args.size() - 2, "--dossier");
      args.set(args.size() - 1, "/nonexistent/0123456789ab");
      assertThat(run(args.toArray(String[]::new))).as(String.join(" ", command))
          .isEqualTo(EamCommand.INVALID_INPUT);
      assertThat(cli.err()).contains("not_a_dossier");
    }
  }

  @Test
  void incompleteDossierFailsWithTheMissingFile() throws Exception {
    Path dossier = installSample();
    Files.delete(dossier.resolve("metrics.json"));
    assertThat(run("report", "--run-id", RUN_ID)).isEqualTo(EamCommand.USAGE_OR_UNEXPECTED);
    assertThat(cli.err()).contains("has no metrics.json");
  }
}
