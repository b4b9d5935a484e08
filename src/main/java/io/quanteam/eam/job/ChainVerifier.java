package io.quanteam.eam.job;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Checks a job's tamper evidence: each chained line's {@code seq} is its line number and its {@code prev_sha256}
 * the hash of the line before, and every artifact hash an event recorded still matches the file. A prefix of
 * unchained lines (older writers) is reported as such; an unchained line after a chained one is corruption.
 */
final class ChainVerifier {
  private ChainVerifier() {}

  /** @param artifactRoot where artifact-root-relative paths ({@code dossiers/…}) resolve; null checks job files only */
  static VerifyReport verify(String jobId, Path jobDir, Path artifactRoot) {
    List<VerifyReport.Problem> problems = new ArrayList<>();
    byte[] bytes;
    boolean readable = true;
    try {
      bytes = JobFiles.read(jobId, jobDir, EventWriter.EVENTS);
    } catch (UnreadableJobException e) {
      // a link, FIFO, folder or unreadable file: reported, never followed or opened
      problems.add(new VerifyReport.Problem(1, "events_unreadable", e.getMessage()));
      bytes = null;
      readable = false;
    }
    bytes = bytes == null ? new byte[0] : bytes;
    List<JobEvent> events = new ArrayList<>();
    String prevSha = JobEvents.NO_PREVIOUS;
    int unchained = 0;
    boolean chainStarted = false;
    int start = 0;
    int line = 0;
    for (int i = 0; i <= bytes.length; i++) {
      if (i == bytes.length) {
        if (start < bytes.length) {
          problems.add(new VerifyReport.Problem(line + 1, "torn_line",
              "the last line has no newline (a torn write); the next writer truncates it"));
        }
        break;
      }
      if (bytes[i] != '\n') {
        continue;
      }
      line++;
      byte[] raw = Arrays.copyOfRange(bytes, start, i);
      start = i + 1;
      JobEvent e;
      try {
        e = EventLines.parseLine(jobId, line, raw);
      } catch (JobLogException ex) {
        problems.add(new VerifyReport.Problem(line, "malformed_line", ex.getMessage()));
        prevSha = io.quanteam.eam.json.Sha256.hex(raw);
        chainStarted = true;
        continue;
      }
      events.add(e);
      if (e.chain() == null) {
        if (chainStarted) {
          problems.add(new VerifyReport.Problem(line, "chain_missing",
              "line " + line + " has no extensions.chain, but earlier lines are chained: it was not appended by "
                  + "this product"));
        } else {
          unchained++;
        }
      } else {
        chainStarted = true;
        if (e.chain().seq() != line) {
          problems.add(new VerifyReport.Problem(line, "chain_seq", "line " + line + " says it is line "
              + e.chain().seq() + ": lines were removed, inserted or reordered"));
        }
        if (!e.chain().prevSha256().equals(prevSha)) {
          problems.add(new VerifyReport.Problem(line, "chain_link", "line " + line + "'s prev_sha256 does not match "
              + (line == 1 ? "the start of the log" : "the sha256 of line " + (line - 1)) + ": line " + (line - 1)
              + " was altered, or lines were removed or inserted before line " + line));
        }
      }
      prevSha = e.sha256();
    }
    if (bytes.length == 0 && readable) {
      problems.add(new VerifyReport.Problem(1, "events_missing", "events.jsonl is missing or empty, but every job "
          + "begins with its submission event"));
    }
    int checked = checkArtifacts(jobId, jobDir, artifactRoot, events, problems);
    checked += SubmittedFilesCheck.checkIfSubmittedHere(jobId, jobDir, events, problems);
    problems.sort((a, b) -> Integer.compare(a.line(), b.line()));
    return new VerifyReport(jobId, line, unchained, checked, problems);
  }

  /**
   * Every {@code <name>_sha256} recorded next to a {@code <name>_path} (job-relative, or artifact-root-relative
   * such as a dossier's manifest and gate results), compared with the file.
   */
  private static int checkArtifacts(String jobId, Path jobDir, Path artifactRoot, List<JobEvent> events,
      List<VerifyReport.Problem> problems) {
    int checked = 0;
    Map<String, JobEvent> waitingByStep = new java.util.HashMap<>();
    for (JobEvent e : events) {
      if (e.type() == EventType.WAITING_APPROVAL && e.step() != null) {
        waitingByStep.put(e.step(), e);
      }
      if (e.type() == EventType.APPROVED && e.output("artifact_sha256") != null) {
        JobEvent waiting = waitingByStep.get(e.step());
        String path = waiting == null ? null : waiting.output("artifact_path");
        Path file = JobPaths.jobRelative(jobDir, path);
        if (file != null) {
          checked++;
          compare(jobId, jobDir, file, e, path, e.output("artifact_sha256"), problems);
        }
      }
      for (Map.Entry<String, JsonNode> f : e.outputs().properties()) {
        String key = f.getKey();
        String hashKey = JobEvent.hashKeyOf(key);
        if (hashKey == null || !f.getValue().isTextual()) {
          continue;
        }
        JsonNode recorded = e.outputs().get(hashKey);
        Path file = JobPaths.jobRelative(jobDir, f.getValue().textValue());
        if (file == null) {
          file = JobPaths.artifactRelative(artifactRoot, f.getValue().textValue());
        }
        if (file == null || recorded == null || !recorded.isTextual()) {
          continue;
        }
        checked++;
        int before = problems.size();
        compare(jobId, jobDir, file, e, f.getValue().textValue(), recorded.textValue(), problems);
        if (key.equals("dossier_manifest_path") && problems.size() == before) {
          // The manifest is the recorded one; each file it lists must still match it.
          for (String p : io.quanteam.eam.backtest.DossierVerifier.problems(file.getParent())) {
            problems.add(new VerifyReport.Problem(e.seq(), "dossier_file_changed", "dossier of line " + e.seq()
                + " (" + e.type() + "): " + p));
          }
        }
      }
    }
    return checked;
  }

  private static void compare(String jobId, Path jobDir, Path file, JobEvent e, String path, String recorded,
      List<VerifyReport.Problem> problems) {
    String now;
    try {
      String rel = JobFiles.relativeOf(jobDir, file);
      now = rel != null ? JobFiles.sha256(jobId, jobDir, rel) : JobStore.sha256OfFile(file);
    } catch (UnreadableJobException ex) {
      problems.add(new VerifyReport.Problem(e.seq(), "artifact_changed", path + " named by line " + e.seq() + " ("
          + e.type() + "): " + ex.getMessage()));
      return;
    }
    if (now == null) {
      problems.add(new VerifyReport.Problem(e.seq(), "artifact_missing", path + " named by line " + e.seq() + " ("
          + e.type() + ") is missing"));
    } else if (!now.equals(recorded)) {
      problems.add(new VerifyReport.Problem(e.seq(), "artifact_changed", path + " named by line " + e.seq() + " ("
          + e.type() + ") changed: recorded sha256 " + recorded + ", now " + now));
    }
  }
}
