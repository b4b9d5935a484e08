package io.quanteam.eam.backtest;

import static io.quanteam.eam.compile.CompileFixtures.BUNDLE;
import static io.quanteam.eam.compile.CompileFixtures.at;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quanteam.eam.compile.BlueprintCompiler;
import io.quanteam.eam.compile.CompileFixtures;
import io.quanteam.eam.data.DemoProfile;
import io.quanteam.eam.data.SnapshotStore;
import io.quanteam.eam.json.Sha256;
import io.quanteam.eam.policy.PolicyStore;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Point-in-time fills change nothing for data published at the bar's close (every demo, every import without an
 * available_at column): the dossiers' manifests — which hash every file — are pinned to the sha256 they had before
 * the engine became point-in-time (taken on commit ae2d645).
 */
class OnTimeDossierBytesTest {
  @TempDir
  static Path tmp;
  static SnapshotStore snapshots;

  @BeforeAll
  static void demos() {
    snapshots = new SnapshotStore(tmp.resolve("data"), CompileFixtures.CLOCK);
    snapshots.createDemo("demo", DemoProfile.STANDARD);
    snapshots.createDemo("tiny", DemoProfile.TINY);
  }

  private static String manifestSha(JsonNode blueprint, String snapshotId, PolicyStore policies, String name) {
    JsonNode runspec = new BlueprintCompiler(policies, snapshots).compile(blueprint, snapshotId, BUNDLE, "bp")
        .runspec();
    RunSetup setup = RunSetup.prepare(runspec, "runspec", snapshots, policies);
    Path dir = new DossierWriter(tmp.resolve("dossiers-" + name), "test-version", null).write(setup).dir();
    return Sha256.ofFile(dir.resolve(DossierVerifier.MANIFEST));
  }

  @Test
  void theStandardDemoMaCrossoverWalkForwardIsUnchanged() {
    assertThat(manifestSha(CompileFixtures.resource("/blueprints/ma_crossover_walk_forward.json"), "demo",
        CompileFixtures.shippedPolicies(), "wf"))
        .isEqualTo("e4c216ab3c4dcd218671aff0945d131251fffdee42ee3059e0dcd43f3017a267");
  }

  @Test
  void tenSymbolsAtLagThreeWithAFixedSplitAreUnchanged() {
    ObjectNode bp = CompileFixtures.resource("/blueprints/ma_crossover_walk_forward.json");
    ArrayNode symbols = at(bp, "/universe").putArray("symbols");
    snapshots.load("demo").symbols().forEach(symbols::add);
    at(bp, "/strategy_spec/execution").put("lag_bars", 3);
    ObjectNode protocol = bp.putObject("evaluation_protocol");
    protocol.put("protocol", "fixed_split").put("gate_suite_id", "gate_suite_v1_default");
    ObjectNode segments = protocol.putObject("segments");
    segments.putObject("train").put("start", "2018-01-01").put("end", "2020-12-31");
    segments.putObject("test").put("start", "2021-01-01").put("end", "2022-12-30");
    segments.putObject("holdout").put("start", "2023-01-02").put("end", "2023-12-29");
    protocol.putObject("purge").put("days", 0);
    protocol.putObject("embargo").put("days", 0);
    assertThat(manifestSha(bp, "demo", CompileFixtures.shippedPolicies(), "fixed"))
        .isEqualTo("2f764e4f1bf2b270c7573b913801137a570bab7698ffc9bbf7b0b5e8c5c94ca8");
  }

  @Test
  void theTinyBuyAndHoldIsUnchanged() {
    assertThat(manifestSha(CompileFixtures.buyHold(), "tiny", CompileFixtures.shippedPolicies(), "tiny"))
        .isEqualTo("11ed85f29477c3b17427ca972d482ef1c6aa290df60440cecf49c7e71c085043");
  }

  @Test
  void closeTimingOnTheStandardDemoIsUnchanged() throws IOException {
    Path policies = CompileFixtures.copyPolicies(tmp.resolve("close"));
    CompileFixtures.editPolicy(policies, "execution_policy_v1.yaml", "order_timing: next_open", "order_timing: close");
    CompileFixtures.editPolicy(policies, "execution_policy_v1.yaml", "fill_price: open", "fill_price: close");
    ObjectNode bp = CompileFixtures.resource("/blueprints/ma_crossover_walk_forward.json");
    at(bp, "/strategy_spec/execution").put("order_timing", "close");
    assertThat(manifestSha(bp, "demo", new PolicyStore(policies), "close"))
        .isEqualTo("4c2769b4f4dbc063d0edd3e860f4170a6d820b1e509b31e5b4bd1a864c745a50");
  }
}
