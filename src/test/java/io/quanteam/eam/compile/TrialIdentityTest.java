package io.quanteam.eam.compile;

import static io.quanteam.eam.compile.CompileFixtures.BUNDLE;
import static io.quanteam.eam.compile.CompileFixtures.TINY;
import static io.quanteam.eam.compile.CompileFixtures.buyHold;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quanteam.eam.data.SnapshotStore;
import io.quanteam.eam.json.Json;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run's trial identity: its computation without the blueprint's names, its snapshot and its universe. */
class TrialIdentityTest {
  @TempDir
  Path tmp;
  private SnapshotStore snapshots;

  @BeforeEach
  void setUp() {
    snapshots = CompileFixtures.tinyStore(tmp.resolve("data"));
  }

  private BlueprintCompiler.Compiled compile(ObjectNode blueprint) {
    return CompileFixtures.compiler(snapshots).compile(blueprint, TINY, BUNDLE, "bp.json");
  }

  @Test
  void renamingOrRetitlingABlueprintMakesANewRunOfTheSameComputation() {
    ObjectNode original = buyHold();
    ObjectNode renamed = buyHold().put("blueprint_id", "a_fresh_name").put("title", "Another title")
        .put("description", "said differently");
    BlueprintCompiler.Compiled a = compile(original);
    BlueprintCompiler.Compiled b = compile(renamed);

    assertThat(b.runId()).as("the run id covers the blueprint's names (01: run_id = hash of the runspec)")
        .isNotEqualTo(a.runId());
    assertThat(TrialIdentity.of(b.runspec())).isEqualTo(TrialIdentity.of(a.runspec()));
    assertThat(TrialIdentity.of(a.runspec()).computationId()).matches("^[0-9a-f]{12}$");
  }

  @Test
  void anythingThatChangesTheNumbersChangesTheComputation() {
    String base = TrialIdentity.of(compile(buyHold()).runspec()).computationId();
    ObjectNode oneSymbol = buyHold();
    oneSymbol.withArray("/universe/symbols").remove(1);
    ObjectNode lagged = buyHold();
    ((ObjectNode) lagged.at("/strategy_spec/execution")).put("lag_bars", 2);

    assertThat(TrialIdentity.of(compile(oneSymbol).runspec()).computationId()).isNotEqualTo(base);
    assertThat(TrialIdentity.of(compile(lagged).runspec()).computationId()).isNotEqualTo(base);
  }

  @Test
  void theUniverseIsTheSortedSetOfSymbolsTraded() {
    ObjectNode reversed = buyHold();
    reversed.set("universe", Json.parse("""
        {"asset_pack": "demo", "symbols": ["BBB", "AAA"], "timezone": "Asia/Taipei", "calendar": "DEMO"}""", "u"));
    TrialIdentity id = TrialIdentity.of(compile(reversed).runspec());

    assertThat(id.universe()).containsExactly("AAA", "BBB");
    assertThat(id.dataSnapshotId()).isEqualTo(TINY);
    assertThat(id.universe()).isEqualTo(TrialIdentity.of(compile(buyHold()).runspec()).universe());
    assertThat(List.copyOf(id.universe())).isSorted();
  }
}
