package io.quanteam.eam.job;

import io.quanteam.eam.json.Json;
import io.quanteam.eam.policy.PolicyStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Shared test material: the shipped policies, a fixed clock, the reference job folders. */
final class JobFixtures {
  static final Path REFERENCE = Path.of("src/test/resources/reference");
  /** 2023-11-14T22:13:20Z, the instant the reference jobs were recorded at. */
  static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(1_700_000_000L), ZoneOffset.UTC);
  static final PolicyStore POLICIES = new PolicyStore(Path.of("policies"));

  private JobFixtures() {}

  static JobStore store(Path root) {
    return new JobStore(root, POLICIES, CLOCK);
  }

  /** The reference events of one fixture folder (e.g. {@code blueprint_job_642e4768da98}). */
  static List<JobEvent> referenceEvents(String folder) {
    String jobId = folder.substring(folder.length() - 12);
    try {
      return EventLines.parse(jobId, Files.readAllBytes(REFERENCE.resolve(folder).resolve("events.jsonl"))).list();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Copies a reference job folder into {@code root} under its job id; returns the id. */
  static String copyReferenceJob(String folder, Path root) {
    String jobId = folder.substring(folder.length() - 12);
    Path from = REFERENCE.resolve(folder);
    Path to = root.resolve(jobId);
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path p : walk.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return jobId;
  }

  /** Events from compact JSON lines written by hand for job {@code aaaaaaaaaaaa}. */
  static List<JobEvent> events(String... jsonLines) {
    List<JobEvent> out = new ArrayList<>();
    for (int i = 0; i < jsonLines.length; i++) {
      out.add(EventLines.parseLine("aaaaaaaaaaaa", i + 1, jsonLines[i].getBytes(StandardCharsets.UTF_8)));
    }
    return out;
  }

  /** One hand-made v2 line: {@code ev("WAITING_APPROVAL", "runspec")}; step null for none. */
  static String ev(String type, String step) {
    return "{\"event_type\":\"" + type + "\",\"job_id\":\"aaaaaaaaaaaa\",\"schema_version\":\"job_event_v2\""
        + (step == null ? "" : ",\"outputs\":{\"step\":\"" + step + "\"}") + "}";
  }

  static String ev(String type) {
    return ev(type, null);
  }

  static com.fasterxml.jackson.databind.JsonNode referenceBlueprint() {
    return Json.read(REFERENCE.resolve("blueprint_job_642e4768da98/inputs/blueprint.json"));
  }

  static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
