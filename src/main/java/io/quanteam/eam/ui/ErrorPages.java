package io.quanteam.eam.ui;

import com.fasterxml.jackson.databind.JsonNode;
import io.quanteam.eam.api.ApiReply;
import io.quanteam.eam.api.Problems;
import io.quanteam.eam.json.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * The UI's error pages: the status and words the API's problem answer has ({@link Problems}: the same decision, the
 * same redaction of server folders), as a page a person can read and leave through its navigation, instead of JSON
 * in a browser tab. A 401 keeps its {@code WWW-Authenticate}, so the browser asks for the user and password.
 */
public final class ErrorPages {
  private final Problems problems;

  public ErrorPages(Problems problems) {
    this.problems = problems;
  }

  /** The page for {@code error}, raised while answering {@code request} (the route's id). */
  public ApiReply reply(Throwable error, String request) {
    ApiReply problem = problems.reply(error, request);
    JsonNode body = Json.parse(problem.body(), "problem");
    StringBuilder html = new StringBuilder();
    html.append("<p class=\"error\">").append(Page.esc(body.path("detail").asText())).append("</p>\n");
    List<List<String>> rows = new ArrayList<>();
    boolean placed = false; // a violation of the whole request (an unknown id) says no more than the detail above
    for (JsonNode v : body.path("violations")) {
      String where = v.has("parameter") ? v.path("parameter").asText() : v.path("pointer").asText();
      placed |= !where.isEmpty();
      rows.add(List.of(Page.esc(where), Page.esc(v.path("rule").asText()), Page.esc(v.path("message").asText()),
          Page.esc(v.path("value").asText(""))));
    }
    if (placed) {
      html.append(Page.table("violations", List.of("where", "rule", "message", "value"), rows));
    } else if (body.path("violations").size() == 1 && body.path("violations").get(0).hasNonNull("value")) {
      html.append("<p>Asked for: <code>").append(Page.esc(body.path("violations").get(0).path("value").asText()))
          .append("</code></p>\n");
    }
    html.append("<p>").append(Page.link("/ui/jobs", "Back to the jobs")).append("</p>\n");
    ApiReply page = Page.html(problem.status(), problem.status() + " " + body.path("title").asText(),
        html.toString(), null);
    return new ApiReply(page.status(), page.contentType(), page.body(), null, problem.authenticate());
  }
}
