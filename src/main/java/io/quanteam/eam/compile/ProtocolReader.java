package io.quanteam.eam.compile;

import com.fasterxml.jackson.databind.JsonNode;
import io.quanteam.eam.contract.Violation;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;

/** Reads {@code /evaluation_protocol} of a blueprint, collecting every problem with its JSON pointer. */
final class ProtocolReader {
  private final String source;
  private final List<Violation> problems;

  ProtocolReader(String source, List<Violation> problems) {
    this.source = source;
    this.problems = problems;
  }

  EvaluationProtocol read(JsonNode protocol) {
    String base = "/evaluation_protocol";
    JsonNode segs = protocol.path("segments");
    String kind = protocol.path("protocol").asText("fixed_split");
    EvaluationProtocol.Protocol p;
    switch (kind) {
      case "fixed_split" -> p = EvaluationProtocol.Protocol.FIXED_SPLIT;
      case "walk_forward" -> p = EvaluationProtocol.Protocol.WALK_FORWARD;
      default -> {
        problems.add(new Violation(source, base + "/protocol", "unsupported_protocol",
            "expected fixed_split or walk_forward", kind));
        p = EvaluationProtocol.Protocol.FIXED_SPLIT;
      }
    }
    LocalDate trainStart = date(segs, "train", "start");
    LocalDate trainEnd = date(segs, "train", "end");
    LocalDate testStart = date(segs, "test", "start");
    LocalDate testEnd = date(segs, "test", "end");
    boolean hasHoldout = segs.has("holdout");
    LocalDate holdoutStart = hasHoldout ? date(segs, "holdout", "start") : null;
    LocalDate holdoutEnd = hasHoldout ? date(segs, "holdout", "end") : null;
    ordered("train", trainStart, trainEnd);
    ordered("test", testStart, testEnd);
    if (hasHoldout) {
      ordered("holdout", holdoutStart, holdoutEnd);
    }
    int purge = days(protocol, "purge");
    int embargo = days(protocol, "embargo");
    Integer trainWindow = null;
    Integer testWindow = null;
    Integer step = null;
    if (p == EvaluationProtocol.Protocol.WALK_FORWARD) {
      trainWindow = positive(protocol, "train_window_days");
      testWindow = positive(protocol, "test_window_days");
      step = positive(protocol, "step_days");
    }
    return new EvaluationProtocol(p, trainStart, trainEnd, testStart, testEnd, holdoutStart, holdoutEnd,
        asOf(segs, "train"), asOf(segs, "test"), asOf(segs, "holdout"), purge, embargo,
        trainWindow, testWindow, step);
  }

  private LocalDate date(JsonNode segs, String range, String field) {
    JsonNode v = segs.path(range).path(field);
    String pointer = "/evaluation_protocol/segments/" + range + "/" + field;
    if (!v.isTextual()) {
      problems.add(new Violation(source, pointer, "required", "a date YYYY-MM-DD is required", null));
      return LocalDate.EPOCH;
    }
    try {
      return LocalDate.parse(v.asText());
    } catch (DateTimeParseException e) {
      problems.add(new Violation(source, pointer, "format", "expected a date YYYY-MM-DD", v.asText()));
      return LocalDate.EPOCH;
    }
  }

  /**
   * An explicit as_of, or null. The contract's date-time format admits forms the runner cannot read (a space for
   * the T), so it is checked here with the parser the runner uses ({@link Segment#asOfEpochSecond()}).
   */
  private String asOf(JsonNode segs, String range) {
    JsonNode v = segs.path(range).path("as_of");
    if (!v.isTextual()) {
      return null;
    }
    try {
      OffsetDateTime.parse(v.asText());
      return v.asText();
    } catch (DateTimeParseException e) {
      problems.add(new Violation(source, "/evaluation_protocol/segments/" + range + "/as_of", "format",
          "expected an ISO-8601 date-time with offset, e.g. 2024-01-10T23:59:59+08:00", v.asText()));
      return null;
    }
  }

  private void ordered(String range, LocalDate start, LocalDate end) {
    if (end.isBefore(start)) {
      problems.add(new Violation(source, "/evaluation_protocol/segments/" + range, "range_order",
          "end must not be before start", start + ".." + end));
    }
  }

  /** Purge and embargo are in days; the reference wrote them as {@code {bars: n}}, read the same way. */
  private int days(JsonNode protocol, String key) {
    JsonNode node = protocol.path(key);
    if (node.isMissingNode() || node.isNull()) {
      return 0;
    }
    JsonNode v = node.has("days") ? node.get("days") : node.path("bars");
    if (!v.canConvertToInt() || !v.isIntegralNumber() || v.asInt() < 0) {
      problems.add(new Violation(source, "/evaluation_protocol/" + key, "non_negative_integer",
          "expected {days: n} with n a whole number >= 0", v.toString()));
      return 0;
    }
    return v.asInt();
  }

  private Integer positive(JsonNode protocol, String key) {
    JsonNode v = protocol.path(key);
    if (!v.isIntegralNumber() || v.asInt() < 1) {
      problems.add(new Violation(source, "/evaluation_protocol/" + key, "positive_integer",
          "walk_forward needs " + key + " as a whole number >= 1", v.isMissingNode() ? null : v.toString()));
      return 1;
    }
    return v.asInt();
  }
}
