package io.quanteam.eam.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.quanteam.eam.app.DaemonFixture;
import io.quanteam.eam.app.EamConfig;
import io.quanteam.eam.app.EamDaemon;
import io.quanteam.eam.data.DemoProfile;
import io.quanteam.eam.job.Phase;
import io.quanteam.eam.json.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A corpus of hostile requests (issue 11): malformed JSON, wrong types, oversized and deeply nested bodies, invalid
 * UTF-8, traversal ids in every encoding, bad steps, approvals of steps not waiting, missing and wrong credentials,
 * hostile query values. Every answer is a 4xx (never a 5xx), carries no stack trace, no folder of the server and no
 * request header; nothing is written outside the daemon's roots; {@code /health} is still up afterwards.
 */
class HostileRequestsTest {
  static final String USER = "alice";
  static final String PASS = "correct horse";
  static final String AUTH = "Basic " + Base64.getEncoder().encodeToString((USER + ":" + PASS)
      .getBytes(StandardCharsets.UTF_8));

  record Probe(String method, String target, Map<String, String> headers, byte[] body) {
    static Probe get(String target) {
      return new Probe("GET", target, Map.of(), null);
    }

    static Probe post(String target, String contentType, byte[] body) {
      return new Probe("POST", target, contentType == null ? Map.of("Authorization", AUTH)
          : Map.of("Authorization", AUTH, "Content-Type", contentType), body);
    }
  }

  /** Ids as a hostile client writes them: traversal in every encoding, separators, controls, look-alikes. */
  static final List<String> BAD_IDS = List.of("..", "%2e%2e", "%2E%2E", "..%2F..%2Fetc%2Fpasswd", "..%2f..%2fetc",
      "%252F", "%252e%252e%252f", "..%5C..%5Cwindows", "%c0%ae%c0%ae", "%e2%80%a4%e2%80%a4", "%ef%bc%8e%ef%bc%8e",
      "0123456789AB", "0123456789a", "0123456789abc", "0123456789ab%00", "0123456789ab%0a", "%00", "abc%2Fdef",
      "x".repeat(300), "0123456789ab.json", "%20", "~root", "card_%2e%2e", "demo%2F..%2F..", "%u002e%u002e");

