package io.quanteam.eam.data;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A loaded, immutable data snapshot: its manifest and the bars of every symbol.
 *
 * @param dir      {@code ${EAM_DATA_ROOT}/lake/<snapshot_id>}
 * @param zone     the exchange timezone the dates are in (as-of instants are computed in it)
 * @param bars     symbol → bars, symbols in sorted order
 * @param csvSha256 sha256 of {@code ohlcv_1d.csv} as recorded in the manifest
 */
public record Snapshot(String snapshotId, Path dir, ZoneId zone, LocalTime closeTime, JsonNode manifest,
    Map<String, SymbolBars> bars, String csvSha256) {

  public List<String> symbols() {
    return List.copyOf(bars.keySet());
  }

  /** Every symbol's rows with {@code available_at <= asOfEpochSecond} (the as-of rule), symbols in order. */
  public Map<String, SymbolBars> visibleAsOf(long asOfEpochSecond) {
    Map<String, SymbolBars> visible = new LinkedHashMap<>();
    bars.forEach((symbol, b) -> visible.put(symbol, b.visibleAsOf(asOfEpochSecond)));
    return Collections.unmodifiableMap(visible);
  }

  /** The default as_of of a segment ending on {@code date}: 23:59:59 in the snapshot timezone. */
  public long endOfDay(LocalDate date) {
    return AsOf.endOfDay(date, zone);
  }
}
