package io.quanteam.eam.ui;

import static io.quanteam.eam.ui.Page.esc;
import static io.quanteam.eam.ui.Page.link;

import com.fasterxml.jackson.databind.JsonNode;
import io.quanteam.eam.api.ApiIds;
import io.quanteam.eam.api.ApiReply;
import io.quanteam.eam.dsl.DslText;
import io.quanteam.eam.job.JobListing;
import io.quanteam.eam.job.JobRow;
import io.quanteam.eam.job.JobStateFilter;
import io.quanteam.eam.job.JobStore;
import io.quanteam.eam.job.JobViews;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * {@code /ui/jobs} (what waits for a person first, then the rest, newest first) and {@code /ui/jobs/{job_id}}
 * (timeline, the artifact under review rendered for reading, Approve and Reject for the waiting step only, lineage).
 * Server-rendered; a job page that is still moving follows the job with a small script (without JavaScript, a
 * Refresh link does the same).
 */
public final class JobPages {
  private static final List<String> FILTERS = List.of("waiting", "ready", "done", "error", "pass", "fail", "rejected");

  private final JobStore jobs;
  private final JobListing listing;
  private final Clock clock;

  public JobPages(JobStore jobs, JobListing listing, Clock clock) {
    this.jobs = jobs;
    this.listing = listing;
    this.clock = clock;
  }

  public ApiReply list(String state) {
    StringBuilder body = new StringBuilder("<p class=\"filters\">Show: ").append(link("/ui/jobs", "all"));
    FILTERS.forEach(f -> body.append(' ').append(link("/ui/jobs?state=" + f, f)));
    body.append("</p>\n");
    if (state == null || state.isBlank()) {
      List<JobRow> waiting = listing.page("WAITING", r -> true, 500, null).rows();
      body.append("<h2>Waiting for you (").append(waiting.size()).append(")</h2>\n");
      body.append(waiting.isEmpty() ? "<p class=\"muted\">Nothing waits for a review.</p>\n" : rows(waiting));
      List<JobRow> rest = listing.page(null, r -> !"WAITING".equals(r.phase()), 200, null).rows();
      body.append("<h2>Other jobs</h2>\n").append(rest.isEmpty() ? "<p class=\"muted\">No jobs yet.</p>\n"
          : rows(rest));
      return Page.html(200, "Jobs", body.toString(), null);
    }
    JobStateFilter filter;
    try {
      filter = JobStateFilter.of(state, "state");
    } catch (io.quanteam.eam.contract.InvalidInputException e) {
      return Page.html(400, "Jobs", body + "<p>Unknown filter " + esc(ApiIds.printable(state))
          + ": use one of the links above.</p>\n", null);
    }
    Predicate<JobRow> selected = r -> filter.test(r.phase(), r.verdict(), String.valueOf(r.state()));
    List<JobRow> shown = listing.page(filter.phase(), selected, 500, null).rows();
    body.append(shown.isEmpty() ? "<p class=\"muted\">No job is " + esc(state) + ".</p>\n" : rows(shown));
    return Page.html(200, "Jobs: " + state, body.toString(), null);
  }

  private String rows(List<JobRow> rows) {
    List<List<String>> cells = new ArrayList<>();
    for (JobRow r : rows) {
      cells.add(List.of(link("/ui/jobs/" + r.jobId(), r.jobId()), esc(r.kind()), esc(r.title()),
          "<span class=\"state-" + esc(r.phase()) + " verdict-" + esc(r.verdict()) + "\">"
              + esc(r.outcome() == null ? r.state() : r.outcome()) + "</span>",
          esc(r.waitingStep()), "<span title=\"" + esc(r.updatedAt()) + "\">" + esc(age(r.updatedAt())) + "</span>"));
    }
    return Page.table("jobs", List.of("Job", "Kind", "Title", "State", "Waiting step", "Updated"), cells);
  }

  /** "5 min ago" from an ISO time; the time itself when it cannot be read. */
  String age(String iso) {
    if (iso == null || iso.isEmpty()) {
      return "";
    }
    try {
      Duration d = Duration.between(OffsetDateTime.parse(iso).toInstant(), clock.instant());
      long s = Math.max(0, d.getSeconds());
      return s < 60 ? s + " s ago" : s < 3600 ? s / 60 + " min ago" : s < 86_400 ? s / 3600 + " h ago"
          : s / 86_400 + " d ago";
    } catch (java.time.format.DateTimeParseException e) {
      return iso;
    }
  }

