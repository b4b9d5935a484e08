package io.quanteam.eam.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quanteam.eam.app.EamConfig;
import io.quanteam.eam.app.EamWiring;
import io.quanteam.eam.data.DemoProfile;
import io.quanteam.eam.e2e.Trees;
import io.quanteam.eam.json.CanonicalJson;
import io.quanteam.eam.json.Json;
import io.quanteam.eam.workflow.InboxSubmitter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10 "No doomed jobs": {@code submit-blueprint … --snapshot-id demoo} created a job the daemon then put in
 * final ERROR, and the only retry was to edit the title. What can be known at submission is refused there (exit 2,
 * nothing created) by every way in; a job that does end in ERROR is retried as a new job linked to it.
 */
class DoomedJobsTest {
  @TempDir
  Path home;
  EamConfig config;
  EamWiring wiring;
  Cli cli;

  @BeforeEach
  void setUp() {
    config = EamConfig.from(Map.of("EAM_HOME", home.toString(), "EAM_POLICIES_ROOT",
        Path.of("policies").toAbsolutePath().toString()), new Properties());
    wiring = EamWiring.create(config);
    wiring.snapshots().createDemo("demo_tiny", DemoProfile.TINY);
    cli = new Cli(config);
  }

  private Path blueprint(String title, String symbol) throws Exception {
    ObjectNode bp = (ObjectNode) Json.read(Path.of("contracts/examples/blueprint_v1_buyhold_demo_ok.json"));
    bp.put("title", title);
    if (symbol != null) {
      ((com.fasterxml.jackson.databind.node.ArrayNode) bp.path("universe").path("symbols")).set(0, symbol);
    }
    return Files.write(home.resolve(title.replace(' ', '-') + ".json"), CanonicalJson.prettyBytes(bp));
  }

  private int jobCount() {
    return wiring.jobs().jobIds().size();
  }

  @Test
  void anUnknownSnapshotSymbolOrBundleIsRefusedAtSubmissionAndNothingIsCreated() throws Exception {
    assertThat(cli.run("job", "submit-blueprint", blueprint("typo", null).toString(), "--snapshot-id", "demoo"))
        .isEqualTo(2);
    assertThat(cli.err()).startsWith("error: --snapshot-id: snapshot_not_found").contains("(value: demoo)");

    Path unknownSymbol = blueprint("xyz", "XYZ");
    assertThat(cli.run("job", "submit-blueprint", unknownSymbol.toString(), "--snapshot-id", "demo_tiny"))
        .isEqualTo(2);
    assertThat(cli.err()).startsWith("error: " + unknownSymbol + " at /universe/symbols/0: unknown_symbol")
        .contains("snapshot demo_tiny has no symbol XYZ");

    assertThat(cli.run("job", "submit-blueprint", blueprint("bundle", null).toString(), "--snapshot-id",
        "demo_tiny", "--policy-bundle", "policies/no_such_bundle.yaml")).isEqualTo(2);
    assertThat(cli.err()).startsWith("error: --policy-bundle");
    assertThat(jobCount()).isZero();

    // the inbox, the same way
    Path inbox = Files.createDirectories(home.resolve("inbox"));
    InboxSubmitter submitter = new InboxSubmitter(wiring.jobs(), wiring.policies(), inbox);
    ObjectNode spec = Json.object().put("schema_version", "job_spec_v1").put("snapshot_id", "demoo");
    spec.set("blueprint", Json.read(blueprint("inbox", null)));
    Files.write(inbox.resolve("s.json"), CanonicalJson.prettyBytes(spec));
    assertThat(submitter.submit(inbox.resolve("s.json").toString())).isEqualTo(InboxSubmitter.ERROR);
    JsonNode v = Json.read(inbox.resolve(".error/s.json.error.json")).path("violations").get(0);
    assertThat(v.path("pointer").asText()).isEqualTo("/snapshot_id");
    assertThat(v.path("rule").asText()).isEqualTo("snapshot_not_found");
    assertThat(jobCount()).isZero();
  }

  @Test
  void aJobThatEndedInErrorIsRetriedAsANewJobLinkedToIt() throws Exception {
    wiring.snapshots().createDemo("later", DemoProfile.TINY);
    assertThat(cli.run("job", "submit-blueprint", blueprint("retry me", null).toString(), "--snapshot-id", "later",
        "--json")).isZero();
    String failed = Json.parse(cli.out(), "out").path("job_id").asText();
    Trees.delete(config.dataRoot().resolve("lake/later")); // the data went away before the job compiled
    assertThat(cli.run("worker", "--once")).isZero();
    assertThat(wiring.jobs().state(failed).label()).isEqualTo("ERROR");

    assertThat(cli.run("job", "retry", failed)).as("the data is still missing").isEqualTo(2);
    assertThat(cli.err()).contains("snapshot_not_found");
    wiring.snapshots().createDemo("later", DemoProfile.TINY); // the data is back
    assertThat(cli.run("job", "retry", failed, "--json")).as(cli.err()).isZero();
    JsonNode retried = Json.parse(cli.out(), "out");
    String retry = retried.path("job_id").asText();
    assertThat(retried.path("status").asText()).isEqualTo("created");
    assertThat(retry).isNotEqualTo(failed);
    assertThat(wiring.jobs().spec(retry).path("extensions").path("retry_of").asText()).isEqualTo(failed);
    assertThat(wiring.jobs().spec(retry).path("blueprint")).isEqualTo(wiring.jobs().spec(failed).path("blueprint"));
    assertThat(cli.run("worker", "--once")).isZero();
    assertThat(wiring.jobs().state(retry).waitingOn("runspec")).isTrue();

    assertThat(cli.run("job", "retry", failed)).isZero();
    assertThat(cli.out()).isEqualTo("job already exists: " + retry + " (retry of " + failed + ")\n");
    assertThat(cli.run("job", "retry", retry)).as("not in ERROR").isEqualTo(1);
    assertThat(cli.err()).contains("only a job that ended in ERROR is retried");
  }
}
