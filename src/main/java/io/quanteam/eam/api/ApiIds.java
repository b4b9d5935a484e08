package io.quanteam.eam.api;

import io.quanteam.eam.json.ShortIds;
import java.util.regex.Pattern;

/**
 * The allowlists every id in a request passes before any file is touched (03 §4): a job, run or card id is 12
 * lower-case hex digits, a snapshot id the lake's own rule; anything else is 400 (a malformed id cannot name a job,
 * so it is never a lookup). Checked on the decoded value: {@code %2e%2e} or {@code %2F} is refused as what it decodes to.
 */
public final class ApiIds {
  private static final Pattern STEP = Pattern.compile("[a-z][a-z_]{0,39}");
  /** improvement_proposals_v1's proposal_id. */
  private static final Pattern PROPOSAL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");

  private ApiIds() {}

  public static String jobId(String value) {
    return require("job_id", value, ShortIds.isShortId(value), "12 lower-case hex digits");
  }

  public static String runId(String value) {
    return require("run_id", value, ShortIds.isShortId(value), "12 lower-case hex digits");
  }

  public static String snapshotId(String name, String value) {
    return require(name, value, io.quanteam.eam.data.SnapshotStore.isValidId(nullToEmpty(value)),
        "a snapshot id: up to 64 letters, digits, '_' and '-', starting with a letter or digit");
  }

  public static String step(String value) {
    return require("step", value, STEP.matcher(nullToEmpty(value)).matches(), "a step name such as runspec");
  }

  public static String proposalId(String value) {
    return require("proposal_id", value, PROPOSAL.matcher(nullToEmpty(value)).matches(),
        "a proposal id such as p_1a2b3c4d: up to 64 letters, digits, '_' and '-'");
  }

  public static String cardId(String value) {
    return require("card_id", value, ShortIds.isCardId(value), "a card id: card_ and 12 lower-case hex digits");
  }

  private static String require(String name, String value, boolean ok, String expected) {
    if (value == null || value.isEmpty()) {
      throw ApiProblem.badParameter(name, "required", "required; expected " + expected, null);
    }
    if (!ok) {
      throw ApiProblem.badParameter(name, "format", "expected " + expected, printable(value));
    }
    return value;
  }

  /** The value as it may be shown back: control characters escaped, at most 64 characters. */
  public static String printable(String value) {
    StringBuilder sb = new StringBuilder();
    value.codePoints().limit(64).forEach(c -> {
      if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) {
        sb.append(String.format("\\u%04x", c));
      } else {
        sb.appendCodePoint(c);
      }
    });
    return value.codePointCount(0, value.length()) > 64 ? sb + "..." : sb.toString();
  }

  private static String nullToEmpty(String value) {
    return value == null ? "" : value;
  }
}
