package io.quanteam.eam.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.quanteam.eam.json.Json;
import io.quanteam.eam.json.JsonInputException;
import java.util.Locale;

/**
 * A request's JSON body, checked in the order a client can fix it: a media type that is JSON (415), a size under
 * the limit (413; the server refuses a larger body before reading it, this is the same rule for what got through),
 * well-formed strict UTF-8 JSON with at most {@link Json#MAX_DEPTH} levels (400), an object (422 is the contract's).
 */
public final class RequestBodies {
  private final long maxBytes;

  public RequestBodies(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  /** The body as a JSON tree; {@code what} names it in errors, e.g. {@code POST /jobs/blueprint}. */
  public JsonNode json(byte[] body, String contentType, String what) {
    requireJson(contentType);
    byte[] bytes = body == null ? new byte[0] : body;
    if (bytes.length > maxBytes) {
      throw new ApiProblem(413, "Payload too large",
          "the body has " + bytes.length + " bytes; this daemon takes at most " + maxBytes);
    }
    if (bytes.length == 0) {
      throw ApiProblem.badRequest(what + ": the body is empty; expected a JSON object");
    }
    JsonNode node;
    try {
      node = Json.parse(bytes, what);
    } catch (JsonInputException e) {
      throw ApiProblem.badRequest(e.getMessage());
    }
    if (node.isMissingNode()) {
      throw ApiProblem.badRequest(what + ": the body is empty; expected a JSON object");
    }
    return node;
  }

  /** 415 unless the media type is {@code application/json} or a {@code +json} type (parameters ignored). */
  public static void requireJson(String contentType) {
    if (!isJson(contentType)) {
      throw new ApiProblem(415, "Unsupported media type", "send the body as application/json (Content-Type was "
          + (contentType == null || contentType.isBlank() ? "missing" : "'" + ApiIds.printable(contentType) + "'")
          + ")");
    }
  }

  public static boolean isJson(String contentType) {
    if (contentType == null) {
      return false;
    }
    String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    return type.equals("application/json") || (type.startsWith("application/") && type.endsWith("+json"));
  }
}
