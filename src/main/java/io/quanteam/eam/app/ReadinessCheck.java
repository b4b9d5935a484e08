package io.quanteam.eam.app;

import java.util.Map;
import java.util.function.BooleanSupplier;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * One of the daemon's own readiness conditions beside Camel's route checks ({@code GET /health}): up while
 * {@code ready} holds, else down with {@code whyNot}.
 */
final class ReadinessCheck extends AbstractHealthCheck {
  private final BooleanSupplier ready;
  private final String whyNot;

  ReadinessCheck(String id, BooleanSupplier ready, String whyNot) {
    super("eam", id);
    this.ready = ready;
    this.whyNot = whyNot;
  }

  @Override
  protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
    if (ready.getAsBoolean()) {
      builder.up();
    } else {
      builder.message(whyNot).down();
    }
  }
}
