package io.quanteam.eam.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the strict reader refuses (numbers that overflow a double, invalid UTF-8), and where it says the fault is. */
class JsonStrictInputTest {
  @TempDir
  Path dir;

  @Test
  void aNumberBeyondTheDoubleRangeIsALocatedJsonError() {
    assertThatThrownBy(() -> Json.parse("{\"fast\":\n  1e400}", "spec.json"))
        .isInstanceOf(JsonInputException.class)
        .hasMessageStartingWith("spec.json: line 2, column")
        .hasMessageContaining("1e400")
        .hasMessageContaining("finite");
    assertThatThrownBy(() -> Json.parse("[-1E999]".getBytes(StandardCharsets.UTF_8), "a.json"))
        .isInstanceOf(JsonInputException.class).hasMessageContaining("line 1");
    // within range, and an underflow to zero, stay numbers
    assertThat(Json.parse("{\"x\": 1.5e300, \"y\": 1e-400}", "ok").path("x").doubleValue()).isEqualTo(1.5e300);
    assertThat(Json.parse("{\"x\": 12345678901234567890123}", "ok").path("x").isNumber()).isTrue();
  }

  @Test
  void invalidUtf8IsRefusedWithItsByteOffset() throws Exception {
    // C0 AF is an overlong '/': a lenient decoder turns it into a slash
    byte[] overlong = {'{', '"', 'a', '"', ':', '"', (byte) 0xC0, (byte) 0xAF, '"', '}'};
    assertThatThrownBy(() -> Json.parse(overlong, "o.json"))
        .isInstanceOf(JsonInputException.class)
        .hasMessage("o.json: byte 6: not valid UTF-8 (0xC0); JSON files must be UTF-8");
    byte[] lone = {'[', '"', (byte) 0xFF, '"', ']'};
    assertThatThrownBy(() -> Json.read(Files.write(dir.resolve("l.json"), lone)))
        .isInstanceOf(JsonInputException.class).hasMessageContaining("byte 2: not valid UTF-8 (0xFF)");
    byte[] truncated = {'[', '"', (byte) 0xE2, (byte) 0x82};
    assertThatThrownBy(() -> Json.parse(truncated, "t.json")).hasMessageContaining("byte 2: not valid UTF-8");
    // real multi-byte text and a byte-order mark still read
    byte[] good = "\uFEFF{\"name\": \"Zürich €\"}".getBytes(StandardCharsets.UTF_8);
    assertThat(Json.parse(good, "g.json").path("name").asText()).isEqualTo("Zürich €");
  }

  @Test
  void emptyInputAndTrailingTokensBehaveAsBefore() {
    assertThat(Json.parse(new byte[0], "e.json") == null || Json.parse(new byte[0], "e.json").isMissingNode())
        .isTrue();
    assertThatThrownBy(() -> Json.parse("{} {}", "t.json")).isInstanceOf(JsonInputException.class);
    assertThatThrownBy(() -> Json.parse("{\"a\":1,\"a\":2}", "d.json")).isInstanceOf(JsonInputException.class);
    assertThatThrownBy(() -> Json.parse("NaN", "n.json")).isInstanceOf(JsonInputException.class);
  }
}
