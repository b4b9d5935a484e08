package io.quanteam.eam.registry;

import io.quanteam.eam.contract.InvalidInputException;
import io.quanteam.eam.contract.Violation;
import java.util.regex.Pattern;

/** Allowlists for every id that becomes part of a path or a log line; checked before any file is touched. */
final class Ids {
  private static final Pattern HEX12 = io.quanteam.eam.json.ShortIds.SHORT_ID;
  private static final Pattern CARD = io.quanteam.eam.json.ShortIds.CARD_ID;

  private Ids() {}

  static String runId(String value, String source) {
    return require(value, HEX12, source, "run_id", "a run id: 12 lower-case hex characters");
  }

  static String jobId(String value, String source, String field) {
    return require(value, HEX12, source, field, "a job id: 12 lower-case hex characters");
  }

  static String cardId(String value, String source) {
    return require(value, CARD, source, "card_id", "a card id: card_ followed by 12 lower-case hex characters");
  }

  static String cardIdOf(String runId) {
    return "card_" + runId;
  }

  private static String require(String value, Pattern pattern, String source, String field, String expected) {
    if (value == null || !pattern.matcher(value).matches()) {
      throw new InvalidInputException(new Violation(source, "/" + field, "bad_id", "expected " + expected, value));
    }
    return value;
  }
}
