package io.quanteam.eam.job;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Predicate;

/**
 * Every job's list row in memory, newest first (the time of its last event, then its id), for {@code GET /jobs}
 * and the UI: built once at start (through the summary index, so a restart reads only changed logs), then kept
 * current one job at a time ({@link #refresh}) by whoever sees a log change — never a rescan per request. A page is
 * a walk from the cursor through a sorted map — one per phase as well, so "what waits for a person" among 100,000
 * finished jobs is not a scan of them all. The cursor is the last row's sort key, so pages stay stable while jobs
 * are added (a job that moves to the top after the first page is not shown twice on later ones).
 */
public final class JobListing {
  /** Sort key: newest first, then job id; {@code updatedAt} is ISO-8601 UTC text, so text order is time order. */
  record Key(String updatedAt, String jobId) {}

  private static final Comparator<Key> NEWEST_FIRST = Comparator.comparing(Key::updatedAt).reversed()
      .thenComparing(Key::jobId);

  private final JobStore store;
  private final ConcurrentSkipListMap<Key, JobRow> rows = new ConcurrentSkipListMap<>(NEWEST_FIRST);
  private final Map<String, ConcurrentSkipListMap<Key, JobRow>> byPhase = new ConcurrentHashMap<>();
  /** Each job's current row, by job id: where its keys in the sorted maps are found. */
  private final Map<String, JobRow> current = new ConcurrentHashMap<>();
  /** Loaded: what every read waits for while the listing loads in the background. */
  private final java.util.concurrent.CompletableFuture<Void> loaded = new java.util.concurrent.CompletableFuture<>();
  /** The summary index the load read and left current, kept for the one {@link #catchUp} that follows. */
  private volatile JobSummaryIndex loadedIndex;

  /** A listing of the store's jobs, empty until {@link #load} or {@link #loadInBackground}. */
  public JobListing(JobStore store) {
    this.store = store;
  }

  /** A loaded, empty listing that only {@link #put} fills. */
  static JobListing ofRows() {
    JobListing listing = new JobListing(null);
    listing.loaded.complete(null);
    return listing;
  }

  /** Loads every job's row (the summary index answers unchanged jobs). */
  public JobListing load() {
    try {
      JobSummaryIndex index = JobSummaryIndex.load(store.root());
      JobViews.eachRow(store, index, this::put);
      loadedIndex = index;
      loaded.complete(null);
    } catch (RuntimeException | Error e) {
      loaded.completeExceptionally(e);
      throw e;
    }
    return this;
  }

  /**
   * Loads every job's row on a thread of its own and returns at once: a daemon loads its listing while the rest of it
   * starts (10,000 rows take about half a second); every read waits until the load is done.
   */
  public JobListing loadInBackground() {
    Thread t = new Thread(() -> {
      try {
        load();
      } catch (RuntimeException | Error e) {
        // kept in `loaded`: every read reports it
      }
    }, "eam-job-listing");
    t.setDaemon(true);
    t.start();
    return this;
  }

  /**
   * Lists what changed after the load and before a watcher of the logs started (another process's append, a new
   * job): a job whose log still has the stamp its row was read at is left as it is (one stat, no row read again).
   * Returns the summary index, current (and saved): the daemon's dispatcher learns the idle jobs from it.
   */
  public JobSummaryIndex catchUp() {
    awaitLoaded();
    JobSummaryIndex index = loadedIndex;
    loadedIndex = null; // 36 MB of rows at 100,000 jobs: not held past the start
    if (index == null) {
      index = JobSummaryIndex.load(store.root());
    }
    for (String jobId : current.keySet()) {
      JobSummaryIndex.LogStamp stamp = JobSummaryIndex.LogStamp.of(store.root().resolve(jobId));
      // no stamp: the job is gone, or its log cannot be seen (its row says so already)
      if (stamp != null && index.known(jobId, stamp) == null) {
        put(JobViews.listRow(store, index, jobId));
      }
    }
    for (String jobId : store.jobIds(current::containsKey)) {
      put(JobViews.listRow(store, index, jobId));
    }
    index.save();
    return index;
  }

