package io.quanteam.eam.data;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quanteam.eam.json.Json;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;

/** Builds {@code manifest.json} ({@code data_snapshot_manifest_v1}) and {@code quality_report.json} ({@code quality_report_v1}). */
final class SnapshotDocuments {
  static final String DATASET_ID = "ohlcv_1d";
  static final String CSV_FILE = "ohlcv_1d.csv";
  static final String MANIFEST_FILE = "manifest.json";
  static final String QUALITY_FILE = "quality_report.json";
  static final String ASOF_RULE = "available_at<=as_of";

  /**
   * How a snapshot was made, beyond its bars.
   *
   * @param availableAtStrategy {@code policy_default_latency} (close time + latency) or
   *                            {@code column_else_policy_default_latency} (from the file where given)
   */
  record Provenance(String snapshotId, ZoneId zone, LocalTime closeTime, String source, String asofPolicyId,
      long latencySeconds, String availableAtStrategy, int rowsBeforeDedupe, int duplicateCount) {}

  private SnapshotDocuments() {}

  static ObjectNode manifest(Provenance p, DatasetStats stats, String csvSha256, String createdAt) {
    ObjectNode dataset = Json.object();
    dataset.put("dataset_id", DATASET_ID);
    dataset.put("file", CSV_FILE);
    dataset.put("row_count", stats.rowCount());
    ArrayNode fields = dataset.putArray("fields");
    CsvBarParser.LAKE_FIELDS.forEach(fields::add);
    ArrayNode symbols = dataset.putArray("symbols");
    stats.symbols().forEach(symbols::add);
    putRanges(dataset, p, stats);
    dataset.put("sha256", csvSha256);
    ObjectNode ext = dataset.putObject("extensions");
    ext.put("asof_latency_policy_id", p.asofPolicyId());
    ext.put("asof_rule", ASOF_RULE);
    ext.put("available_at_strategy", p.availableAtStrategy());
    ext.put("default_latency_seconds", p.latencySeconds());
    ext.put("duplicate_count", p.duplicateCount());
    ext.put("quality_report_ref", QUALITY_FILE);

    ObjectNode manifest = Json.object();
    manifest.put("schema_version", "data_snapshot_manifest_v1");
    manifest.put("snapshot_id", p.snapshotId());
    manifest.put("created_at", createdAt);
    manifest.put("timezone", p.zone().getId());
    manifest.put("close_time", closeTime(p.closeTime()));
    manifest.putArray("datasets").add(dataset);
    return manifest;
  }

  static ObjectNode qualityReport(Provenance p, DatasetStats stats, String createdAt) {
    ObjectNode q = Json.object();
    q.put("schema_version", "quality_report_v1");
    q.put("snapshot_id", p.snapshotId());
    q.put("dataset_id", DATASET_ID);
    q.put("created_at", createdAt);
    putRanges(q, p, stats);
    q.put("rows_before_dedupe", p.rowsBeforeDedupe());
    q.put("rows_after_dedupe", stats.rowCount());
    q.put("duplicate_count", p.duplicateCount());
    q.put("ohlc_inconsistency_count", stats.ohlcInconsistencyCount());
    ObjectNode max = q.putObject("max_by_col");
    ObjectNode min = q.putObject("min_by_col");
    ObjectNode nulls = q.putObject("null_count_by_col");
    for (String column : CsvBarParser.LAKE_FIELDS) {
      int c = DatasetStats.VALUE_COLUMNS.indexOf(column);
      nulls.put(column, c >= 0 ? stats.nullByColumn()[c] : 0);
      if (c >= 0) {
        putNumber(max, column, stats.maxByColumn()[c]);
        putNumber(min, column, stats.minByColumn()[c]);
      }
    }
    return q;
  }

  /** dt ranges are the dates at the close time, as the reference writes them. */
  private static void putRanges(ObjectNode node, Provenance p, DatasetStats stats) {
    node.put("dt_min", AsOf.format(LocalDate.ofEpochDay(stats.dtMin()), p.closeTime(), p.zone()));
    node.put("dt_max", AsOf.format(LocalDate.ofEpochDay(stats.dtMax()), p.closeTime(), p.zone()));
    node.put("available_at_min", AsOf.format(stats.availableAtMin(), p.zone()));
    node.put("available_at_max", AsOf.format(stats.availableAtMax(), p.zone()));
  }

  private static void putNumber(ObjectNode node, String key, double v) {
    if (Double.isNaN(v)) {
      node.putNull(key);
    } else {
      node.put(key, v);
    }
  }

  static String closeTime(LocalTime t) {
    StringBuilder sb = new StringBuilder(8);
    AsOf.two(sb, t.getHour());
    sb.append(':');
    AsOf.two(sb, t.getMinute());
    if (t.getSecond() != 0) {
      sb.append(':');
      AsOf.two(sb, t.getSecond());
    }
    return sb.toString();
  }
}