  public ApiReply job(String jobId) {
    ApiIds.jobId(jobId);
    JsonNode d = JobViews.detail(jobs, jobId);
    JsonNode spec = d.path("spec");
    JsonNode state = d.path("state");
    JsonNode outcome = d.path("outcome");
    boolean terminal = state.path("phase").asText().startsWith("TERMINAL");
    StringBuilder body = new StringBuilder();
    List<String[]> facts = new ArrayList<>();
    facts.add(new String[] {"Job", "<code>" + esc(jobId) + "</code> (" + esc(d.path("kind").asText()) + ")"});
    facts.add(new String[] {"Title", esc(JobViews.title(jobs.kind(jobId), spec))});
    facts.add(new String[] {"State", "<span class=\"state-" + esc(state.path("phase").asText()) + " verdict-"
        + esc(outcome.path("verdict").asText()) + "\">" + esc(outcome.path("text").asText()) + "</span>"});
    if (spec.has("snapshot_id")) {
      facts.add(new String[] {"Snapshot", link("/ui/snapshots#" + spec.path("snapshot_id").asText(),
          spec.path("snapshot_id").asText())});
    }
    facts.add(new String[] {"Policy bundle", esc(spec.path("policy_bundle_id").asText())});
    if (outcome.path("run_id").isTextual()) {
      facts.add(new String[] {"Run", link("/ui/runs/" + outcome.path("run_id").asText(),
          outcome.path("run_id").asText())});
    }
    if (outcome.path("card_id").isTextual()) {
      facts.add(new String[] {"Card", link("/ui/registry#" + outcome.path("card_id").asText(),
          outcome.path("card_id").asText())});
    }
    for (JsonNode g : outcome.path("failing_gates")) {
      facts.add(new String[] {"Failed gate", esc(g.path("gate_id").asText()
          + (g.path("segment_id").isTextual() ? " on " + g.path("segment_id").asText() : "")
          + (g.path("detail").asText("").isEmpty() ? "" : ": " + g.path("detail").asText()))});
    }
    lineage(d.path("lineage"), jobId, facts);
    body.append(Page.facts(facts));
    String waiting = state.path("waiting_step").asText(null);
    if (waiting != null) {
      body.append(review(jobId, waiting));
    }
    if (jobs.kind(jobId) == io.quanteam.eam.job.JobKind.IDEA) {
      body.append(IdeaReviews.sections(jobs, jobId, spec, d.path("lineage"), waiting));
    }
    body.append(strategy(spec.path("blueprint")));
    JsonNode runspec = readOutput(jobId, "runspec.json");
    if (runspec != null) {
      body.append(segments(runspec));
    }
    body.append(timeline(d.path("events")));
    String script = null;
    if (!terminal) {
      body.append("<noscript><p>").append(link("/ui/jobs/" + jobId, "Refresh")).append(" to see new events.</p>"
          + "</noscript>\n");
      // follows the job: reloads when its log grows; quiet while someone types a reason
      script = "(function(){var n=" + d.path("events").size() + ";setInterval(function(){"
          + "if(document.activeElement&&document.activeElement.tagName==='TEXTAREA')return;"
          + "fetch('/jobs/" + jobId + "/events').then(function(r){return r.text();}).then(function(t){"
          + "var m=t.split('\\n').filter(function(l){return l.length>0;}).length;if(m!==n)location.reload();});"
          + "},1500);})();";
    }
    return Page.html(200, "Job " + jobId, body.toString(), script);
  }

  /** Retry of, parent and root (links), children with their proposals (JobViews' lineage). */
  private static void lineage(JsonNode lineage, String jobId, List<String[]> facts) {
    for (String[] f : new String[][] {{"retry_of", "Retry of"}, {"parent_job_id", "Parent"}, {"root_job_id", "Root"}}) {
      JsonNode v = lineage.path(f[0]);
      if (v.isTextual() && io.quanteam.eam.json.ShortIds.isShortId(v.asText()) && !v.asText().equals(jobId)) {
        facts.add(new String[] {f[1], link("/ui/jobs/" + v.asText(), v.asText())});
      }
    }
    for (JsonNode child : lineage.path("children")) {
      facts.add(new String[] {"Child", link("/ui/jobs/" + child.path("job_id").asText(),
          child.path("job_id").asText()) + " <span class=\"muted\">(proposal "
          + esc(child.path("proposal_id").asText()) + ")</span>"});
    }
  }

