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

  /** Creates the card with its CREATED event unless it exists (under the lock). */
  void createIfAbsent(ObjectNode card, CardEvent.Created created) {
    String cardId = card.path("card_id").asText();
    if (exists(cardId)) {
      return;
    }
    String line = checkedLine(created, "card " + cardId);
    Path tmp = cardsDir.resolve(".tmp-" + cardId);
    try {
      AtomicFiles.deleteTree(tmp); // left by a writer that died before its rename
      Files.createDirectories(tmp);
      // A new card's files are written whole, forced together, then the folder is renamed into place.
      Map<String, byte[]> files = new LinkedHashMap<>();
      files.put(CARD_FILE, CanonicalJson.prettyBytes(card));
      files.put(EVENTS_FILE, (line + "\n").getBytes(StandardCharsets.UTF_8));
      AtomicFiles.fillFolder(tmp, files);
      AtomicFiles.move(tmp, cardsDir.resolve(cardId));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create card " + cardId + ": " + e.getMessage(), e);
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
