package io.quanteam.eam.agent;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quanteam.eam.compile.CompileFixtures;
import io.quanteam.eam.data.DemoProfile;
import io.quanteam.eam.data.SnapshotInfo;
import io.quanteam.eam.data.SnapshotStore;
import io.quanteam.eam.json.Json;
import io.quanteam.eam.policy.PolicyBundle;
import java.nio.file.Path;
import java.util.List;

/** Both demo snapshots, the shipped policies, and ideas on them. */
final class AgentFixtures {
  /** The tiny demo's ten days need the v1 bundle (the default suite wants 20 bars in a test slice). */
  static final String TINY_BUNDLE = CompileFixtures.BUNDLE;
  static final String STANDARD_BUNDLE = "policies/policy_bundle_v3_default.yaml";

  private AgentFixtures() {}

  static SnapshotStore demos(Path dataRoot) {
    SnapshotStore store = new SnapshotStore(dataRoot, CompileFixtures.CLOCK);
    store.createDemo("demo", DemoProfile.STANDARD);
    store.createDemo("demo_tiny", DemoProfile.TINY);
    return store;
  }

  static SnapshotInfo info(SnapshotStore store, String id) {
    return store.list().stream().filter(i -> i.snapshotId().equals(id)).findFirst().orElseThrow();
  }

  static String bundleFor(String snapshotId) {
    return snapshotId.equals("demo_tiny") ? TINY_BUNDLE : STANDARD_BUNDLE;
  }

  static IntentContext context(SnapshotStore store, String snapshotId) {
    PolicyBundle bundle = CompileFixtures.shippedPolicies().loadBundle(bundleFor(snapshotId));
    SnapshotInfo info = info(store, snapshotId);
    return new IntentContext(bundle.bundleId(), bundle.gateSuite().policyId(), snapshotId, info.symbols(),
        info.dtMin(), info.dtMax());
  }

  /** An idea over the whole snapshot on its first two symbols. */
  static ObjectNode idea(SnapshotStore store, String snapshotId, String hypothesis) {
    SnapshotInfo info = info(store, snapshotId);
    ObjectNode idea = Json.object();
    idea.put("schema_version", "idea_spec_v1");
    idea.put("title", "An idea");
    idea.put("hypothesis_text", hypothesis);
    List.of(info.symbols().get(0), info.symbols().get(1)).forEach(idea.putArray("symbols")::add);
    idea.put("frequency", "1d");
    idea.put("start", info.dtMin().toString());
    idea.put("end", info.dtMax().toString());
    idea.put("evaluation_intent", "research");
    idea.put("snapshot_id", snapshotId);
    return idea;
  }
}
