package io.quanteam.eam.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.quanteam.eam.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The daemon's lines, one per transition, as text (the message) and as JSON (one object per line). */
class DaemonLogTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-11-26T00:00:00Z"), ZoneOffset.UTC);
  private static final String JOB = "3f2a9c01d4e7";

  private final List<LogLine> lines = new ArrayList<>();
  private final DaemonLog log = new DaemonLog(LogLevel.INFO, CLOCK, lines::add);

  private LogLine only() {
    assertThat(lines).hasSize(1);
    return lines.get(0);
  }

  private static JsonNode json(LogLine line) {
    String text = line.json();
    assertThat(text).doesNotContain("\n").matches("\\p{ASCII}+");
    return Json.parse(text, "line");
  }

  @Test
  void aStageDone() {
    log.stageDone(JOB, "run", 412, "RUN_COMPLETED");
    LogLine line = only();
    assertThat(line.level()).isEqualTo(LogLevel.INFO);
    assertThat(line.logger()).isEqualTo("io.quanteam.eam.jobs");
    assertThat(line.msg()).isEqualTo("job 3f2a9c01d4e7 run done in 412 ms → RUN_COMPLETED");
    assertThat(line.json()).isEqualTo("{\"ts\":\"2025-11-26T00:00:00.000Z\",\"level\":\"INFO\","
        + "\"logger\":\"io.quanteam.eam.jobs\",\"msg\":\"job 3f2a9c01d4e7 run done in 412 ms \\u2192 RUN_COMPLETED\","
        + "\"job_id\":\"3f2a9c01d4e7\",\"step\":\"run\",\"event\":\"RUN_COMPLETED\",\"duration_ms\":412}");
    assertThat(json(line).path("msg").asText()).isEqualTo(line.msg());
  }

  @Test
  void aJobWaitingForAPerson() {
    log.waiting(JOB, "runspec", "outputs/runspec.json");
    assertThat(only().msg()).isEqualTo("job 3f2a9c01d4e7 waits for approval of runspec (outputs/runspec.json)");
    JsonNode j = json(only());
    assertThat(j.path("event").asText()).isEqualTo("WAITING_APPROVAL");
    assertThat(j.path("step").asText()).isEqualTo("runspec");
    assertThat(j.path("artifact").asText()).isEqualTo("outputs/runspec.json");
  }

  @Test
  void anApprovalNoticed() {
    log.approved(JOB, "runspec", "alice");
    assertThat(only().msg()).isEqualTo("job 3f2a9c01d4e7 approved runspec by alice");
    assertThat(json(only()).path("actor").asText()).isEqualTo("alice");
    assertThat(json(only()).path("event").asText()).isEqualTo("APPROVED");
  }

  @Test
  void aJobFinishedWithItsOutcome() {
    log.finished(JOB, "done", "DONE · FAIL: gate_delay_plus_1bar_v1 (return_drop 0.08975 > 0.05)", "fail", 3L, null);
    assertThat(only().msg())
        .isEqualTo("job 3f2a9c01d4e7 DONE · FAIL: gate_delay_plus_1bar_v1 (return_drop 0.08975 > 0.05)");
    JsonNode j = json(only());
    assertThat(j.path("outcome").asText()).isEqualTo("DONE · FAIL: gate_delay_plus_1bar_v1 (return_drop 0.08975 > 0.05)");
    assertThat(j.path("verdict").asText()).isEqualTo("fail");
    assertThat(j.path("event").asText()).isEqualTo("DONE");
    assertThat(j.path("duration_ms").asLong()).isEqualTo(3);
  }

  @Test
  void aRejectionSaysWho() {
    log.finished(JOB, "runspec", "DONE · rejected at runspec: too risky", "rejected", null, "bob");
    assertThat(only().msg()).isEqualTo("job 3f2a9c01d4e7 DONE · rejected at runspec: too risky (by bob)");
    assertThat(json(only()).has("duration_ms")).isFalse();
    assertThat(json(only()).path("actor").asText()).isEqualTo("bob");
  }

  @Test
  void aJobFailedIsAnErrorLineWithItsReason() {
    log.failed(JOB, "run", "STAGE_FAILED", "ERROR · STAGE_FAILED at run: disk on fire");
    LogLine line = only();
    assertThat(line.level()).isEqualTo(LogLevel.ERROR);
    assertThat(line.msg()).isEqualTo("job 3f2a9c01d4e7 ERROR · STAGE_FAILED at run: disk on fire");
    assertThat(json(line).path("level").asText()).isEqualTo("ERROR");
    assertThat(json(line).path("reason").asText()).isEqualTo("STAGE_FAILED");
  }

  @Test
  void inboxAnswers() {
    log.accepted("ma.json", JOB, "created");
    log.refused("bad.json", "snapshot_not_found", "/snapshot_id");
    log.refused("link.json", "symbolic_link", "");
    assertThat(lines).extracting(LogLine::msg).containsExactly("inbox ma.json → job 3f2a9c01d4e7 (created)",
        "inbox bad.json refused: /snapshot_id snapshot_not_found", "inbox link.json refused: symbolic_link");
    assertThat(lines).extracting(LogLine::level).containsExactly(LogLevel.INFO, LogLevel.WARN, LogLevel.WARN);
    assertThat(lines).extracting(LogLine::logger).containsOnly("io.quanteam.eam.inbox");
    assertThat(json(lines.get(0)).path("status").asText()).isEqualTo("created");
    assertThat(json(lines.get(1)).path("rule").asText()).isEqualTo("snapshot_not_found");
    assertThat(json(lines.get(1)).path("pointer").asText()).isEqualTo("/snapshot_id");
    assertThat(json(lines.get(1)).path("entry").asText()).isEqualTo("bad.json");
  }

  @Test
  void faultEpisodesKeepTheirLogger() {
    log.faultBegan("I/O fault (disk full) at job x run: …");
    log.faultCleared("I/O fault cleared (disk full) after 3 s: …");
    assertThat(lines).extracting(LogLine::logger).containsOnly("io.quanteam.eam.workflow.faults");
    assertThat(lines).extracting(LogLine::level).containsExactly(LogLevel.WARN, LogLevel.INFO);
  }

  @Test
  void aHostileNameStaysOneShortLine() {
    String name = "a\nINFO forged line\u202e" + "n".repeat(500) + ".json";
    log.refused(name, "json_syntax", null);
    LogLine line = only();
    assertThat(line.msg()).doesNotContain("\n").doesNotContain("\u202e").contains("a\\u000aINFO forged")
        .hasSizeLessThan(260);
    assertThat(json(line).path("entry").asText()).hasSize(DaemonLog.MAX_VALUE + 1).startsWith("a\nINFO");
  }

  @Test
  void theThresholdDropsWhatIsBelowIt() {
    List<LogLine> warned = new ArrayList<>();
    DaemonLog quiet = new DaemonLog(LogLevel.WARN, CLOCK, warned::add);
    quiet.stageDone(JOB, "run", 1, "RUN_COMPLETED");
    quiet.accepted("a.json", JOB, "created");
    quiet.refused("b.json", "type", "");
    quiet.failed(JOB, "run", "STAGE_FAILED", "ERROR · STAGE_FAILED at run");
    assertThat(warned).extracting(LogLine::level).containsExactly(LogLevel.WARN, LogLevel.ERROR);
    List<LogLine> none = new ArrayList<>();
    new DaemonLog(LogLevel.OFF, CLOCK, none::add).failed(JOB, "run", "STAGE_FAILED", "x");
    assertThat(none).isEmpty();
  }

  @Test
  void theJsonSinkPrintsOneObjectPerLine() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DaemonLog json = new DaemonLog(LogLevel.INFO, CLOCK, DaemonLog.jsonTo(new PrintStream(bytes, true,
        StandardCharsets.UTF_8)));
    json.accepted("ma.json", JOB, "created");
    json.stageDone(JOB, "compile", 7, "RUNSPEC_COMPILED");
    List<String> out = bytes.toString(StandardCharsets.UTF_8).lines().toList();
    assertThat(out).hasSize(2);
    assertThat(Json.parse(out.get(1), "stderr").path("duration_ms").asLong()).isEqualTo(7);
  }

  @Test
  void levelsAndFormatsAreParsedWithTheChoicesNamed() {
    assertThat(LogLevel.parse("Debug")).isEqualTo(LogLevel.DEBUG);
    assertThat(LogLevel.parse("warning")).isEqualTo(LogLevel.WARN);
    assertThat(DaemonLog.Format.parse("JSON")).isEqualTo(DaemonLog.Format.JSON);
    assertThatThrownBy(() -> LogLevel.parse("loud")).hasMessageContaining("error, warn, info, debug, trace, off");
    assertThatThrownBy(() -> DaemonLog.Format.parse("xml")).hasMessageContaining("text, json");
  }
}
