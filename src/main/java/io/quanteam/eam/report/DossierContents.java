package io.quanteam.eam.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/**
 * What a report is made from, read once from a dossier folder.
 *
 * @param config the {@code config_snapshot.json} document
 * @param metrics the top-level {@code metrics.json} (segment {@code test_overall})
 * @param gateResults {@code gate_results.json} when the gates have run
 * @param dataManifest {@code data_manifest.json} (the snapshot data the run read) when present and readable
 * @param integrityProblems differences between the files and {@code dossier_manifest.json}
 */
record DossierContents(String runId, JsonNode config, JsonNode metrics, List<CurvePoint> curve,
    List<TradeRow> trades, List<SegmentInfo> segments, Optional<JsonNode> gateResults,
    Optional<JsonNode> dataManifest, List<String> integrityProblems) {}
