package io.quanteam.eam.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quanteam.eam.json.Json;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Schema patterns anchor as ECMA-262 does: {@code $} is the end of the input, not "before a final newline". */
class EcmaAnchorsTest {
  @Test
  void anIdEndingInANewlineBreaksThePattern() {
    ObjectNode spec = (ObjectNode) Json.read(Path.of("contracts/examples/job_spec_v1_ok.json"));
    spec.put("snapshot_id", "demo\n");
    List<Violation> violations = Contracts.shared().check(spec, "job_spec_v1", "inbox/spec.json");
    assertThat(violations).extracting(Violation::pointer, Violation::rule)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("/snapshot_id", "pattern"));
    spec.put("snapshot_id", "demo");
    assertThat(Contracts.shared().check(spec, "job_spec_v1", "inbox/spec.json")).isEmpty();
  }

  @Test
  void onlyAnUnescapedDollarOutsideAClassIsTheEnd() {
    assertThat(EcmaAnchors.translate("^[a-z]{1,3}$")).isEqualTo("^[a-z]{1,3}\\z");
    assertThat(EcmaAnchors.translate("^a\\$b[$]$")).isEqualTo("^a\\$b[$]\\z");
    assertThat(EcmaAnchors.translate("^(x|y$)")).isEqualTo("^(x|y\\z)");
    assertThat(EcmaAnchors.INSTANCE.getRegularExpression("^ab$").matches("ab\n")).isFalse();
    assertThat(EcmaAnchors.INSTANCE.getRegularExpression("^ab$").matches("ab")).isTrue();
    assertThat(EcmaAnchors.INSTANCE.getRegularExpression("b").matches("abc")).as("a search").isTrue();
  }
}
