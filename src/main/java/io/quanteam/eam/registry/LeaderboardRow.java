package io.quanteam.eam.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quanteam.eam.json.Json;

/** One leaderboard line: rank (from 1), the card, and its value of the ranking metric (null when it has none). */
public record LeaderboardRow(int rank, String cardId, String runId, String title, CardStatus status, String metric,
    Double value) {

  public ObjectNode toJson() {
    ObjectNode n = Json.object().put("rank", rank).put("card_id", cardId).put("run_id", runId).put("title", title)
        .put("status", status.wire()).put("metric", metric);
    if (value == null) {
      n.putNull("value");
    } else {
      n.put("value", value.doubleValue());
    }
    return n;
  }
}
