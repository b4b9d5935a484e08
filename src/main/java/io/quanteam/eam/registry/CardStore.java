package io.quanteam.eam.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quanteam.eam.contract.Contracts;
import io.quanteam.eam.contract.InvalidInputException;
import io.quanteam.eam.contract.Violation;
import io.quanteam.eam.json.AtomicFiles;
import io.quanteam.eam.json.CanonicalJson;
import io.quanteam.eam.json.Json;
import io.quanteam.eam.json.JsonInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * {@code cards/<card_id>/}: {@code card_v1.json} (immutable) and {@code events.jsonl} (CREATED, PROMOTED…).
 * A card folder appears by one rename of a complete temporary folder, so a card is never seen without its
 * CREATED event. Writing methods must be called under the registry lock.
 */
final class CardStore {
  static final String CARD_FILE = "card_v1.json";
  static final String EVENTS_FILE = "events.jsonl";

  private final Path cardsDir;
  private final RecoveryLog recovery;

  CardStore(Path cardsDir, RecoveryLog recovery) {
    this.cardsDir = cardsDir;
    this.recovery = recovery;
  }

  boolean exists(String cardId) {
    return Files.isRegularFile(cardsDir.resolve(cardId).resolve(CARD_FILE));
  }

  /** A new card's folder, complete and forced under a private temporary name, not yet in place. */
  record Prepared(String cardId, Path folder) {}

  /**
   * Writes a new card and its CREATED event into a private temporary folder and forces them. Needs no lock: the
   * slow part of creating a card happens outside the registry lock, and {@link #publishIfAbsent} renames it in.
   */
  Prepared prepare(ObjectNode card, CardEvent.Created created) {
    String cardId = card.path("card_id").asText();
    String line = checkedLine(created, "card " + cardId);
    Path tmp = null;
    try {
      tmp = AtomicFiles.tempFolder(cardsDir, cardId);
      Map<String, byte[]> files = new LinkedHashMap<>();
      files.put(CARD_FILE, CanonicalJson.prettyBytes(card));
      files.put(EVENTS_FILE, (line + "\n").getBytes(StandardCharsets.UTF_8));
      AtomicFiles.fillFolder(tmp, files);
      return new Prepared(cardId, tmp);
    } catch (IOException | RuntimeException e) {
      AtomicFiles.deleteTreeQuietly(tmp);
      throw e instanceof IOException io
          ? new UncheckedIOException("cannot create card " + cardId + ": " + io.getMessage(), io)
          : (RuntimeException) e;
    }
  }

  /** Renames a prepared card into place unless the card exists (under the lock); true when it was put in place. */
  boolean publishIfAbsent(Prepared prepared) {
    if (exists(prepared.cardId())) {
      return false;
    }
    try {
      AtomicFiles.move(prepared.folder(), cardsDir.resolve(prepared.cardId()));
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create card " + prepared.cardId() + ": " + e.getMessage(), e);
    }
  }

  /** Removes a prepared card's temporary folder if it was not put in place. */
  void discard(Prepared prepared) {
    AtomicFiles.deleteTreeQuietly(prepared.folder());
  }

  /** Creates the card with its CREATED event unless it exists (under the lock). */
  void createIfAbsent(ObjectNode card, CardEvent.Created created) {
    if (exists(card.path("card_id").asText())) {
      return;
    }
    Prepared prepared = prepare(card, created);
    try {
      publishIfAbsent(prepared);
    } finally {
      discard(prepared);
    }
  }

  Optional<CardView> read(String cardId) {
    Path dir = cardsDir.resolve(cardId);
    if (!Files.isRegularFile(dir.resolve(CARD_FILE))) {
      return Optional.empty();
    }
    JsonNode card = Json.read(dir.resolve(CARD_FILE));
    Path eventsFile = dir.resolve(EVENTS_FILE);
    List<CardEvent> events = new ArrayList<>();
    int n = 0;
    for (String line : JsonlFile.readTail(eventsFile, 0).lines()) {
      String source = eventsFile + " line " + (++n);
      try {
        events.add(CardEvent.fromJson(Json.parse(line, source), source));
      } catch (JsonInputException e) {
        // A complete line that is not JSON is damage, not a torn write.
        throw new IllegalStateException("a card's events are damaged: " + e.getMessage(), e);
      }
    }
    CardStatus status = CardEvent.fold(events);
    if (status == null) {
      throw new IllegalStateException(eventsFile + " has no CREATED event: the card folder is damaged");
    }
    return Optional.of(new CardView(card, status, events));
  }

  List<CardView> list() {
    if (!Files.isDirectory(cardsDir)) {
      return List.of();
    }
    try (Stream<Path> dirs = Files.list(cardsDir)) {
      return dirs.map(p -> p.getFileName().toString())
          .filter(name -> !name.startsWith("."))
          .sorted(Comparator.naturalOrder())
          .map(this::read)
          .flatMap(Optional::stream)
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + cardsDir + ": " + e.getMessage(), e);
    }
  }

  /** Appends one PROMOTED step (under the lock); a skip, a repeat or a backwards move is refused. */
  CardView promote(String cardId, CardStatus to, String actor, String reason, String recordedAt) {
    Path eventsFile = cardsDir.resolve(cardId).resolve(EVENTS_FILE);
    if (exists(cardId)) {
      recovery.repair(eventsFile);
    }
    CardView current = read(cardId).orElseThrow(() -> notFound(cardId));
    if (current.status().next() != to) {
      CardStatus next = current.status().next();
      throw new InvalidInputException(new Violation("card " + cardId, "/to", "promotion_order",
          "cannot promote from " + current.status().wire() + " to " + to.wire() + ": promotion goes one step at a"
              + " time, draft → challenger → champion → retired"
              + (next == null ? "; a retired card stays retired" : "; the next step is " + next.wire()),
          to.wire()));
    }
    CardEvent.Promoted step = new CardEvent.Promoted(cardId, current.status(), to, actor, reason, recordedAt);
    JsonlFile.append(eventsFile, checkedLine(step, "promotion of " + cardId));
    List<CardEvent> events = new ArrayList<>(current.events());
    events.add(step);
    return new CardView(current.card(), to, events);
  }

  static InvalidInputException notFound(String cardId) {
    return new InvalidInputException(new Violation("registry", "/card_id", "not_found", "no card with this id",
        cardId));
  }

  private static String checkedLine(CardEvent event, String source) {
    ObjectNode json = event.toJson();
    Contracts.shared().require(json, "card_event_v1", source);
    return CanonicalJson.compact(json);
  }
}
