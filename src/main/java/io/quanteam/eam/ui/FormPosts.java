package io.quanteam.eam.ui;

import io.quanteam.eam.api.ApiIds;
import io.quanteam.eam.api.ApiProblem;
import io.quanteam.eam.api.ApiReply;
import io.quanteam.eam.api.Promotions;
import io.quanteam.eam.api.Reviews;
import io.quanteam.eam.api.WriteAuth;
import io.quanteam.eam.job.JobListing;
import io.quanteam.eam.job.JobStore;
import io.quanteam.eam.registry.Registry;
import java.util.Locale;

/**
 * The UI's form posts — Approve, Reject, Promote — each writing what its API twin writes and nothing else, then
 * sending the browser back to the page (303). A post must come from this site: its {@code Origin} (or, when a
 * browser sends none, its {@code Referer}) names the host it was sent to, so a page elsewhere cannot make a browser
 * that holds credentials approve anything (03 §4). In basic mode the credentials are asked for like the API's.
 */
public final class FormPosts {
  private final Reviews reviews;
  private final Promotions promotions;
  private final WriteAuth auth;

  public FormPosts(JobStore jobs, JobListing listing, Registry registry, WriteAuth auth) {
    this.reviews = new Reviews(jobs, listing);
    this.promotions = new Promotions(registry);
    this.auth = auth;
  }

  public ApiReply approve(String jobId, String step, String host, String origin, String referer,
      String authorization) {
    sameOrigin(host, origin, referer);
    reviews.approve(jobId, step, auth.actor(authorization, "ui"));
    return ApiReply.seeOther("/ui/jobs/" + jobId);
  }

  /** {@code reason}: the form's field (the server hands a url-encoded form's fields over as parameters). */
  public ApiReply reject(String jobId, String step, String reason, String host, String origin, String referer,
      String authorization) {
    sameOrigin(host, origin, referer);
    reviews.reject(jobId, step, reason, auth.actor(authorization, "ui"));
    return ApiReply.seeOther("/ui/jobs/" + jobId);
  }

  /** Spawn from the improvements review: back to the parent's page, where the child is linked. */
  public ApiReply spawn(String jobId, String proposalId, String host, String origin, String referer,
      String authorization) {
    sameOrigin(host, origin, referer);
    reviews.spawn(jobId, proposalId, auth.actor(authorization, "ui"));
    return ApiReply.seeOther("/ui/jobs/" + jobId);
  }

  public ApiReply promote(String cardId, String to, String reason, String host, String origin, String referer,
      String authorization) {
    sameOrigin(host, origin, referer);
    String actor = auth.actor(authorization, "ui");
    promotions.promote(cardId, to == null ? null : to.trim().toLowerCase(Locale.ROOT), reason, actor);
    return ApiReply.seeOther("/ui/registry#" + cardId);
  }

  /** 403 unless the post names this site as where it came from. */
  static void sameOrigin(String host, String origin, String referer) {
    if (host == null || host.isBlank()) {
      throw new ApiProblem(400, "Bad request", "the request names no Host");
    }
    String site = "http://" + host.trim();
    boolean ok = origin != null && !origin.isBlank() && !origin.equals("null") ? origin.trim().equals(site)
        : referer != null && (referer.equals(site) || referer.startsWith(site + "/"));
    if (!ok) {
      throw new ApiProblem(403, "Forbidden", "a form post must come from this site's own pages (Origin or Referer "
          + "naming " + ApiIds.printable(site) + ")");
    }
  }
}
