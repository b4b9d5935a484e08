package io.quanteam.eam.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quanteam.eam.contract.InvalidInputException;
import io.quanteam.eam.contract.Violation;
import io.quanteam.eam.gate.PriorTrial;
import io.quanteam.eam.gate.TrialSource;
import io.quanteam.eam.json.CanonicalJson;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The registry (02 §9) under {@code ${EAM_REGISTRY_ROOT}}: every run once in {@code trial_log.jsonl}, a card per
 * passing run under {@code cards/<card_id>/}, promotion events, and a leaderboard.
 *
 * <p>Safe for concurrent threads and processes: every write happens under one exclusive lock
 * ({@link RegistryLock}), re-checks the files under it, and appends whole fsynced lines. Reads take no lock;
 * they see complete lines only.
 */
public final class Registry {
  private final Path root;
  private final Clock clock;
  private final RegistryLock lock;
  private final RecoveryLog recovery;
  private final TrialLog trials;
  private final CardStore cards;

  public Registry(Path registryRoot, Clock clock) {
    this.root = registryRoot.toAbsolutePath().normalize();
    this.clock = clock;
    this.lock = new RegistryLock(root);
    this.recovery = new RecoveryLog(root, clock);
    this.trials = new TrialLog(root.resolve("trial_log.jsonl"));
    this.cards = new CardStore(root.resolve("cards"), recovery);
  }

  public Path root() {
    return root;
  }

  /**
   * Records a run from its dossier folder ({@code metrics.json}, {@code config_snapshot.json}) and gate results;
   * the card title is the blueprint id. See {@link #recordTrial(TrialInput)}.
   */
  public RecordOutcome recordTrial(Path dossierDir, JsonNode gateResults, String lineageRootJobId, String jobId) {
    return recordTrial(TrialInput.fromDossier(dossierDir, gateResults, lineageRootJobId, jobId, null));
  }

  /**
   * Appends the run's trial once per run_id and, when it passed, gives it a card (card first, so a passing trial
   * line always has its card). One card per computation (ADR 0007): a passing run of a computation that already
   * has a card — the same blueprint under another id or title — is answered with that card. A later call for a
   * recorded run changes nothing and answers the first record (the first record wins, even if the gate results
   * differ).
   */
  public RecordOutcome recordTrial(TrialInput input) {
    TrialDocuments docs = new TrialDocuments(input);
    // A passing run's card is written and forced before taking the lock (which other jobs and processes wait on);
    // under the lock it is only renamed into place, unless the run or its computation was recorded meanwhile.
    String prepared = Timestamps.now(clock);
    CardStore.Prepared card = docs.overallPass() && trials.get(docs.runId()) == null
        && trials.firstPassOf(docs.computationId()) == null
        ? cards.prepare(docs.card(prepared), new CardEvent.Created(docs.cardId(), docs.runId(), prepared)) : null;
    try {
      return lock.call(() -> {
        recovery.repair(trials.file());
        JsonNode existing = trials.get(docs.runId());
        if (existing != null) {
          return new RecordOutcome(true, false, cardOf(existing));
        }
        String now = Timestamps.now(clock); // taken under the lock: trial lines are in time order
        ObjectNode trial = docs.trialEvent(now);
        String cardId = null;
        if (docs.overallPass()) {
          cardId = existingCard(docs.computationId(), null);
          if (cardId == null) {
            if (card != null) {
              cards.publishIfAbsent(card);
            } else {
              cards.createIfAbsent(docs.card(now), new CardEvent.Created(docs.cardId(), docs.runId(), now));
            }
            cardId = docs.cardId();
          }
        }
        JsonlFile.append(trials.file(), CanonicalJson.compact(trial));
        trials.refresh();
        return new RecordOutcome(true, true, cardId);
      });
    } finally {
      if (card != null) {
        cards.discard(card);
      }
    }
  }

  /** The card of a recorded trial line: its computation's card, else its own; null when it did not pass. */
  private String cardOf(JsonNode line) {
    if (!"pass".equals(line.path("status").asText())) {
      return null;
    }
    String runId = line.path("run_id").asText();
    String shared = existingCard(TrialLog.computationId(line), runId);
    return shared != null ? shared : Ids.cardIdOf(runId);
  }

  /** The card of the computation's first passing run when that card exists, or null. */
  private String existingCard(String computationId, String orElseRunId) {
    String first = trials.firstPassOf(computationId);
    if (first == null || first.equals(orElseRunId)) {
      return null;
    }
    String cardId = Ids.cardIdOf(first);
    return cards.exists(cardId) ? cardId : null;
  }

  /** The per-bar SRs of every recorded trial of the lineage that has one, in log order. */
  public double[] lineageSrs(String lineageRootJobId) {
    return trials.lineageSrs(Ids.jobId(lineageRootJobId, "lineage", "lineage_root_job_id"));
  }

  /**
   * The recorded trials as the DSR gate counts them (ADR 0007): on a snapshot and universe, or in a lineage, each
   * with its run id, computation id and SR, in log order. A lineage id that is no job id has no trials.
   */
  public TrialSource trialSource() {
    return new TrialSource() {
      @Override
      public List<PriorTrial> onData(String dataSnapshotId, List<String> universe) {
        return trials.onData(dataSnapshotId, universe);
      }

      @Override
      public List<PriorTrial> inLineage(String lineageRootJobId) {
        return trials.inLineage(lineageRootJobId);
      }
    };
  }

  /** Every trial, in log order. */
  public List<JsonNode> trials() {
    return trials.all();
  }

  public Optional<JsonNode> trial(String runId) {
    return Optional.ofNullable(trials.get(Ids.runId(runId, "registry")));
  }

  /** Every card, by card id. */
  public List<CardView> cards() {
    return cards.list();
  }

  public Optional<CardView> card(String cardId) {
    return cards.read(Ids.cardId(cardId, "registry"));
  }

  /**
   * Moves a card one step (draft → challenger → champion → retired). Promoting a card to champion leaves other
   * champions as they are: retiring one is its own, explicit, audited step.
   */
  public CardView promote(String cardId, String toStatus, String actor, String reason) {
    Ids.cardId(cardId, "registry");
    CardStatus to = CardStatus.parse(toStatus, "promotion of " + cardId);
    if (actor == null || actor.isBlank()) {
      throw new InvalidInputException(new Violation("promotion of " + cardId, "/actor", "required",
          "expected who promotes the card", actor));
    }
    return lock.call(() -> cards.promote(cardId, to, actor, reason, Timestamps.now(clock)));
  }

  /** Cards ranked by {@code metric} (a headline metric), optionally only those with {@code statusFilter}. */
  public List<LeaderboardRow> leaderboard(String metric, boolean descending, String statusFilter, int limit) {
    CardStatus filter = statusFilter == null ? null : CardStatus.parse(statusFilter, "leaderboard");
    return Leaderboard.rank(cards.list(), metric, descending, filter, limit);
  }

  /** Bytes of the trial log this instance has read so far (package-private: tests of the incremental index). */
  long trialLogBytesRead() {
    return trials.bytesRead();
  }
}
