package io.quanteam.eam.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quanteam.eam.data.SnapshotInfo;
import io.quanteam.eam.data.SnapshotStore;
import io.quanteam.eam.json.Json;

/** {@code GET /snapshots} and {@code GET /snapshots/{id}}: the data catalogue. */
public final class SnapshotsApi {
  private final SnapshotStore snapshots;

  public SnapshotsApi(SnapshotStore snapshots) {
    this.snapshots = snapshots;
  }

  public ApiReply list() {
    ObjectNode body = Json.object();
    ArrayNode list = body.putArray("snapshots");
    for (SnapshotInfo info : snapshots.list()) {
      list.add(row(info));
    }
    return ApiReply.ok(body);
  }

  /** The manifest and the quality report of one snapshot; 404 when the lake has none by that id. */
  public ApiReply get(String snapshotId) {
    ApiIds.snapshotId("snapshot_id", snapshotId);
    if (!snapshots.exists(snapshotId)) {
      throw ApiProblem.notFound("no snapshot " + snapshotId + " in the lake (GET /snapshots lists them)");
    }
    ObjectNode body = Json.object();
    body.put("snapshot_id", snapshotId);
    body.set("manifest", snapshots.manifest(snapshotId));
    body.set("quality_report", snapshots.qualityReport(snapshotId));
    return ApiReply.ok(body);
  }

  static ObjectNode row(SnapshotInfo info) {
    ObjectNode row = Json.object();
    row.put("snapshot_id", info.snapshotId());
    ArrayNode symbols = row.putArray("symbols");
    info.symbols().forEach(symbols::add);
    row.put("row_count", info.rowCount());
    row.put("dt_min", String.valueOf(info.dtMin()));
    row.put("dt_max", String.valueOf(info.dtMax()));
    row.put("timezone", info.timezone());
    row.put("created_at", info.createdAt());
    return row;
  }
}
