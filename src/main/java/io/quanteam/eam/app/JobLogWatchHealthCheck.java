package io.quanteam.eam.app;

import java.util.Map;
import java.util.function.BooleanSupplier;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Readiness: the job root is watched, so an approval made by another process (the CLI) moves its job at once. The
 * daemon answers HTTP before it watches (EamDaemon), and a removed root ends the watch.
 */
final class JobLogWatchHealthCheck extends AbstractHealthCheck {
  private final BooleanSupplier watching;

  JobLogWatchHealthCheck(BooleanSupplier watching) {
    super("eam", "job-logs-watched");
    this.watching = watching;
  }

  @Override
  protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
    if (watching.getAsBoolean()) {
      builder.up();
    } else {
      builder.message("the job logs are not watched (yet)").down();
    }
  }
}
