package io.quanteam.eam.compile;

import com.fasterxml.jackson.databind.JsonNode;
import io.quanteam.eam.contract.Violation;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * Reads back from a runspec the evaluation protocol it was compiled from ({@code /evaluation_protocol} and the
 * ranges under {@code /segments}), undoing what the compiler applied (the train range ends {@code embargo} days
 * early, the test range starts {@code purge} days late), so that the segment plan can be derived again.
 */
final class RunspecProtocol {
  private final String source;
  private final List<Violation> problems;

  RunspecProtocol(String source, List<Violation> problems) {
    this.source = source;
    this.problems = problems;
  }

  /** The protocol, or null (with problems added) when the runspec does not state one completely. */
  EvaluationProtocol read(JsonNode runspec) {
    JsonNode ep = runspec.path("evaluation_protocol");
    JsonNode segs = runspec.path("segments");
    if (!ep.isObject()) {
      problems.add(new Violation(source, "/evaluation_protocol", "required",
          "this runspec states no evaluation protocol (written by an older compiler?); compile the blueprint again",
          null));
      return null;
    }
    int before = problems.size();
    EvaluationProtocol.Protocol protocol = switch (ep.path("protocol").asText()) {
      case "fixed_split" -> EvaluationProtocol.Protocol.FIXED_SPLIT;
      case "walk_forward" -> EvaluationProtocol.Protocol.WALK_FORWARD;
      default -> {
        problems.add(new Violation(source, "/evaluation_protocol/protocol", "unsupported_protocol",
            "expected fixed_split or walk_forward", ep.path("protocol").asText(null)));
        yield null;
      }
    };
    int purge = whole(ep, "purge_days", 0);
    int embargo = whole(ep, "embargo_days", 0);
    Integer trainWindow = null;
    Integer testWindow = null;
    Integer step = null;
    if (protocol == EvaluationProtocol.Protocol.WALK_FORWARD) {
      trainWindow = whole(ep, "train_window_days", 1);
      testWindow = whole(ep, "test_window_days", 1);
      step = whole(ep, "step_days", 1);
    }
    LocalDate trainStart = date(segs, "train", "start");
    LocalDate trainEnd = date(segs, "train", "end");
    LocalDate testStart = date(segs, "test", "start");
    LocalDate testEnd = date(segs, "test", "end");
    boolean holdout = segs.has("holdout");
    LocalDate holdoutStart = holdout ? date(segs, "holdout", "start") : null;
    LocalDate holdoutEnd = holdout ? date(segs, "holdout", "end") : null;
    String trainAsOf = asOf(segs, "train");
    String testAsOf = asOf(segs, "test");
    String holdoutAsOf = holdout ? asOf(segs, "holdout") : null;
    if (problems.size() > before) {
      return null;
    }
    return new EvaluationProtocol(protocol, trainStart, trainEnd.plusDays(embargo), testStart.minusDays(purge),
        testEnd, holdoutStart, holdoutEnd, trainAsOf, testAsOf, holdoutAsOf, purge, embargo, trainWindow, testWindow,
        step);
  }

  private int whole(JsonNode ep, String key, int min) {
    JsonNode v = ep.path(key);
    if (!v.isIntegralNumber() || !v.canConvertToInt() || v.asInt() < min) {
      problems.add(new Violation(source, "/evaluation_protocol/" + key, "required",
          "expected a whole number >= " + min, v.isMissingNode() ? null : v.toString()));
      return min;
    }
    return v.asInt();
  }

  private LocalDate date(JsonNode segs, String range, String field) {
    JsonNode v = segs.path(range).path(field);
    try {
      return LocalDate.parse(v.asText());
    } catch (DateTimeParseException e) {
      problems.add(new Violation(source, "/segments/" + range + "/" + field, "format", "expected a date YYYY-MM-DD",
          v.isMissingNode() ? null : v.asText()));
      return LocalDate.EPOCH;
    }
  }

  private String asOf(JsonNode segs, String range) {
    JsonNode v = segs.path(range).path("as_of");
    try {
      OffsetDateTime.parse(v.asText());
      return v.asText();
    } catch (DateTimeParseException e) {
      problems.add(new Violation(source, "/segments/" + range + "/as_of", "format",
          "expected an ISO-8601 date-time with offset", v.isMissingNode() ? null : v.asText()));
      return null;
    }
  }
}
