package io.quanteam.eam.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quanteam.eam.app.EamConfig;
import io.quanteam.eam.app.EamWiring;
import io.quanteam.eam.data.DemoProfile;
import io.quanteam.eam.job.Phase;
import io.quanteam.eam.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code eam worker --run-jobs --once} and the start-up refusals of {@code eam serve}, through EamCommand. */
class WorkerAndServeCommandTest {
  @TempDir
  Path home;

  private Cli cli;

  private Map<String, String> env() {
    Map<String, String> env = new HashMap<>();
    env.put("EAM_HOME", home.toString());
    env.put("EAM_POLICIES_ROOT", Path.of("policies").toAbsolutePath().toString());
    env.put("SOURCE_DATE_EPOCH", "1764115200");
    return env;
  }

  private int eam(EamConfig config, String... args) {
    cli = new Cli(config);
    return cli.run(args);
  }

  private static ObjectNode buyAndHold(String title) {
    ObjectNode bp = (ObjectNode) Json.read(Path.of("contracts/examples/blueprint_v1_buyhold_demo_ok.json"));
    return bp.put("title", title);
  }

  @Test
  void aWorkerPassAdvancesEveryJobUntilBlockedThenFinishesApprovedOnes() {
    EamConfig config = EamConfig.from(env(), new Properties());
    EamWiring wiring = EamWiring.create(config);
    wiring.snapshots().createDemo("demo_tiny", DemoProfile.TINY);
    String a = wiring.jobs().submitBlueprint(buyAndHold("one"), "demo_tiny", null, null, "test").jobId();
    String b = wiring.jobs().submitBlueprint(buyAndHold("two"), "demo_tiny", null, null, "test").jobId();
    // a job whose snapshot was removed from the lake after it was submitted (an unknown one is refused)
    wiring.snapshots().createDemo("removed_later", DemoProfile.TINY);
    String c = wiring.jobs().submitBlueprint(buyAndHold("three"), "removed_later", null, null, "test").jobId();
    io.quanteam.eam.e2e.Trees.delete(config.dataRoot().resolve("lake/removed_later"));
    List<String> sorted = List.of(a, b, c).stream().sorted().toList();

    assertThat(eam(config, "worker", "--run-jobs", "--once")).as(cli.err()).isZero();
    Map<String, String> expected = Map.of(a, "WAITING_APPROVAL(runspec)", b, "WAITING_APPROVAL(runspec)",
        c, "ERROR");
    assertThat(cli.out().lines().toList()).containsExactly(
        sorted.get(0) + " " + expected.get(sorted.get(0)),
        sorted.get(1) + " " + expected.get(sorted.get(1)),
        sorted.get(2) + " " + expected.get(sorted.get(2)),
        "3 jobs: 0 done, 2 waiting, 1 error");
    assertThat(wiring.jobs().state(a).waitingOn("runspec")).isTrue();
    // the pass leaves each job's list row in the summary index, so the next listing (a daemon's start) reads rows,
    // not logs; the job that ended in ERROR too
    io.quanteam.eam.job.JobSummaryIndex index = io.quanteam.eam.job.JobSummaryIndex.load(config.jobRoot());
    for (String id : List.of(a, b, c)) {
      ObjectNode row = index.row(id, io.quanteam.eam.job.JobSummaryIndex.LogStamp.of(config.jobRoot().resolve(id)));
      assertThat(row).as(id).isNotNull();
      assertThat(row.path("state").asText()).isEqualTo(expected.get(id));
      assertThat(row.path("title").asText()).isNotEmpty();
    }

    wiring.jobs().approve(a, "runspec", "alice");
    assertThat(eam(config, "worker", "--run-jobs", "--once")).as(cli.err()).isZero();
    assertThat(cli.out()).contains(a + " DONE\n").contains(b + " WAITING_APPROVAL(runspec)\n")
        .endsWith("3 jobs: 1 done, 1 waiting, 1 error\n");
    assertThat(wiring.jobs().state(a).phase()).isEqualTo(Phase.TERMINAL_DONE);
    assertThat(wiring.jobs().verify(a).ok()).isTrue();
  }

