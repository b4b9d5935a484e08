package io.quanteam.eam.job;

import java.util.List;
import java.util.Optional;

/**
 * What a submission may know of the data lake: the symbols of a snapshot, or empty when there is no such snapshot.
 * With it the job store refuses a blueprint job that could only end in ERROR (an unknown snapshot or symbol) before
 * creating it; {@link #UNCHECKED} leaves that to the compile stage.
 */
@FunctionalInterface
public interface SnapshotCatalog {
  SnapshotCatalog UNCHECKED = id -> null;

  /** The snapshot's symbols; empty when the lake has no such snapshot; null when this catalog checks nothing. */
  Optional<List<String>> symbols(String snapshotId);
}
