package io.quanteam.eam.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/** Readiness: the job root is a folder this process can write (submissions and approvals append there). */
final class JobRootHealthCheck extends AbstractHealthCheck {
  private final Path jobRoot;

  JobRootHealthCheck(Path jobRoot) {
    super("eam", "job-root-writable");
    this.jobRoot = jobRoot;
  }

  @Override
  protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
    if (Files.isDirectory(jobRoot) && Files.isWritable(jobRoot)) {
      builder.up();
    } else {
      builder.message("the job root is not a writable folder").down();
    }
  }
}
