package io.quanteam.eam.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class CanonicalJsonTest {

  record Vector(String name, String input, String canonical, String sha256) {}

  /** Reads the golden vectors from the copy of fixtures/canonical_json.md. */
  static Stream<Vector> goldenVectors() throws IOException {
    String md = resource("/golden/canonical_json.md");
    Pattern p = Pattern.compile(
        "## (case \\d+)\\s+input:\\s+```json\\n(.*?)```\\s+canonical:\\s+```\\n(.*?)\\n```\\s+sha256: `([0-9a-f]{64})`",
        Pattern.DOTALL);
    Matcher m = p.matcher(md);
    List<Vector> out = new ArrayList<>();
    while (m.find()) {
      out.add(new Vector(m.group(1), m.group(2), m.group(3), m.group(4)));
    }
    assertThat(out).hasSize(5);
    return out.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("goldenVectors")
  void reproducesPythonCanonicalTextByteForByte(Vector v) {
    JsonNode node = Json.parse(v.input(), v.name());
    String canonical = CanonicalJson.compact(node);
    assertThat(canonical).isEqualTo(v.canonical());
    assertThat(Sha256.hex(canonical.getBytes(StandardCharsets.US_ASCII))).isEqualTo(v.sha256());
  }

  @Test
  void referenceJobSpecHashesToTheReferenceJobId() throws IOException {
    JsonNode spec = Json.parse(resource("/reference/blueprint_job_642e4768da98/job_spec.json"), "job_spec.json");
    assertThat(CanonicalJson.sha256(spec))
        .isEqualTo("642e4768da982053aa1457b7f1baf649935bf423ef51fa952d2d83f847939938");
    assertThat(CanonicalJson.sha256(spec.get("blueprint")))
        .isEqualTo("91f18b01109fb980dd8ed5d5b32883adc0ecf059bebd96e92196b9d024dc7dd5");
  }

  @Test
  void prettyFormMatchesPythonIndentTwoSortKeys() throws IOException {
    String text = resource("/reference/blueprint_job_642e4768da98/outputs/runspec.json");
    // The reference wrote artifacts with json.dumps(indent=2, sort_keys=True) and no trailing newline.
    assertThat(CanonicalJson.pretty(Json.parse(text, "runspec.json"))).isEqualTo(text.strip() + "\n");
  }

  @Test
  void keysSortByCodePointNotUtf16Unit() {
    JsonNode node = Json.parse("{\"\\ud83d\\ude00\":1,\"\\uffff\":2,\"a\":3}", "test");
    assertThat(CanonicalJson.compact(node)).isEqualTo("{\"a\":3,\"\\uffff\":2,\"\\ud83d\\ude00\":1}");
  }

  @Test
  void deleteEscapedAndControlCharactersUseShortFormsLikePython() {
    JsonNode node = Json.parse("{\"k\":\"\\u007f\\b\\f\\r\"}", "test");
    assertThat(CanonicalJson.compact(node)).isEqualTo("{\"k\":\"\\u007f\\b\\f\\r\"}");
  }

  @Test
  void duplicateKeysAndNanAreRefusedWithPosition() {
    assertThatThrownBy(() -> Json.parse("{\"a\":1,\n\"a\":2}", "spec.json"))
        .isInstanceOf(JsonInputException.class)
        .hasMessageContaining("spec.json")
        .hasMessageContaining("line 2");
    assertThatThrownBy(() -> Json.parse("{\"a\":NaN}", "x.json")).isInstanceOf(JsonInputException.class);
  }

  static String resource(String name) throws IOException {
    try (InputStream in = CanonicalJsonTest.class.getResourceAsStream(name)) {
      assertThat(in).as(name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
