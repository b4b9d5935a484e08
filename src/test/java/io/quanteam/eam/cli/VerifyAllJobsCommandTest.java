package io.quanteam.eam.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quanteam.eam.app.EamConfig;
import io.quanteam.eam.app.EamWiring;
import io.quanteam.eam.data.DemoProfile;
import io.quanteam.eam.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code eam job verify --all [--repair]}: the whole root after a power cut, a line per job. */
class VerifyAllJobsCommandTest {
  @TempDir
  Path home;
  private EamConfig config;
  private EamWiring wiring;
  private Cli cli;

  @BeforeEach
  void setUp() {
    config = EamConfig.from(Map.of("EAM_HOME", home.toString(), "SOURCE_DATE_EPOCH", "1764115200",
        "EAM_POLICIES_ROOT", Path.of("policies").toAbsolutePath().toString()), new Properties());
    wiring = EamWiring.create(config);
    cli = new Cli(config);
    wiring.snapshots().createDemo("demo_tiny", DemoProfile.TINY);
  }

  private int eam(String... args) {
    return cli.run(args);
  }

  private String submit(String title) {
    ObjectNode bp = (ObjectNode) Json.read(Path.of("contracts/examples/blueprint_v1_buyhold_demo_ok.json"));
    return wiring.jobs().submitBlueprint(bp.put("title", title), "demo_tiny", null, null, "test").jobId();
  }

  /** Two finished jobs and one waiting, in id order. */
  private List<String> threeJobs() {
    String a = submit("one");
    String b = submit("two");
    String waiting = submit("three");
    assertThat(eam("worker", "--run-jobs", "--once")).isZero();
    wiring.jobs().approve(a, "runspec", "alice");
    wiring.jobs().approve(b, "runspec", "alice");
    assertThat(eam("worker", "--run-jobs", "--once")).isZero();
    assertThat(cli.out()).endsWith("3 jobs: 2 done, 1 waiting, 0 error\n");
    return List.of(a, b, waiting);
  }

  private Path dossier(String job) {
    return config.artifactRoot().resolve(wiring.jobs().events(job).list().stream()
        .filter(e -> e.output("dossier_path") != null).findFirst().orElseThrow().output("dossier_path"));
  }

  @Test
  void everyJobGetsALineAndADamagedOneFailsTheWholeCheck() throws Exception {
    List<String> jobs = threeJobs();
    assertThat(eam("job", "verify", "--all")).as(cli.err()).isZero();
    List<String> expected = new java.util.ArrayList<>(jobs.stream().sorted().map(id -> id + ": OK").toList());
    expected.add("verified 3 job(s): 3 OK, 0 corrupt or unreadable");
    assertThat(cli.out().lines().toList()).containsExactlyElementsOf(expected);

    String damaged = jobs.get(1);
    Files.write(dossier(damaged).resolve("trades.csv"), new byte[0]);
    assertThat(eam("job", "verify", "--all")).isEqualTo(2);
    assertThat(cli.out()).contains(damaged + ": CORRUPT: 1 problem(s)\n", "dossier_file_changed",
        "trades.csv", jobs.get(0) + ": OK\n", jobs.get(2) + ": OK\n",
        "verified 3 job(s): 2 OK, 1 corrupt or unreadable");
  }

  @Test
  void repairRestoresEveryDamagedDossierThenVerifies() throws Exception {
    List<String> jobs = threeJobs();
    Path trades = dossier(jobs.get(0)).resolve("trades.csv");
    byte[] original = Files.readAllBytes(trades);
    Files.delete(trades);
    Files.write(dossier(jobs.get(1)).resolve("curve.csv"), new byte[] {'x'});

    assertThat(eam("job", "verify", "--all", "--repair")).as(cli.out()).isZero();

    assertThat(cli.out()).contains(jobs.get(0) + ": dossier restored from the approved runspec (trades.csv",
        jobs.get(1) + ": dossier restored from the approved runspec (curve.csv",
        "verified 3 job(s): 3 OK, 0 corrupt or unreadable");
    assertThat(cli.out()).doesNotContain(jobs.get(2) + ": dossier");
    assertThat(Files.readAllBytes(trades)).isEqualTo(original);
    assertThat(eam("job", "verify", "--all")).isZero();
  }

  @Test
  void aDamagedJobFolderIsReportedAndTheOthersStillChecked() throws Exception {
    List<String> jobs = threeJobs();
    String a = jobs.get(0);
    String b = jobs.get(1);
    String c = jobs.get(2);
    Path root = config.jobRoot();
    Files.writeString(root.resolve(a).resolve("job_spec.json"), "{not json");
    Files.delete(root.resolve(b).resolve("events.jsonl"));
    Files.createDirectory(root.resolve(b).resolve("events.jsonl"));
    Files.writeString(root.resolve(c).resolve("events.jsonl"), "");
    Path specless = Files.createDirectories(root.resolve("0123456789ab"));
    Files.writeString(specless.resolve("events.jsonl"), "");

    assertThat(eam("job", "verify", "--all", "--repair")).isEqualTo(2);

    String out = cli.out();
    assertThat(out).contains(a + ": dossier: not restored: ", a + ": CORRUPT: 1 problem(s)\n",
        "line 1: job_spec_changed — job_spec.json is no longer valid JSON");
    // a folder where the log should be is never opened: reported as a problem, like any other corruption
    assertThat(out).contains(b + ": CORRUPT: 1 problem(s)\n  line 1: events_unreadable — job " + b
        + ": events.jsonl is a folder, not a regular file");
    assertThat(out).contains(c + ": CORRUPT: 1 problem(s)\n  line 1: events_missing");
    assertThat(out).contains("0123456789ab: CORRUPT: 2 problem(s)\n", "line 1: events_missing",
        "line 1: job_spec_missing — job_spec.json is missing");
    assertThat(out).endsWith("verified 4 job(s): 0 OK, 4 corrupt or unreadable\n");
  }

  @Test
  void oneIdOrAllButNotBothNorNeither() {
    assertThat(eam("job", "verify")).isEqualTo(2);
    assertThat(cli.err()).contains("name one job ID or --all");
    assertThat(eam("job", "verify", "0123456789ab", "--all")).isEqualTo(2);
    assertThat(cli.err()).contains("name one job ID or --all");
  }
}
