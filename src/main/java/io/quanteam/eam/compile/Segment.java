package io.quanteam.eam.compile;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quanteam.eam.data.AsOf;
import io.quanteam.eam.json.Json;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;

/**
 * One evaluation segment of a runspec: {@code train_000}, {@code test_003}, {@code holdout_000}, or the
 * synthetic {@code test_overall} (the blueprint's whole test range after purge).
 *
 * @param asOf the instant up to which data may be used (ISO offset date-time)
 */
public record Segment(String segmentId, Kind kind, LocalDate start, LocalDate end, String asOf,
    int purgeDays, int embargoDays) {

  public enum Kind {
    TRAIN, TEST, HOLDOUT;

    public String wire() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public boolean holdout() {
    return kind == Kind.HOLDOUT;
  }

  /**
   * The default as-of of a segment: its end date at 23:59:59 in the snapshot timezone, written like the data
   * lake's date-times (UTC as {@code +00:00}, as the reference's Python {@code isoformat()} did, not {@code Z}).
   */
  public static String endOfDay(LocalDate end, ZoneId zone) {
    return AsOf.format(AsOf.endOfDay(end, zone), zone);
  }

  public long asOfEpochSecond() {
    return OffsetDateTime.parse(asOf).toEpochSecond();
  }

  public ObjectNode toJson() {
    ObjectNode n = Json.object();
    n.put("segment_id", segmentId);
    n.put("kind", kind.wire());
    n.put("start", start.toString());
    n.put("end", end.toString());
    n.put("as_of", asOf);
    n.put("holdout", holdout());
    n.put("purge_days", purgeDays);
    n.put("embargo_days", embargoDays);
    return n;
  }

  public static Segment fromJson(com.fasterxml.jackson.databind.JsonNode n) {
    return new Segment(n.path("segment_id").asText(), Kind.valueOf(n.path("kind").asText().toUpperCase(java.util.Locale.ROOT)),
        LocalDate.parse(n.path("start").asText()), LocalDate.parse(n.path("end").asText()), n.path("as_of").asText(),
        n.path("purge_days").asInt(0), n.path("embargo_days").asInt(0));
  }
}
