package io.quanteam.eam.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quanteam.eam.json.Json;
import java.util.List;

/** One line of a card's {@code events.jsonl} ({@code card_event_v1}). */
public sealed interface CardEvent {
  String cardId();

  String recordedAt();

  /** The card's status once this event has happened. */
  CardStatus statusAfter();

  ObjectNode toJson();

  /** The card came to be, as a draft, for the run it names. */
  record Created(String cardId, String runId, String recordedAt) implements CardEvent {
    @Override
    public CardStatus statusAfter() {
      return CardStatus.DRAFT;
    }

    @Override
    public ObjectNode toJson() {
      return header(this, "CREATED").put("run_id", runId).put("recorded_at", recordedAt);
    }
  }

  /** One promotion step; {@code reason} may be null. */
  record Promoted(String cardId, CardStatus from, CardStatus to, String actor, String reason, String recordedAt)
      implements CardEvent {
    @Override
    public CardStatus statusAfter() {
      return to;
    }

    @Override
    public ObjectNode toJson() {
      ObjectNode n = header(this, "PROMOTED").put("from", from.wire()).put("to", to.wire()).put("actor", actor);
      if (reason != null) {
        n.put("reason", reason);
      }
      return n.put("recorded_at", recordedAt);
    }
  }

  static CardEvent fromJson(JsonNode n, String source) {
    String cardId = n.path("card_id").asText();
    String at = n.path("recorded_at").asText();
    return switch (n.path("event_type").asText()) {
      case "CREATED" -> new Created(cardId, n.path("run_id").asText(), at);
      case "PROMOTED" -> new Promoted(cardId, CardStatus.parse(n.path("from").asText(), source),
          CardStatus.parse(n.path("to").asText(), source), n.path("actor").asText(),
          n.hasNonNull("reason") ? n.get("reason").asText() : null, at);
      default -> throw new IllegalStateException(source + ": unknown card event " + n.path("event_type"));
    };
  }

  /** The status after {@code events}: CREATED makes a draft, each PROMOTED moves it to its {@code to}. */
  static CardStatus fold(List<CardEvent> events) {
    CardStatus status = null;
    for (CardEvent e : events) {
      status = e.statusAfter();
    }
    return status;
  }

  private static ObjectNode header(CardEvent e, String type) {
    return Json.object().put("schema_version", "card_event_v1").put("card_id", e.cardId()).put("event_type", type);
  }
}
