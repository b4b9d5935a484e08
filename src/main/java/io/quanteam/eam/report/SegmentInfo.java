package io.quanteam.eam.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * A segment of the evaluation protocol. For a holdout segment only the identity and dates are kept:
 * {@code metrics} is always empty, whatever the files say (02 §8, holdout is minimal-only).
 */
record SegmentInfo(String id, String kind, String start, String end, boolean holdout, Optional<JsonNode> metrics) {
  static boolean isHoldout(String id, String kind, boolean flag) {
    return flag || "holdout".equals(kind) || id.startsWith("holdout");
  }
}
