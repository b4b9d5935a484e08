package io.quanteam.eam.api;

import io.quanteam.eam.registry.CardView;
import io.quanteam.eam.registry.Registry;

/**
 * A card's promotion, the same from the API and the UI's form: the card id passes its allowlist, an unknown card is
 * 404, a missing target status 400 (named {@code to}), and the registry decides the rest (409 out of order).
 */
public final class Promotions {
  private final Registry registry;

  public Promotions(Registry registry) {
    this.registry = registry;
  }

  /** The card; 400 for a malformed id, 404 when the registry has none by it. */
  public CardView existing(String cardId) {
    ApiIds.cardId(cardId);
    return registry.card(cardId).orElseThrow(() -> ApiProblem.notFound("no card " + cardId + " in the registry"));
  }

  public CardView promote(String cardId, String to, String reason, String actor) {
    existing(cardId);
    if (to == null || to.isBlank()) {
      throw ApiProblem.badParameter("to", "required", "required: the status to promote to (challenger, champion, "
          + "retired)", null);
    }
    return registry.promote(cardId, to, actor, reason);
  }
}
