package io.quanteam.eam.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.quanteam.eam.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;

/**
 * A script's HTTP client of a test daemon: writes with the basic-auth credentials, reads without, and every answer
 * checked for what none may carry — a request header echoed back, a folder of the server, a stack trace.
 */
final class ApiClient {
  private final HttpClient http = HttpClient.newHttpClient();
  private final String base;
  private final String authorization;
  private final Path home;

  /** {@code home}: the daemon's home, which no answer may name. */
  ApiClient(int port, String user, String pass, Path home) {
    this.base = "http://127.0.0.1:" + port;
    this.authorization = "Basic " + Base64.getEncoder().encodeToString((user + ":" + pass)
        .getBytes(StandardCharsets.UTF_8));
    this.home = home;
  }

  HttpResponse<String> send(String method, String path, String body, String contentType, boolean auth)
      throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
        .header("X-Probe", "echo-me-not");
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    if (auth) {
      b.header("Authorization", authorization);
    }
    b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    // nothing of the request comes back, and no folder of the server
    assertThat(r.headers().map().keySet()).noneMatch(h -> h.equalsIgnoreCase("x-probe")
        || h.equalsIgnoreCase("authorization"));
    assertThat(r.body()).doesNotContain(home.toString()).doesNotContain("echo-me-not")
        .doesNotContain("Exception").doesNotContain("\tat ");
    return r;
  }

  /** A write: JSON body (or none), with the credentials. */
  HttpResponse<String> post(String path, String body) throws Exception {
    return send("POST", path, body, body == null ? null : "application/json", true);
  }

  HttpResponse<String> get(String path) throws Exception {
    return send("GET", path, null, null, false);
  }

  static JsonNode json(HttpResponse<String> r) {
    return Json.parse(r.body(), "response");
  }
}
