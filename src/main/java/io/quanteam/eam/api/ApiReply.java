package io.quanteam.eam.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.quanteam.eam.json.Json;

/**
 * What an API or UI bean answers: the status, the media type, the body text and, when set, the {@code Location}
 * (a redirect after a form post) and {@code WWW-Authenticate} (a 401) headers. The route copies them onto the HTTP
 * reply ({@code direct:api-reply}); beans never see the exchange.
 */
public record ApiReply(int status, String contentType, String body, String location, String authenticate) {
  public ApiReply(int status, String contentType, String body) {
    this(status, contentType, body, null, null);
  }

  /** 303 See Other to {@code path}: where a form post sends the browser. */
  public static ApiReply seeOther(String path) {
    return new ApiReply(303, "text/plain; charset=utf-8", "see " + path + "\n", path, null);
  }

  public static final String JSON = "application/json";
  public static final String PROBLEM_JSON = "application/problem+json";
  public static final String NDJSON = "application/x-ndjson";
  public static final String HTML = "text/html; charset=utf-8";
  public static final String CSS = "text/css; charset=utf-8";

  public static ApiReply json(int status, JsonNode node) {
    try {
      return new ApiReply(status, JSON, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node) + "\n");
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree that does not serialise: " + e.getMessage(), e);
    }
  }

  /** The body text of {@code reply}: what {@code direct:api-reply} sends once status and media type are set. */
  public static String text(ApiReply reply) {
    return reply.body();
  }

  public static ApiReply ok(JsonNode node) {
    return json(200, node);
  }
}
