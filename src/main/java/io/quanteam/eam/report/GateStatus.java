package io.quanteam.eam.report;

import com.fasterxml.jackson.databind.JsonNode;

/** The status words of gate_results_v2, plus the report-only "not run". */
enum GateStatus {
  PASS, FAIL, INVALID, SKIPPED, NOT_RUN;

  String word() {
    return this == NOT_RUN ? "not run" : name().toLowerCase(java.util.Locale.ROOT);
  }

  /** A gate result's {@code status}, falling back to its {@code pass} flag when the status is missing or unknown. */
  static GateStatus of(JsonNode result) {
    return switch (result.path("status").asText("")) {
      case "pass" -> PASS;
      case "fail" -> FAIL;
      case "invalid" -> INVALID;
      case "skipped" -> SKIPPED;
      default -> result.path("pass").asBoolean(false) ? PASS : FAIL;
    };
  }

  static GateStatus fromWord(String word) {
    for (GateStatus s : values()) {
      if (s.word().equals(word)) {
        return s;
      }
    }
    return null;
  }
}