  @Test
  void aWorkerRemovesWhatAKilledWriterLeftOnceItIsAnHourOld() throws Exception {
    // Ages are measured on the wall clock the file system uses, never on a fixed SOURCE_DATE_EPOCH (here ten years
    // ahead, which would make every temporary look old).
    java.time.Instant now = java.time.Instant.now();
    Map<String, String> env = env();
    env.put("SOURCE_DATE_EPOCH", Long.toString(now.getEpochSecond() + 10L * 365 * 86400));
    EamConfig config = EamConfig.from(env, new Properties());
    Path stale = Files.createDirectories(config.jobRoot().resolve(".tmp-0123456789ab-1"));
    Files.writeString(stale.resolve("job_spec.json"), "{}");
    Files.setLastModifiedTime(stale, java.nio.file.attribute.FileTime.from(now.minusSeconds(7200)));
    Path card = Files.createDirectories(config.registryRoot().resolve("cards/.tmp-card_0123456789ab-2"));
    Files.setLastModifiedTime(card, java.nio.file.attribute.FileTime.from(now.minusSeconds(3601)));
    Path recent = Files.createDirectories(config.dossierRoot().resolve(".tmp-0123456789ab-3"));
    Files.setLastModifiedTime(recent, java.nio.file.attribute.FileTime.from(now.minusSeconds(60)));
    Path inboxTemp = Files.createDirectories(config.inboxDir()).resolve(".spec.json.tmp");
    Files.writeString(inboxTemp, "{}");
    Files.setLastModifiedTime(inboxTemp, java.nio.file.attribute.FileTime.from(now.minusSeconds(7200)));

    assertThat(eam(config, "worker", "--run-jobs", "--once")).isZero();

    assertThat(stale).doesNotExist();
    assertThat(card).doesNotExist();
    assertThat(recent).as("a writer may still be at work").exists();
    assertThat(inboxTemp).as("the inbox is the user's").exists();
    assertThat(cli.err()).contains("removed 2 temporary file(s) or folder(s)", stale.toString(),
        card.toString());
    assertThat(cli.out()).isEqualTo("0 jobs: 0 done, 0 waiting, 0 error\n");
  }

  @Test
  void anEmptyJobRootIsAPassOverNothing() {
    assertThat(eam(EamConfig.from(env(), new Properties()), "worker", "--run-jobs", "--once")).isZero();
    assertThat(cli.out()).isEqualTo("0 jobs: 0 done, 0 waiting, 0 error\n");
  }

  @Test
  void serveRefusesAJobRootThatIsAFile() throws Exception {
    Path file = Files.writeString(home.resolve("not-a-folder"), "x");
    Map<String, String> env = env();
    env.put("EAM_JOB_ROOT", file.toString());

    assertThat(eam(EamConfig.from(env, new Properties()), "serve")).isEqualTo(EamCommand.USAGE_OR_UNEXPECTED);
    assertThat(cli.err()).startsWith("error: the job root " + file + " cannot be used")
        .contains("set EAM_JOB_ROOT (or eam.job.root) to a writable folder");
    assertThat(cli.out()).isEmpty();
  }

  @Test
  void serveRefusesAnInboxInsideAFile() throws Exception {
    Path file = Files.writeString(home.resolve("plain-file"), "x");
    Map<String, String> env = env();
    env.put("EAM_INBOX_DIR", file.resolve("inbox").toString());

    assertThat(eam(EamConfig.from(env, new Properties()), "serve")).isEqualTo(EamCommand.USAGE_OR_UNEXPECTED);
    assertThat(cli.err()).startsWith("error: the inbox " + file.resolve("inbox") + " cannot be used")
        .contains("EAM_INBOX_DIR");
  }

  @Test
  void aPortThatIsNotANumberIsRefusedWithTheSettingsName() {
    Map<String, String> env = env();
    env.put("EAM_HTTP_PORT", "80x");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> EamConfig.from(env, new Properties()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("EAM_HTTP_PORT").hasMessageContaining("80x");
  }
}
