package io.quanteam.eam.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quanteam.eam.json.Json;
import java.util.List;

/**
 * A card as it stands: its immutable {@code card_v1.json}, the status folded from its events, and the events.
 */
public record CardView(JsonNode card, CardStatus status, List<CardEvent> events) {
  public CardView {
    events = List.copyOf(events);
  }

  public String cardId() {
    return card.path("card_id").asText();
  }

  public String runId() {
    return card.path("run_id").asText();
  }

  public String title() {
    return card.path("title").asText();
  }

  /** The card's value of a headline metric, or null when it is absent or null. */
  public Double metric(String name) {
    JsonNode v = card.path("metrics").get(name);
    return v != null && v.isNumber() ? v.doubleValue() : null;
  }

  /** {card, status, events} for --json output and the API. */
  public ObjectNode toJson() {
    ObjectNode n = Json.object();
    n.set("card", card);
    n.put("status", status.wire());
    ArrayNode list = n.putArray("events");
    events.forEach(e -> list.add(e.toJson()));
    return n;
  }
}
