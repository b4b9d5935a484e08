package io.quanteam.eam.workflow;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quanteam.eam.contract.Violation;
import io.quanteam.eam.json.Json;
import io.quanteam.eam.json.Sha256;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The answer files of the inbox: their names, and error answers whose echoed text is capped, so a hostile file
 * (a 10 MB value, a 10 MB key, a million violations) gets an answer of a few kilobytes.
 */
final class InboxAnswers {
  /** Longest echoed value, pointer or message, in characters. */
  static final int MAX_ECHO = 200;
  /** Longest {@code error} summary, in characters. */
  static final int MAX_ERROR = 1000;
  /** Violations listed in one answer; the rest are counted in the summary. */
  static final int MAX_VIOLATIONS = 100;
  /**
   * Longest answer file name in UTF-8 bytes: a file name may have 255, and the atomic writer's temporary beside it
   * ({@code .<name>.<random>.tmp}) needs about 25 more.
   */
  static final int MAX_NAME_BYTES = 200;

  private InboxAnswers() {}

  /**
   * The name an answered entry is moved under beside its answer: its own, unless that is an answer's name (ends in
   * {@code .result.json} or {@code .error.json}), then {@code <name>.entry} — so an entry can neither replace another
   * entry's answer nor be replaced by one.
   */
  static String entryName(String name) {
    return name.endsWith(".result.json") || name.endsWith(".error.json") ? name + ".entry" : name;
  }

  /**
   * {@code name + suffix}, or when that is too long for the file system, the longest prefix of {@code name} that
   * fits followed by {@code ~} and 12 hex digits of the name's sha256 (distinct names give distinct answers).
   */
  static String fileName(String name, String suffix) {
    String plain = name + suffix;
    if (bytes(plain) <= MAX_NAME_BYTES) {
      return plain;
    }
    String tag = "~" + Sha256.hex(name.getBytes(StandardCharsets.UTF_8)).substring(0, 12) + suffix;
    int budget = MAX_NAME_BYTES - bytes(tag);
    int end = 0;
    int used = 0;
    while (end < name.length()) {
      int cp = name.codePointAt(end);
      int size = bytes(new String(Character.toChars(cp)));
      if (used + size > budget) {
        break;
      }
      used += size;
      end += Character.charCount(cp);
    }
    return name.substring(0, end) + tag;
  }

  /**
   * {@code {error, violations: [{source, pointer, rule, message, value}]}}: {@code error} is {@code summary} (the
   * exception's message, as before) cut to {@value #MAX_ERROR} characters; every echoed pointer, message and value is
   * cut to {@value #MAX_ECHO}, and at most {@value #MAX_VIOLATIONS} violations are listed.
   */
  static ObjectNode error(String summary, List<Violation> violations) {
    String error = cap(summary, MAX_ERROR);
    if (violations.size() > MAX_VIOLATIONS) {
      error += "\n… and " + (violations.size() - MAX_VIOLATIONS) + " more violations not listed";
    }
    ObjectNode answer = Json.object().put("error", error);
    ArrayNode list = answer.putArray("violations");
    violations.stream().limit(MAX_VIOLATIONS).forEach(v -> list.addObject().put("source", v.source())
        .put("pointer", cap(v.pointer())).put("rule", v.rule()).put("message", cap(v.message()))
        .put("value", cap(v.value())));
    return answer;
  }

  static String cap(String text) {
    return cap(text, MAX_ECHO);
  }

  /** {@code text} cut to {@code max} characters, saying how long it was: "abc… (10485760 characters)". */
  static String cap(String text, int max) {
    if (text == null || text.length() <= max) {
      return text;
    }
    int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
    return text.substring(0, end) + "… (" + text.length() + " characters)";
  }

  private static int bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }
}
