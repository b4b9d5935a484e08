package io.quanteam.eam.gate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.quanteam.eam.json.Json;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HoldoutLeakScannerTest {
  @Test
  void numbersUnderHoldoutNamedKeysAreFoundAtAnyDepthWithTheirPointers() {
    Map<String, JsonNode> docs = new LinkedHashMap<>();
    docs.put("metrics.json", Json.parse("""
        {"total_return": 0.1, "holdout_total_return": 0.05, "segments": [{"x": {"HoldOut": {"sharpe": 1.2}}}]}
        """, "m"));
    docs.put("segments_summary.json", Json.parse("""
        {"segments": [{"segment_id": "holdout_000", "holdout": true, "purge_days": 0,
          "holdout_note": "strings are fine", "holdout_dates": ["2023-01-01"]}]}
        """, "s"));
    docs.put("reports/x.json", Json.parse("{\"a/holdout~\": [1]}", "r"));
    assertThat(HoldoutLeakScanner.scan(docs)).containsExactly(
        new HoldoutLeakScanner.Leak("metrics.json", "/holdout_total_return"),
        new HoldoutLeakScanner.Leak("metrics.json", "/segments/0/x/HoldOut"),
        new HoldoutLeakScanner.Leak("reports/x.json", "/a~1holdout~0"));
  }

  @Test
  void cleanDocumentsHaveNoLeaks() {
    assertThat(HoldoutLeakScanner.scan(Map.of("m", Json.parse("{\"holdout\": false, \"sharpe\": 1}", "m"))))
        .isEmpty();
  }
}
