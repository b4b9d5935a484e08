package io.quanteam.eam.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Refuses to start on folders the daemon or the worker cannot use, with a message that names the folder, what
 * went wrong and the setting to change — before Camel starts, so nothing half-runs and logs in a loop.
 */
public final class StartupChecks {
  private StartupChecks() {}

  /** The folders every job executor writes: the job root, the data root, the artifact and registry roots. */
  public static void requireExecutorFolders(EamConfig config) {
    requireWritable("job root", "EAM_JOB_ROOT", config.jobRoot());
    requireWritable("data root", "EAM_DATA_ROOT", config.dataRoot());
    requireWritable("artifact root", "EAM_ARTIFACT_ROOT", config.artifactRoot());
    requireWritable("registry root", "EAM_REGISTRY_ROOT", config.registryRoot());
    if (!Files.isDirectory(config.policiesRoot())) {
      throw new IllegalStateException("the policies root " + config.policiesRoot() + " is not a folder; set "
          + "EAM_POLICIES_ROOT to the policies/ folder shipped with the application");
    }
  }

  /**
   * Everything the daemon uses: the executor folders, the inbox, and an HTTP set-up it can serve (basic write
   * authentication with both credentials, a port nothing else listens on).
   */
  public static void requireDaemonFolders(EamConfig config) {
    requireExecutorFolders(config);
    requireWritable("inbox", "EAM_INBOX_DIR", config.inboxDir());
    config.http().requireUsable();
    requireFreePort(config.http());
  }

  /**
   * Says which address is taken before Camel tries it (the server's own failure is a stack trace in its log):
   * typically a second daemon, which needs its own EAM_HTTP_PORT.
   */
  static void requireFreePort(io.quanteam.eam.api.HttpSettings http) {
    try (java.net.ServerSocket probe = new java.net.ServerSocket()) {
      probe.setReuseAddress(true);
      probe.bind(new java.net.InetSocketAddress(http.host(), http.port()));
    } catch (java.io.IOException e) {
      throw new IllegalStateException("cannot listen on " + http.host() + ":" + http.port() + " (" + e.getMessage()
          + "); another process (a second daemon?) has it: set EAM_HTTP_PORT (and EAM_HTTP_HOST) for this one");
    }
  }

  /** Creates the folder when missing and proves it writable with a probe file. */
  static void requireWritable(String what, String variable, Path dir) {
    try {
      Files.createDirectories(dir);
      Path probe = Files.createTempFile(dir, ".eam-probe-", ".tmp");
      Files.delete(probe);
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName()
          + ": " + e.getMessage();
      throw new IllegalStateException("the " + what + " " + dir + " cannot be used (" + reason + "); set "
          + variable + " (or eam." + variable.substring(4).toLowerCase(java.util.Locale.ROOT).replace('_', '.')
          + ") to a writable folder");
    }
  }
}