  static List<Probe> corpus(String waitingJob) {
    List<Probe> probes = new ArrayList<>();
    for (String id : BAD_IDS) {
      probes.add(Probe.get("/jobs/" + id));
      probes.add(Probe.get("/jobs/" + id + "/events"));
      probes.add(Probe.post("/jobs/" + id + "/approve?step=runspec", null, null));
      probes.add(Probe.post("/jobs/" + id + "/reject?step=runspec&reason=x", null, null));
      probes.add(Probe.post("/jobs/" + id + "/spawn?proposal_id=p_12345678", null, null));
      probes.add(Probe.post("/jobs/" + waitingJob + "/spawn?proposal_id=" + id, null, null));
      probes.add(Probe.get("/runs/" + id));
      probes.add(Probe.get("/runs/0123456789ab/segments/" + id));
      probes.add(Probe.get("/snapshots/" + id));
      probes.add(Probe.get("/registry/cards/" + id));
      probes.add(Probe.post("/registry/cards/" + id + "/promote?to=champion", null, null));
      probes.add(Probe.post("/jobs/blueprint?snapshot_id=" + id, "application/json", blueprint()));
    }
    List<String> malformed = List.of("", " ", "{", "}", "{\"a\":}", "{'a': 1}", "[1,]", "{\"a\" 1}", "nul", "NaN",
        "{\"a\": NaN}", "{\"a\": Infinity}", "{\"a\": 1e400}", "{\"a\":1}{\"b\":2}", "{\"a\":1,\"a\":2}", "\"text\"",
        "12", "{\"title\": \"\\ud800\"}", "{\"a\": 01}", "/* c */ {}", "\u0000");
    for (String body : malformed) {
      probes.add(Probe.post("/jobs/blueprint?snapshot_id=demo_tiny", "application/json", bytes(body)));
      probes.add(Probe.post("/jobs/idea", "application/json", bytes(body)));
    }
    List<String> wrongTypes = List.of("{\"title\": 12}", "[]", "true", "null", "{\"blueprint\": {}}",
        "{\"schema_version\": \"idea_spec_v1\"}", "{\"universe\": \"SPY\"}", "{\"policy_bundle_id\": []}");
    for (String body : wrongTypes) {
      probes.add(Probe.post("/jobs/blueprint?snapshot_id=demo_tiny", "application/json", bytes(body)));
      probes.add(Probe.post("/jobs/idea", "application/json", bytes(body)));
    }
    for (byte[] invalidUtf8 : List.of(new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC0, (byte) 0xAF, '"', '}'},
        new byte[] {(byte) 0xFF, (byte) 0xFE, '{', '}'}, new byte[] {'"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"'},
        new byte[] {'{', (byte) 0x80, '}'}, new byte[] {'{', '"', (byte) 0xF8, (byte) 0x88, '"', ':', '1', '}'})) {
      probes.add(Probe.post("/jobs/blueprint?snapshot_id=demo_tiny", "application/json", invalidUtf8));
      probes.add(Probe.post("/jobs/idea", "application/json", invalidUtf8));
      probes.add(Probe.post("/jobs/" + waitingJob + "/reject?step=runspec", "text/plain", invalidUtf8));
    }
    for (int depth : List.of(201, 1000, 50_000)) {
      probes.add(Probe.post("/jobs/blueprint?snapshot_id=demo_tiny", "application/json",
          bytes("[".repeat(depth) + "]".repeat(depth))));
      probes.add(Probe.post("/jobs/idea", "application/json", bytes("{\"a\":".repeat(depth) + "1"
          + "}".repeat(depth))));
    }
    probes.add(Probe.post("/jobs/blueprint?snapshot_id=demo_tiny", "application/json", new byte[70 * 1024]));
    probes.add(Probe.post("/jobs/idea", "application/json", bytes("\"" + "x".repeat(2 * 1024 * 1024) + "\"")));
    for (String type : List.of("text/plain", "application/xml", "multipart/form-data; boundary=x",
        "application/x-www-form-urlencoded", "application/jsonx", "")) {
      probes.add(Probe.post("/jobs/blueprint?snapshot_id=demo_tiny", type.isEmpty() ? null : type, blueprint()));
    }
    for (String step : List.of("", "RUNSPEC", "run spec", "..", "%2e%2e", "blueprint", "trace_preview", "run",
        "runspec%00", "x".repeat(100), "improvements", "runspec%3Brm", "%E2%80%A8")) {
      probes.add(Probe.post("/jobs/" + waitingJob + "/approve?step=" + step, null, null));
      probes.add(Probe.post("/jobs/" + waitingJob + "/reject?step=" + step + "&reason=no", null, null));
    }
    for (String auth : List.of("", "Basic", "Basic !!!", "Basic " + b64(USER + ":wrong"), "Basic " + b64("bob:" + PASS),
        "Basic " + b64(USER), "Bearer token", "basic " + b64(USER + ":" + PASS + " "), "Basic " + b64(":"),
        "Digest username=\"alice\"")) {
      Map<String, String> h = auth.isEmpty() ? Map.of("Content-Type", "application/json")
          : Map.of("Content-Type", "application/json", "Authorization", auth);
      probes.add(new Probe("POST", "/jobs/blueprint?snapshot_id=demo_tiny", h, blueprint()));
      probes.add(new Probe("POST", "/jobs/" + waitingJob + "/approve?step=runspec", h, null));
      probes.add(new Probe("POST", "/registry/cards/card_000000000000/promote?to=champion", h, null));
    }
    for (String query : List.of("state=nope", "kind=strategy", "waiting_step=..", "limit=0", "limit=-1",
        "limit=1e9", "limit=abc", "limit=501", "cursor=!!", "cursor=" + "A".repeat(500), "cursor=MHww",
        "state=%00", "kind=%2e%2e", "waiting_step=RUNSPEC")) {
      probes.add(Probe.get("/jobs?" + query));
    }
    probes.add(Probe.post("/jobs/" + waitingJob + "/reject?step=runspec", null, null)); // no reason
    probes.add(Probe.post("/jobs/" + waitingJob + "/spawn", null, null)); // no proposal
    probes.add(new Probe("POST", "/jobs/" + waitingJob + "/spawn?proposal_id=p_12345678",
        Map.of("Content-Type", "application/json"), null)); // no credentials
    probes.add(Probe.post("/registry/cards/card_000000000000/promote", null, null));
    probes.add(new Probe("DELETE", "/jobs/" + waitingJob, Map.of("Authorization", AUTH), null));
    probes.add(new Probe("PUT", "/jobs/blueprint", Map.of("Authorization", AUTH), null));
    probes.add(Probe.get("/../../etc/passwd"));
    probes.add(Probe.get("/jobs/%zz"));
    probes.add(Probe.get("/nosuch"));
    probes.add(new Probe("POST", "/jobs/blueprint?snapshot_id=demo_tiny", Map.of("Authorization", AUTH,
        "Content-Type", "application/json", "Origin", "https://evil.example"), bytes("{")));
    return probes;
  }

  static byte[] blueprint() {
    return Json.MAPPER.valueToTree(DaemonFixture.blueprint("hostile")).toString().getBytes(StandardCharsets.UTF_8);
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  static Set<String> filesUnder(Path dir) throws Exception {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.map(Path::toString).collect(java.util.stream.Collectors.toCollection(TreeSet::new));
    }
  }

  @Test
  void everyHostileRequestIsRefusedWithAClean4xx(@TempDir Path sandbox) throws Exception {
    Path home = Files.createDirectories(sandbox.resolve("home"));
    Path outside = Files.createDirectories(sandbox.resolve("outside"));
    Files.writeString(outside.resolve("secret.txt"), "not yours");
    EamConfig config = DaemonFixture.basicAuth(home, USER, PASS);
    EamDaemon daemon = EamDaemon.create(config);
    daemon.wiring().snapshots().createDemo("demo_tiny", DemoProfile.TINY);
    daemon.start();
    try {
      RawHttp http = new RawHttp(config.http().port());
      String waiting = daemon.wiring().jobs().submitBlueprint(DaemonFixture.blueprint("waits"), "demo_tiny", null,
          null, "test").jobId();
      DaemonFixture.awaitChange(config.jobRoot().resolve(waiting), Duration.ofSeconds(60),
          () -> daemon.wiring().jobs().state(waiting).phase() == Phase.WAITING);
      Set<String> outsideBefore = filesUnder(sandbox.resolve("outside"));
      List<Probe> corpus = corpus(waiting);
      assertThat(corpus).hasSizeGreaterThanOrEqualTo(300);
      for (Probe p : corpus) {
        RawHttp.Answer a = http.send(p.method(), p.target(), p.headers(), p.body());
        String what = p.method() + " " + (p.target().length() > 120 ? p.target().substring(0, 120) : p.target())
            + " -> " + a.status() + " " + (a.body().length() > 300 ? a.body().substring(0, 300) : a.body());
        // "/jobs/.." is "/" once the server removes its dot segments (RFC 3986): the home page's redirect
        boolean homePage = a.status() == 303 && "/ui/jobs".equals(a.headers().get("location"));
        assertThat(homePage || (a.status() >= 400 && a.status() <= 499)).as(what).isTrue();
        assertThat(a.body()).as(what).doesNotContain(home.toString()).doesNotContain(sandbox.toString())
            .doesNotContain("Exception").doesNotContain("\tat ").doesNotContain(PASS).doesNotContain("evil.example");
        assertThat(a.headers().keySet()).as(what).doesNotContain("authorization", "origin", "x-probe");
        if (a.headers().getOrDefault("content-type", "").startsWith("application/json")) {
          throw new AssertionError("an error answered as plain JSON: " + what);
        }
      }
      assertThat(filesUnder(sandbox.resolve("outside"))).isEqualTo(outsideBefore);
      assertThat(Path.of("file-uploads")).doesNotExist(); // Vert.x's default upload folder, in the working folder
      assertThat(daemon.wiring().jobs().state(waiting).phase()).as("no hostile request moved the job")
          .isEqualTo(Phase.WAITING);
      RawHttp.Answer health = http.send("GET", "/health", Map.of(), null);
      assertThat(health.status()).isEqualTo(200);
      assertThat(Json.parse(health.body(), "health").path("status").asText()).isEqualTo("UP");
    } finally {
      daemon.stop();
    }
  }
}
