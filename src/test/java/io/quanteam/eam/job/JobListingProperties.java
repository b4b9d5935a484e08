package io.quanteam.eam.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.quanteam.eam.json.Json;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** The API's job listing: walking its pages gives every selected row once, newest first, whatever moves between. */
class JobListingProperties {
  private static JobRow row(int id, int second, boolean waiting) {
    return JobRow.of(Json.object().put("job_id", String.format("%012x", id))
        .put("last_event_at", String.format("2026-12-05T10:%02d:%02d+00:00", second / 60, second % 60))
        .put("phase", waiting ? "WAITING" : "TERMINAL_DONE").put("kind", id % 2 == 0 ? "blueprint" : "idea"));
  }

  @Property(tries = 300)
  void pagesGiveEverySelectedRowOnceNewestFirst(@ForAll @Size(max = 60) List<@IntRange(max = 3599) Integer> seconds,
      @ForAll @IntRange(min = 1, max = 7) int limit, @ForAll boolean onlyWaiting, @ForAll boolean onlyIdeas) {
    JobListing listing = JobListing.ofRows();
    List<JobRow> rows = new ArrayList<>();
    for (int i = 0; i < seconds.size(); i++) {
      JobRow r = row(i, seconds.get(i), i % 3 == 0);
      rows.add(r);
      listing.put(r);
    }
    Predicate<JobRow> kind = onlyIdeas ? r -> r.kind().equals("idea") : r -> true;
    Predicate<JobRow> filter = onlyWaiting ? kind.and(r -> r.phase().equals("WAITING")) : kind;
    List<String> walked = new ArrayList<>();
    String cursor = null;
    do {
      JobListing.Page page = listing.page(onlyWaiting ? "WAITING" : null, kind, limit, cursor);
      assertThat(page.rows().size()).isLessThanOrEqualTo(limit);
      page.rows().forEach(r -> walked.add(r.jobId()));
      cursor = page.nextCursor();
      assertThat(cursor == null || JobListing.isCursor(cursor)).isTrue();
    } while (cursor != null);
    List<String> expected = rows.stream().filter(filter)
        .sorted(Comparator.comparing(JobRow::updatedAt).reversed().thenComparing(JobRow::jobId))
        .map(JobRow::jobId).toList();
    assertThat(walked).containsExactlyElementsOf(expected);
  }

  @Property(tries = 100)
  void aRefreshedJobMovesAndIsListedOnce(@ForAll @Size(min = 1, max = 30) List<@IntRange(max = 3000) Integer> seconds,
      @ForAll @IntRange(max = 29) int moved) {
    JobListing listing = JobListing.ofRows();
    for (int i = 0; i < seconds.size(); i++) {
      listing.put(row(i, seconds.get(i), false));
    }
    int id = moved % seconds.size();
    listing.put(row(id, 3500, true)); // its log changed: newest now, and waiting
    JobListing.Page all = listing.page(null, r -> true, 500, null);
    assertThat(all.rows()).hasSize(seconds.size());
    assertThat(all.rows().get(0).jobId()).isEqualTo(String.format("%012x", id));
    assertThat(all.rows().get(0).phase()).isEqualTo("WAITING");
    assertThat(listing.page("WAITING", r -> true, 500, null).rows()).extracting(JobRow::jobId)
        .containsExactly(String.format("%012x", id));
    assertThat(listing.page("TERMINAL_DONE", r -> true, 500, null).rows()).hasSize(seconds.size() - 1);
    assertThat(listing.size()).isEqualTo(seconds.size());
  }

  @Property(tries = 200)
  void eachJobKeepsItsNewestRowWhateverOrderTheRowsArriveIn(
      @ForAll @Size(min = 1, max = 40) List<@IntRange(max = 5) Integer> jobs,
      @ForAll @Size(min = 40, max = 40) List<@IntRange(max = 3599) Integer> seconds) {
    JobListing listing = JobListing.ofRows();
    java.util.Map<Integer, Integer> newest = new java.util.HashMap<>();
    for (int i = 0; i < jobs.size(); i++) {
      listing.put(row(jobs.get(i), seconds.get(i), false));
      newest.merge(jobs.get(i), seconds.get(i), Math::max);
    }
    List<JobRow> all = listing.page(null, r -> true, 500, null).rows();
    assertThat(all).hasSize(newest.size());
    for (JobRow r : all) {
      assertThat(r.updatedAt()).isEqualTo(row(Integer.parseInt(r.jobId(), 16), newest.get(Integer.parseInt(r.jobId(), 16)), false).updatedAt());
    }
  }
}
