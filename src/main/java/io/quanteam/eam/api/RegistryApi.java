package io.quanteam.eam.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quanteam.eam.json.Json;
import io.quanteam.eam.registry.CardView;
import io.quanteam.eam.registry.Registry;

/**
 * {@code GET /registry/cards}, {@code GET /registry/cards/{card_id}} and
 * {@code POST /registry/cards/{card_id}/promote?to=S}: the experience cards and their one-step promotion (a write:
 * asked for credentials in basic mode; the user is the promotion's actor).
 */
public final class RegistryApi {
  private final Registry registry;
  private final Promotions promotions;
  private final WriteAuth auth;

  public RegistryApi(Registry registry, WriteAuth auth) {
    this.registry = registry;
    this.promotions = new Promotions(registry);
    this.auth = auth;
  }

  public ApiReply cards() {
    ObjectNode body = Json.object();
    ArrayNode list = body.putArray("cards");
    for (CardView card : registry.cards()) {
      list.add(card.toJson());
    }
    return ApiReply.ok(body);
  }

  public ApiReply card(String cardId) {
    return ApiReply.ok(promotions.existing(cardId).toJson());
  }

  /** 200 with the card; 409 when the card cannot move to {@code to} from where it is. */
  public ApiReply promote(String cardId, String to, String reason, String authorization) {
    String actor = auth.actor(authorization, "api");
    return ApiReply.ok(promotions.promote(cardId, to, reason, actor).toJson());
  }
}
