package io.quanteam.eam.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quanteam.eam.contract.InvalidInputException;
import io.quanteam.eam.contract.Violation;
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
   * Appends the run's trial once per run_id and, when it passed, creates its card (card first, so a passing
   * trial line always has its card). A later call for a recorded run changes nothing and answers the first
   * record (the first record wins, even if the gate results differ).
   */
  public RecordOutcome recordTrial(TrialInput input) {
    TrialDocuments docs = new TrialDocuments(input);
    // A passing run's card is written and forced before taking the lock (which other jobs and processes wait on);
    // under the lock it is only renamed into place, unless the run was recorded meanwhile.
    String prepared = Timestamps.now(clock);
    CardStore.Prepared card = docs.overallPass() && trials.get(docs.runId()) == null
        ? cards.prepare(docs.card(prepared), new CardEvent.Created(docs.cardId(), docs.runId(), prepared)) : null;
    try {
      return lock.call(() -> {
        recovery.repair(trials.file());
        JsonNode existing = trials.get(docs.runId());
        if (existing != null) {
          boolean passed = "pass".equals(existing.path("status").asText());
          return new RecordOutcome(true, false, passed ? docs.cardId() : null);
        }
        String now = Timestamps.now(clock); // taken under the lock: trial lines are in time order
        ObjectNode trial = docs.trialEvent(now);
        String cardId = null;
        if (docs.overallPass()) {
          if (card != null) {
            cards.publishIfAbsent(card);
          } else {
            cards.createIfAbsent(docs.card(now), new CardEvent.Created(docs.cardId(), docs.runId(), now));
          }
          cardId = docs.cardId();
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

  /** The per-bar SRs of every recorded trial of the lineage that has one, in log order (the DSR's trials). */
  public double[] lineageSrs(String lineageRootJobId) {
    return trials.lineageSrs(Ids.jobId(lineageRootJobId, "lineage", "lineage_root_job_id"));
  }

  /**
   * The DSR's earlier trials for a run: the lineage's SRs without the run's own (when it is already recorded, e.g.
   * gates re-run after the registry stage), so the run is never counted twice.
   */
  public double[] priorTrialSrs(String lineageRootJobId, String runId) {
    double[] all = lineageSrs(lineageRootJobId);
    JsonNode own = trials.get(Ids.runId(runId, "registry"));
    if (own == null || !lineageRootJobId.equals(own.path("lineage_root_job_id").asText())
        || !own.path("sr").isNumber()) {
      return all;
    }
    double sr = own.path("sr").asDouble();
    double[] out = new double[Math.max(0, all.length - 1)];
    boolean dropped = false;
    int k = 0;
    for (double v : all) {
      if (!dropped && Double.compare(v, sr) == 0) {
        dropped = true;
      } else if (k < out.length) {
        out[k++] = v;
      }
    }
    return dropped ? out : all;
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
