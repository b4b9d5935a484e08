package io.quanteam.eam.data;

import java.nio.file.Path;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A CSV file to import as a new snapshot.
 *
 * @param symbol                the symbol of a file without a symbol column, else null
 * @param timezone              the exchange timezone of the dates (default UTC)
 * @param closeTime             the session close; available_at defaults to it (default 16:00)
 * @param defaultLatencySeconds the as-of policy's default_latency_seconds, added to the close (default 0)
 * @param asofPolicyId          the as-of policy the latency comes from, recorded in the manifest
 * @param adjustedClose         what to do with an adjusted close column (default: refuse the file)
 */
public record ImportRequest(String snapshotId, Path csv, String symbol, ZoneId timezone, LocalTime closeTime,
    long defaultLatencySeconds, String asofPolicyId, AdjustedClose adjustedClose) {
  public static final String DEFAULT_ASOF_POLICY_ID = "asof_latency_policy_v1_default";
  public static final LocalTime DEFAULT_CLOSE = LocalTime.of(16, 0);

  public ImportRequest {
    timezone = timezone == null ? ZoneOffset.UTC : timezone;
    closeTime = closeTime == null ? DEFAULT_CLOSE : closeTime;
    asofPolicyId = asofPolicyId == null ? DEFAULT_ASOF_POLICY_ID : asofPolicyId;
    adjustedClose = adjustedClose == null ? AdjustedClose.REFUSE : adjustedClose;
  }

  /** A request for a file without an adjusted close column (one with it is refused). */
  public ImportRequest(String snapshotId, Path csv, String symbol, ZoneId timezone, LocalTime closeTime,
      long defaultLatencySeconds, String asofPolicyId) {
    this(snapshotId, csv, symbol, timezone, closeTime, defaultLatencySeconds, asofPolicyId, null);
  }

  /** A file with a symbol column, UTC dates, close 16:00, the default as-of policy. */
  public static ImportRequest of(String snapshotId, Path csv) {
    return new ImportRequest(snapshotId, csv, null, null, null, 0, null, null);
  }
}
