package io.quanteam.eam.reliability;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quanteam.eam.job.Fifos;
import io.quanteam.eam.json.CanonicalJson;
import io.quanteam.eam.json.Json;
import io.quanteam.eam.json.Sha256;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The damage the corruption suite does to one finished job each (issue 9's list and more), with what the product
 * owes for it (docs/job-store.md, "Hostile files" and "Verify and reindex"): the problem codes {@code eam job verify
 * --all} reports (or {@code OK}, or {@code UNREADABLE} for a job it cannot even open), and the state {@code eam job
 * list} shows (null: no row, as a folder without {@code job_spec.json} is no job for list and the daemon). An
 * {@code UNREADABLE} row is also a job the daemon warns about once and skips.
 */
enum Corruption {
  EVENTS_EMPTIED(Set.of("events_missing"), "UNREADABLE", "events.jsonl is empty") {
    @Override
    void apply(Target t) throws Exception {
      Files.write(t.events(), new byte[0]);
    }
  },
  EVENTS_DELETED(Set.of("events_missing"), "UNREADABLE", "events.jsonl is missing") {
    @Override
    void apply(Target t) throws Exception {
      Files.delete(t.events());
    }
  },
  EVENTS_LINKED_OUTSIDE(Set.of("events_unreadable"), "UNREADABLE", "symbolic link") {
    @Override
    void apply(Target t) throws Exception {
      Path copy = Files.copy(t.events(), t.outsideFor(this).resolve("events.jsonl"));
      replace(t.events(), at -> Files.createSymbolicLink(at, copy));
    }
  },
  OUTPUTS_LINKED_OUTSIDE(Set.of("artifact_changed", "bundle_ref_changed"), "DONE", null) {
    @Override
    void apply(Target t) throws Exception {
      Path moved = Files.move(t.dir().resolve("outputs"), t.outsideFor(this).resolve("outputs"));
      Files.createSymbolicLink(t.dir().resolve("outputs"), moved);
    }
  },
  EVENTS_FIFO(Set.of("events_unreadable"), "UNREADABLE", "not a regular file") {
    @Override
    void apply(Target t) throws Exception {
      replace(t.events(), Fifos::make);
    }
  },
  EVENTS_LINKED_TO_DEV_ZERO(Set.of("events_unreadable"), "UNREADABLE", "symbolic link") {
    @Override
    void apply(Target t) throws Exception {
      replace(t.events(), at -> Files.createSymbolicLink(at, Path.of("/dev/zero")));
    }
  },
  EVENTS_FOLDER(Set.of("events_unreadable"), "UNREADABLE", "is a folder") {
    @Override
    void apply(Target t) throws Exception {
      // no rename puts a folder over a file: a daemon looking in between sees the log missing
      Files.delete(t.events());
      Files.createDirectories(t.events().resolve("inside"));
    }
  },
  JOB_FOLDER_LINKED_OUTSIDE(Set.of("UNREADABLE"), "UNREADABLE", "links outside the job root") {
    @Override
    void apply(Target t) throws Exception {
      Path moved = Files.move(t.dir(), t.outsideFor(this).resolve(t.id()));
      Files.createSymbolicLink(t.dir(), moved);
    }
  },
  SPEC_EMPTY(Set.of("job_spec_changed"), "UNREADABLE", "not valid JSON") {
    @Override
    void apply(Target t) throws Exception {
      replace(t.dir().resolve("job_spec.json"), at -> Files.write(at, new byte[0]));
    }
  },
  /** Root reads a file whatever its mode: as root this case cannot be made, and is reported n/a. */
  EVENTS_NO_PERMISSION(Set.of("events_unreadable"), "UNREADABLE", "events.jsonl") {
    @Override
    void apply(Target t) throws Exception {
      Files.setPosixFilePermissions(t.events(), PosixFilePermissions.fromString("---------"));
    }

    @Override
    boolean made(Target t) {
      return !Files.isReadable(t.events());
    }
  },
  /** Half of a line at the end, as a write cut by a crash leaves it: readers ignore it, verify reports it. */
  TORN_TAIL(Set.of("torn_line"), "DONE", null) {
    @Override
    void apply(Target t) throws Exception {
      List<String> lines = Files.readAllLines(t.events());
      String last = lines.get(lines.size() - 1);
      Files.writeString(t.events(), last.substring(0, last.length() / 2), StandardOpenOption.APPEND);
    }
  },
  GARBAGE_LINE_IN_THE_MIDDLE(Set.of("malformed_line"), "UNREADABLE", "line 3") {
    @Override
    void apply(Target t) throws Exception {
      List<String> lines = new ArrayList<>(Files.readAllLines(t.events()));
      lines.add(2, "\u0000garbage }{ not json");
      replace(t.events(), at -> Files.write(at, lines));
    }
  },
  /** A line a later version might write, chained like this product's lines: readable by no one here. */
  UNKNOWN_EVENT_TYPE(Set.of("malformed_line"), "UNREADABLE", "RESUMED") {
    @Override
    void apply(Target t) throws Exception {
      List<String> lines = Files.readAllLines(t.events());
      ObjectNode line = Json.object().put("schema_version", "job_event_v2").put("job_id", t.id())
          .put("event_type", "RESUMED");
      ObjectNode chain = line.putObject("extensions").put("recorded_at", "2025-11-26T00:00:00+00:00")
          .putObject("chain");
      chain.put("seq", lines.size() + 1).put("prev_sha256", Sha256.hex(lines.get(lines.size() - 1)
          .getBytes(StandardCharsets.UTF_8)));
      Files.writeString(t.events(), CanonicalJson.compact(line) + "\n", StandardOpenOption.APPEND);
    }
  },
  /** One byte of the approved runspec, which RUNSPEC_COMPILED and APPROVED recorded the sha256 of. */
  RUNSPEC_ALTERED(Set.of("artifact_changed"), "DONE", null) {
    @Override
    void apply(Target t) throws Exception {
      flipByte(t.dir().resolve("outputs/runspec.json"));
    }
  },
  /** One byte of a file the job's dossier manifest lists (the dossier is the job's alone: its title differs). */
  DOSSIER_FILE_ALTERED(Set.of("dossier_file_changed"), "DONE", null) {
    @Override
    void apply(Target t) throws Exception {
      flipByte(t.dossier().resolve("trades.csv"));
    }
  },
  /**
   * The log as an older writer left it: job_event_v1 lines without the hash chain. ADR 0005: read forever, an
   * unchained log is no corruption, and a log that does not start chained exempts the job from the checks of the
   * submitted files (the reference's ids were not spec hashes). Verify passes, the job is DONE, nothing is revived.
   */
  V1_LOG(Set.of("OK"), "DONE", null) {
    @Override
    void apply(Target t) throws Exception {
      List<String> v1 = new ArrayList<>();
      for (String line : Files.readAllLines(t.events())) {
        ObjectNode e = (ObjectNode) Json.parse(line, "events.jsonl");
        e.put("schema_version", "job_event_v1");
        ((ObjectNode) e.get("extensions")).remove("chain");
        v1.add(CanonicalJson.compact(e));
      }
      replace(t.events(), at -> Files.write(at, v1));
    }
  },
  SPEC_MISSING(Set.of("job_spec_missing"), null, null) {
    @Override
    void apply(Target t) throws Exception {
      Files.delete(t.dir().resolve("job_spec.json"));
    }
  };

  /** Problem codes verify must report (all of them), or {@code OK} / {@code UNREADABLE}. */
  final Set<String> verifyCodes;
  /** The state {@code job list} shows, or null for no row. */
  final String listState;
  /** Text the UNREADABLE row's error names. */
  final String listReason;

  Corruption(Set<String> verifyCodes, String listState, String listReason) {
    this.verifyCodes = verifyCodes;
    this.listState = listState;
    this.listReason = listReason;
  }

  abstract void apply(Target t) throws Exception;

  /** False when the damage could not be made here (then the case is n/a). */
  boolean made(Target t) {
    return true;
  }

  /** Whether the daemon must warn about the job (once) and skip it. */
  boolean warned() {
    return "UNREADABLE".equals(listState);
  }

  /**
   * Whether a daemon that has already read the job must warn when the damage comes while it runs. A job spec is
   * immutable, so a daemon reads it once (softly cached): it may not see a spec damaged later — nor act on it, and
   * the compile stage checks the submitted files again before it reads them (docs/job-store.md).
   */
  Boolean warnedWhileRunning() {
    return this == SPEC_EMPTY ? null : warned();
  }

  /** Warnings a damage done while the daemon runs may cause: two when it passes through another damage. */
  int mostWarningsWhileRunning() {
    return this == EVENTS_FOLDER ? 2 : 1;
  }

  String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  private static void flipByte(Path file) throws Exception {
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length / 2] ^= 0x01;
    replace(file, at -> Files.write(at, bytes));
  }

  /**
   * Makes the damaged file under a hidden name beside {@code file} and renames it over: a daemon looking meanwhile
   * sees the file before or after, never half-made (an emptied log, say) — which it would rightly report as well.
   */
  private static void replace(Path file, Maker maker) throws Exception {
    Path tmp = file.resolveSibling(".corruption-" + file.getFileName());
    maker.make(tmp);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private interface Maker {
    void make(Path at) throws Exception;
  }

  /** One finished job to damage, and the outside folder its moved files go to. */
  record Target(String id, Path dir, Path outside, Path dossier) {
    Path events() {
      return dir.resolve("events.jsonl");
    }

    Path outsideFor(Corruption c) throws IOException {
      return Files.createDirectories(outside.resolve(c.label()));
    }
  }
}