  private static String review(String jobId, String step) {
    String base = "/ui/jobs/" + jobId;
    return "<section class=\"review\" id=\"review\"><p><strong>Waiting for your review: " + esc(step)
        + "</strong> — approving runs the job on exactly " + link("#" + step, "what is shown below")
        + "; rejecting ends it.</p>\n"
        + "<form method=\"post\" action=\"" + esc(base + "/approve?step=" + step) + "\">"
        + "<button class=\"approve\" type=\"submit\">Approve " + esc(step) + "</button></form>\n"
        + "<form method=\"post\" action=\"" + esc(base + "/reject?step=" + step) + "\">"
        + "<label for=\"reason\">Reason</label><textarea id=\"reason\" name=\"reason\" required></textarea>"
        + "<button class=\"reject\" type=\"submit\">Reject " + esc(step) + "</button></form>\n</section>\n";
  }

  private static String strategy(JsonNode blueprint) {
    JsonNode strategy = blueprint.path("strategy_spec");
    if (!strategy.isObject()) {
      return "";
    }
    StringBuilder sb = new StringBuilder("<h2>Strategy</h2>\n");
    JsonNode signals = strategy.path("signals");
    signals.fieldNames().forEachRemaining(name -> sb.append("<p>").append(esc(name)).append(":</p><code class="
        + "\"expr\">").append(esc(DslText.of(strategy, signals.path(name).asText()))).append("</code>\n"));
    JsonNode universe = blueprint.path("universe").path("symbols");
    if (universe.isArray()) {
      List<String> symbols = new ArrayList<>();
      universe.forEach(s -> symbols.add(s.asText()));
      sb.append("<p class=\"muted\">Universe: ").append(esc(String.join(", ", symbols))).append("; orders: ")
          .append(esc(strategy.path("execution").path("order_timing").asText("—"))).append("</p>\n");
    }
    return sb.toString();
  }

  private static String segments(JsonNode runspec) {
    List<List<String>> rows = new ArrayList<>();
    boolean holdoutListed = false;
    for (JsonNode s : runspec.path("segments").path("list")) {
      holdoutListed |= s.path("holdout").asBoolean() || "holdout".equals(s.path("kind").asText());
      rows.add(List.of(esc(s.path("segment_id").asText()), esc(s.path("kind").asText()),
          esc(s.path("start").asText()), esc(s.path("end").asText()), esc(s.path("as_of").asText())));
    }
    JsonNode h = runspec.path("segments").path("holdout");
    if (h.isObject() && !holdoutListed) {
      rows.add(List.of("holdout", "holdout", esc(h.path("start").asText()), esc(h.path("end").asText()),
          esc(h.path("as_of").asText())));
    }
    List<String> symbols = new ArrayList<>();
    runspec.path("symbols").forEach(x -> symbols.add(x.asText()));
    return "<h2 id=\"runspec\">Runspec segments</h2>\n<p class=\"muted\">Runs " + esc(String.join(", ", symbols))
        + " on snapshot " + esc(runspec.path("data_snapshot_id").asText()) + ", lag "
        + esc(runspec.path("lag_bars").asText()) + " bar(s).</p>\n"
        + Page.table("segments", List.of("Segment", "Kind", "Start", "End", "Data as of"), rows);
  }

  private static String timeline(JsonNode events) {
    List<List<String>> rows = new ArrayList<>();
    for (JsonNode e : events) {
      JsonNode out = e.path("outputs");
      rows.add(List.of(esc(e.path("seq").asText()), esc(e.path("recorded_at").asText()),
          esc(e.path("event_type").asText()), esc(out.path("step").asText("")), esc(out.path("actor").asText("")),
          esc(e.path("message").asText(out.path("reason").asText("")))));
    }
    return "<h2>Timeline</h2>\n" + Page.table("timeline", List.of("#", "Time", "Event", "Step", "Actor", "Note"),
        rows);
  }

  /** An output of the job, or null when it is absent or cannot be read (the page shows what it can). */
  private JsonNode readOutput(String jobId, String name) {
    try {
      return jobs.readJson(jobId, "outputs/" + name);
    } catch (RuntimeException e) {
      return null;
    }
  }
}
