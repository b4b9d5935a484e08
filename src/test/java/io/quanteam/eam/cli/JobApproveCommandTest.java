package io.quanteam.eam.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quanteam.eam.app.EamConfig;
import io.quanteam.eam.app.EamWiring;
import io.quanteam.eam.data.DemoProfile;
import io.quanteam.eam.json.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 10 "Bulk review": approving many waiting jobs is one command, printing what it approved. */
class JobApproveCommandTest {
  @TempDir
  Path home;
  EamWiring wiring;
  Cli cli;
  final List<String> jobs = new ArrayList<>();

  @BeforeEach
  void setUp() {
    EamConfig config = EamConfig.from(Map.of("EAM_HOME", home.toString(), "EAM_POLICIES_ROOT",
        Path.of("policies").toAbsolutePath().toString()), new Properties());
    wiring = EamWiring.create(config);
    wiring.snapshots().createDemo("demo_tiny", DemoProfile.TINY);
    for (int i = 0; i < 4; i++) {
      ObjectNode bp = (ObjectNode) Json.read(Path.of("contracts/examples/blueprint_v1_buyhold_demo_ok.json"));
      jobs.add(wiring.jobs().submitBlueprint(bp.put("title", "bulk " + i), "demo_tiny", null, null, "test")
          .jobId());
    }
    cli = new Cli(config);
    assertThat(cli.run("worker", "--once")).as("the seed's --run-jobs may be left out; %s", cli.err()).isZero();
    assertThat(jobs).allMatch(j -> wiring.jobs().state(j).waitingOn("runspec"));
  }

  /**
   * A pass over jobs that wait, unchanged since the last pass, is answered from the summary index: no policy, no
   * contract, no Camel is loaded (the policy folder is empty here, and the pass still answers); an approved job's log
   * changed, so the next pass reads it and runs it, which needs them.
   */
  @Test
  void aPassOverUnchangedWaitingJobsIsAnsweredFromTheIndex() throws Exception {
    EamConfig noPolicies = EamConfig.from(Map.of("EAM_HOME", home.toString(), "EAM_POLICIES_ROOT",
        java.nio.file.Files.createDirectories(home.resolve("empty")).toString()), new Properties());
    Cli without = new Cli(noPolicies);
    assertThat(without.run("worker", "--once")).as(without.err()).isZero();
    assertThat(without.out()).endsWith("4 jobs: 0 done, 4 waiting, 0 error\n");

    assertThat(cli.run("job", "approve", jobs.get(0), "--step", "runspec")).isZero();
    assertThat(without.run("worker", "--once")).isEqualTo(2);
    assertThat(without.err()).contains("empty");
    assertThat(cli.run("worker", "--once")).as(cli.err()).isZero();
    assertThat(cli.out()).contains(jobs.get(0) + " DONE").endsWith("4 jobs: 1 done, 3 waiting, 0 error\n");
  }

  @Test
  void severalIdsAreApprovedInOneCommand() {
    assertThat(cli.run("job", "approve", jobs.get(0), jobs.get(1), "--step", "runspec")).isZero();
    assertThat(cli.out()).isEqualTo("approved runspec of job " + jobs.get(0) + "\napproved runspec of job "
        + jobs.get(1) + "\napproved 2 job(s)\n");
    assertThat(wiring.jobs().state(jobs.get(1)).approvedSteps()).contains("runspec");
    assertThat(wiring.jobs().state(jobs.get(2)).waitingOn("runspec")).isTrue();
  }

  @Test
  void aJobThatCannotBeApprovedIsReportedAndTheOthersStillAre() {
    assertThat(cli.run("job", "approve", "ffffffffffff", jobs.get(0), "--step", "runspec")).as("an unknown id")
        .isEqualTo(2);
    assertThat(cli.err()).startsWith("error: job ffffffffffff: ");
    assertThat(cli.out()).contains("approved runspec of job " + jobs.get(0), "approved 1 job(s); 1 could not be");
  }

  @Test
  void allWaitingApprovesEveryWaitingJobFilteredByStepAndKind() {
    assertThat(cli.run("job", "approve", "--all-waiting", "--kind", "idea")).isZero();
    assertThat(cli.out()).isEqualTo("no job waits among idea jobs\n");
    assertThat(cli.run("job", "approve", "--all-waiting", "--step", "runspec", "--kind", "blueprint")).isZero();
    assertThat(cli.out()).contains(jobs.stream().map(j -> "approved runspec of job " + j).toArray(String[]::new))
        .endsWith("approved 4 job(s)\n");
    assertThat(jobs).allMatch(j -> wiring.jobs().state(j).approvedSteps().contains("runspec"));
    assertThat(cli.run("job", "approve", "--all-waiting")).isZero();
    assertThat(cli.out()).isEqualTo("no job waits\n");
  }

  @Test
  void misuseIsRefusedWithTheRule() {
    assertThat(cli.run("job", "approve", jobs.get(0))).isEqualTo(1);
    assertThat(cli.err()).contains("--step is required with job ids");
    assertThat(cli.run("job", "approve", jobs.get(0), "--all-waiting")).isEqualTo(1);
    assertThat(cli.err()).contains("not both");
    assertThat(cli.run("job", "approve", "--all-waiting", "--kind", "blue")).isEqualTo(2);
    assertThat(cli.err()).contains("--kind: enum — must be blueprint or idea (value: blue)");
    assertThat(jobs).allMatch(j -> wiring.jobs().state(j).waitingOn("runspec"));
  }

  @Test
  void anUnknownStateIsRefusedEvenWhereNoJobWouldBeCheckedAgainstIt(@org.junit.jupiter.api.io.TempDir Path empty) {
    // found by use: in an empty root `job list --state nope` listed nothing and exited 0
    Cli fresh = new Cli(EamConfig.from(Map.of("EAM_HOME", empty.toString(), "EAM_POLICIES_ROOT",
        Path.of("policies").toAbsolutePath().toString()), new Properties()));
    assertThat(fresh.run("job", "list", "--state", "nope")).isEqualTo(2);
    assertThat(fresh.err()).contains("--state: enum");
  }
}