  /** Re-reads one job's row (after its log changed, or it was created). */
  public void refresh(String jobId) {
    awaitLoaded();
    put(JobRow.of(JobViews.summary(store, jobId)));
  }

  private void awaitLoaded() {
    try {
      loaded.join();
    } catch (java.util.concurrent.CompletionException e) {
      throw new IllegalStateException("the job listing could not be loaded: " + e.getCause().getMessage(),
          e.getCause());
    }
  }

  /**
   * Keeps the row unless the job's current row is newer (its last event later): two readers of one log (two
   * watcher threads, a catch-up pass) can finish in either order. A row without a time (unreadable) always replaces.
   */
  synchronized void put(JobRow row) {
    Key key = new Key(row.updatedAt(), row.jobId());
    JobRow old = current.get(row.jobId());
    if (old != null && !row.updatedAt().isEmpty() && old.updatedAt().compareTo(row.updatedAt()) > 0) {
      return;
    }
    current.put(row.jobId(), row);
    if (old != null) {
      Key oldKey = new Key(old.updatedAt(), old.jobId());
      rows.remove(oldKey);
      byPhase.get(String.valueOf(old.phase())).remove(oldKey);
    }
    rows.put(key, row);
    byPhase.computeIfAbsent(String.valueOf(row.phase()), p -> new ConcurrentSkipListMap<>(NEWEST_FIRST))
        .put(key, row);
  }

  public int size() {
    awaitLoaded();
    return rows.size();
  }

  /** How many jobs are in {@code phase} ({@link Phase} name) now. */
  public int count(String phase) {
    awaitLoaded();
    ConcurrentSkipListMap<Key, JobRow> in = byPhase.get(phase);
    return in == null ? 0 : in.size();
  }

  /**
   * A page: at most {@code limit} rows after {@code cursor} (null: from the newest) in {@code phase} (null: any)
   * that {@code filter} selects.
   */
  public Page page(String phase, Predicate<JobRow> filter, int limit, String cursor) {
    awaitLoaded();
    NavigableMap<Key, JobRow> all = phase == null ? rows : byPhase.getOrDefault(phase, new ConcurrentSkipListMap<>());
    NavigableMap<Key, JobRow> from = cursor == null ? all : all.tailMap(decode(cursor), false);
    List<JobRow> out = new ArrayList<>(Math.min(limit, 256));
    Key last = null;
    for (Map.Entry<Key, JobRow> e : from.entrySet()) {
      if (!filter.test(e.getValue())) {
        continue;
      }
      if (out.size() == limit) {
        return new Page(out, encode(last));
      }
      out.add(e.getValue());
      last = e.getKey();
    }
    return new Page(out, null);
  }

  /** One page of rows and the cursor of the next (null on the last page). */
  public record Page(List<JobRow> rows, String nextCursor) {}

  static String encode(Key key) {
    return Base64.getUrlEncoder().withoutPadding()
        .encodeToString((key.updatedAt() + "|" + key.jobId()).getBytes(StandardCharsets.UTF_8));
  }

  /** The key a cursor names; IllegalArgumentException when it is not one this listing made. */
  static Key decode(String cursor) {
    String text;
    try {
      text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not a cursor of this listing", e);
    }
    int bar = text.lastIndexOf('|');
    if (bar < 0 || !io.quanteam.eam.json.ShortIds.isShortId(text.substring(bar + 1))) {
      throw new IllegalArgumentException("not a cursor of this listing");
    }
    return new Key(text.substring(0, bar), text.substring(bar + 1));
  }

  /** Whether {@code cursor} is one this listing could have made. */
  public static boolean isCursor(String cursor) {
    try {
      decode(cursor);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
