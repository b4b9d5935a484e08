package io.quanteam.eam.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.quanteam.eam.json.CanonicalJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped folder: locked, loadable, and the v1 bundle byte-identical to the reference. */
class PolicyLockTest {
  private static final String REGENERATE = "policies/policy_lock_v1.json is stale. If the policy change is "
      + "deliberate, review it and regenerate the lock with `./eam policies lock` (then commit both).";

  @Test
  void committedLockIsUpToDate() throws IOException {
    Path lockFile = PolicyFolder.SHIPPED.resolve(PolicyLock.FILE_NAME);
    String expected = CanonicalJson.pretty(PolicyLock.toJson(PolicyLock.compute(PolicyFolder.SHIPPED)));
    assertThat(Files.readString(lockFile, StandardCharsets.US_ASCII)).as(REGENERATE).isEqualTo(expected);
  }

  @Test
  void shippedBundleV1IsTheReferenceFileByteForByte() throws IOException {
    Path reference = Path.of("src/test/resources/reference/policies");
    for (String name : new String[] {"policy_bundle_v1.yaml", "execution_policy_v1.yaml", "cost_policy_v1.yaml",
        "asof_latency_policy_v1.yaml", "risk_policy_v1.yaml", "budget_policy_v1.yaml"}) {
      assertThat(Files.readAllBytes(PolicyFolder.SHIPPED.resolve(name))).as(name)
          .isEqualTo(Files.readAllBytes(reference.resolve(name)));
    }
  }

  @Test
  void shippedFolderLoadsEveryBundle() {
    PolicyStore store = new PolicyStore(PolicyFolder.SHIPPED);
    assertThat(store.assets()).extracting(PolicyAsset::id).contains("policy_bundle_v1_default",
        "policy_bundle_v2_statistical", "policy_bundle_v3_default", "gate_suite_v1_default", "gate_suite_v2_statistical",
        "gate_suite_v3_default");
    store.assets().stream().filter(a -> a.kind() == PolicyKind.BUNDLE)
        .forEach(a -> assertThat(store.loadBundleById(a.id()).bundleId()).isEqualTo(a.id()));
  }

  @Test
  void writeRecordsEveryPolicyFileButTheLock(@TempDir Path tmp) throws IOException {
    Path root = PolicyFolder.copyInto(tmp);
    Files.writeString(root.resolve("risk_policy_v2.yaml"), "x");
    Files.writeString(root.resolve("notes.md"), "not a policy");

    var hashes = PolicyLock.write(root);
    // sha256("x"), computed independently.
    assertThat(hashes).containsEntry("risk_policy_v2.yaml",
        "2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881").hasSize(12)
        .doesNotContainKeys("notes.md", PolicyLock.FILE_NAME);
    assertThat(PolicyLock.read(root)).isEqualTo(hashes);
  }
}
