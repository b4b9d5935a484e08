package io.quanteam.eam.api;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.quanteam.eam.job.JobListing;
import io.quanteam.eam.job.Phase;
import java.util.function.LongSupplier;

/**
 * {@code GET /metrics}: the daemon's Prometheus text — jobs by phase ({@code eam_jobs}), approvals waiting
 * ({@code eam_waiting_approvals}), inbox entries refused ({@code eam_inbox_refused_total}), and Camel's own route
 * timers ({@code camel_route_policy_seconds}, one per route: the stage routes' durations), all on one registry.
 */
public final class MetricsApi {
  public static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

  private final PrometheusMeterRegistry registry;

  public MetricsApi(PrometheusMeterRegistry registry, JobListing listing, LongSupplier inboxRefused) {
    this.registry = registry;
    for (Phase phase : Phase.values()) {
      Gauge.builder("eam_jobs", listing, l -> l.count(phase.name())).tag("phase", phase.name())
          .description("jobs in this phase").register(registry);
    }
    Gauge.builder("eam_waiting_approvals", listing, l -> l.count(Phase.WAITING.name()))
        .description("jobs waiting for a person's approval").register(registry);
    FunctionCounter.builder("eam_inbox_refused", inboxRefused, LongSupplier::getAsLong)
        .description("inbox entries answered with an error since the daemon started").register(registry);
  }

  public ApiReply scrape() {
    return new ApiReply(200, PROMETHEUS_TEXT, registry.scrape());
  }
}
