package io.quanteam.eam.data;

import java.time.LocalDate;
import java.util.List;

/** A catalogue line for one snapshot, read from its manifest. */
public record SnapshotInfo(String snapshotId, List<String> symbols, int rowCount, LocalDate dtMin, LocalDate dtMax,
    String timezone, String createdAt) {

  public SnapshotInfo {
    symbols = List.copyOf(symbols);
  }
}
