package io.quanteam.eam.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quanteam.eam.contract.InvalidInputException;
import io.quanteam.eam.contract.Violation;
import io.quanteam.eam.job.ConflictException;
import io.quanteam.eam.job.JobLogException;
import io.quanteam.eam.json.Json;
import io.quanteam.eam.json.JsonInputException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every error the API answers, as {@code application/problem+json} (RFC 9457): {@code type}, {@code title},
 * {@code status}, {@code detail} and, for contract and parameter violations, {@code violations}: each with the
 * JSON pointer into the body ({@code pointer}) or the query or path parameter ({@code parameter}), the rule, a
 * message and the offending value. A user's mistake is a 4xx; anything else is a 500 whose body says only that, the
 * stack trace going to the daemon's log. No answer names a folder of the server: the roots are replaced by their
 * names ({@code <job root>}) wherever a message carries them.
 */
public final class Problems {
  private static final Logger LOG = LoggerFactory.getLogger("io.quanteam.eam.api");
  /** Rules of the kernel's InvalidInputException that mean "no such thing" rather than "invalid". */
  private static final Set<String> NOT_FOUND_RULES = Set.of("unknown_job", "unknown_proposal");
  /** Rules that mean "not from where the thing is now" (a card promoted out of order). */
  private static final Set<String> CONFLICT_RULES = Set.of("promotion_order");

  private final Map<String, String> redactions = new LinkedHashMap<>();

  /** {@code roots}: each folder the server reads and writes, with the name it is shown under. */
  public Problems(Map<Path, String> roots) {
    roots.entrySet().stream()
        .sorted((a, b) -> b.getKey().toString().length() - a.getKey().toString().length()) // longest first
        .forEach(e -> redactions.put(e.getKey().toAbsolutePath().normalize().toString(), "<" + e.getValue() + ">"));
  }

  /** The reply for {@code error}, raised while answering {@code request} (e.g. {@code GET /jobs/abc}). */
  public ApiReply reply(Throwable error, String request) {
    if (error instanceof ApiProblem p) {
      return problem(p.status(), p.title(), p.getMessage(), p.violations());
    }
    if (error instanceof InvalidInputException e) {
      boolean notFound = e.violations().stream().anyMatch(v -> NOT_FOUND_RULES.contains(v.rule()));
      boolean conflict = e.violations().stream().anyMatch(v -> CONFLICT_RULES.contains(v.rule()));
      return notFound ? problem(404, "Not found", e.violations().get(0).message(), e.violations())
          : conflict ? problem(409, "Conflict", e.violations().get(0).message(), e.violations())
          : problem(422, "Unprocessable content", "the request breaks " + e.violations().size()
              + (e.violations().size() == 1 ? " rule" : " rules") + " of the contract; see violations",
              e.violations());
    }
    if (error instanceof JsonInputException e) {
      return problem(400, "Bad request", e.getMessage(), List.of());
    }
    if (error instanceof io.quanteam.eam.job.BudgetRefusedException e) {
      ApiReply reply = problem(409, "Conflict", e.getMessage(), List.of());
      ObjectNode body = (ObjectNode) Json.parse(reply.body(), "problem");
      ObjectNode stopped = body.putObject("stopped_budget");
      stopped.put("event_type", e.evidence().type().name()).put("seq", e.evidence().seq());
      stopped.set("outputs", e.outputs());
      return new ApiReply(409, ApiReply.PROBLEM_JSON, io.quanteam.eam.json.CanonicalJson.pretty(body), null,
          null);
    }
    if (error instanceof ConflictException e) {
      return problem(409, "Conflict", e.getMessage(), List.of());
    }
    if (error instanceof JobLogException e) {
      LOG.warn("{}: {}", request, e.getMessage());
      return problem(500, "Job files unreadable", e.getMessage(), List.of());
    }
    LOG.error("{}: unexpected failure", request, error);
    return problem(500, "Internal server error", "the daemon could not answer this request; its log says why",
        List.of());
  }

  public ApiReply problem(int status, String title, String detail, List<Violation> violations) {
    ObjectNode body = Json.object();
    body.put("type", "about:blank");
    body.put("title", title);
    body.put("status", status);
    body.put("detail", redact(detail));
    if (!violations.isEmpty()) {
      ArrayNode list = body.putArray("violations");
      for (Violation v : violations) {
        ObjectNode item = list.addObject();
        if (isParameter(v)) {
          item.put("parameter", v.source());
        } else {
          item.put("pointer", redact(v.pointer()));
        }
        item.put("rule", v.rule());
        item.put("message", redact(v.message()));
        if (v.value() != null) {
          item.put("value", redact(v.value()));
        }
      }
    }
    ApiReply json = ApiReply.json(status, body);
    return new ApiReply(status, ApiReply.PROBLEM_JSON, json.body(), null,
        status == 401 ? "Basic realm=\"eam\", charset=\"UTF-8\"" : null);
  }

  /** A parameter's violation names the parameter as its source and no pointer; a body's names the request. */
  private static boolean isParameter(Violation v) {
    return (v.pointer() == null || v.pointer().isEmpty()) && v.source() != null
        && v.source().matches("[a-z_]{1,40}");
  }

  /** The text with every server folder replaced by its name. */
  public String redact(String text) {
    if (text == null) {
      return "";
    }
    String out = text;
    for (Map.Entry<String, String> e : redactions.entrySet()) {
      out = out.replace(e.getKey(), e.getValue());
    }
    return out;
  }
}
