package io.quanteam.eam.compile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quanteam.eam.contract.InvalidInputException;
import io.quanteam.eam.contract.Violation;
import io.quanteam.eam.data.DemoProfile;
import io.quanteam.eam.data.SnapshotStore;
import io.quanteam.eam.json.Json;
import io.quanteam.eam.policy.PolicyFolder;
import io.quanteam.eam.policy.PolicyStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/**
 * Test helpers shared by the compiler and dossier tests: the shipped policies, a tiny demo snapshot (AAA and BBB,
 * 2024-01-01..2024-01-10 every day, timezone +08:00) and blueprints from test resources.
 */
public final class CompileFixtures {
  public static final Path SHIPPED_POLICIES = Path.of("policies");
  public static final String BUNDLE = "policies/policy_bundle_v1.yaml";
  public static final String TINY = "demo_tiny";
  public static final Clock CLOCK = Clock.fixed(Instant.parse("2024-06-01T00:00:00Z"), ZoneOffset.UTC);

  private CompileFixtures() {}

  /** A data root holding the tiny demo snapshot {@value #TINY}. */
  public static SnapshotStore tinyStore(Path dataRoot) {
    SnapshotStore store = new SnapshotStore(dataRoot, CLOCK);
    store.createDemo(TINY, DemoProfile.TINY);
    return store;
  }

  public static PolicyStore shippedPolicies() {
    return new PolicyStore(SHIPPED_POLICIES);
  }

  public static BlueprintCompiler compiler(SnapshotStore snapshots) {
    return new BlueprintCompiler(shippedPolicies(), snapshots);
  }

  /** A test resource parsed as JSON, e.g. {@code /blueprints/buyhold_tiny.json}. */
  public static ObjectNode resource(String name) {
    try (InputStream in = CompileFixtures.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource " + name);
      }
      return (ObjectNode) Json.parse(in.readAllBytes(), name);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The buy-and-hold blueprint on the tiny demo: fixed split, train = test = holdout = 2024-01-01..10. */
  public static ObjectNode buyHold() {
    return resource("/blueprints/buyhold_tiny.json");
  }

  /** The object at {@code pointer} (e.g. {@code /evaluation_protocol/segments/test}) for editing in place. */
  public static ObjectNode at(JsonNode doc, String pointer) {
    return (ObjectNode) doc.at(pointer);
  }

  /** A scratch copy of the shipped policies folder. */
  public static Path copyPolicies(Path dir) throws IOException {
    return PolicyFolder.copyInto(dir);
  }

  /** Replaces text in a policy file and re-locks the folder, so the edit passes the tamper check. */
  public static void editPolicy(Path root, String fileName, String from, String to) throws IOException {
    PolicyFolder.editAndRelock(root, fileName, from, to);
  }

  /** The violations of the InvalidInputException {@code call} must throw. */
  public static List<Violation> violations(ThrowingCallable call) {
    Throwable[] caught = new Throwable[1];
    assertThatThrownBy(call).isInstanceOfSatisfying(InvalidInputException.class, e -> caught[0] = e);
    return ((InvalidInputException) caught[0]).violations();
  }

  /** The single violation of the InvalidInputException {@code call} must throw. */
  public static Violation violation(ThrowingCallable call) {
    List<Violation> all = violations(call);
    assertThat(all).as("violations").hasSize(1);
    return all.get(0);
  }
}
