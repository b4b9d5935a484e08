package io.quanteam.eam.registry;

import io.quanteam.eam.json.Sha256;
import java.nio.charset.StandardCharsets;

/**
 * The lineage a run belongs to when no job gives one: runs of the same blueprint id (parameter variants, reruns
 * on other snapshots) share a lineage, so the deflated Sharpe ratio counts them as trials of one search.
 */
public final class LineageRoots {
  private LineageRoots() {}

  /** {@code sha256("blueprint:" + blueprintId)[:12]} — shaped like a job id, as the trial contract requires. */
  public static String forBlueprint(String blueprintId) {
    return Sha256.hex(("blueprint:" + blueprintId).getBytes(StandardCharsets.UTF_8)).substring(0, 12);
  }
}
