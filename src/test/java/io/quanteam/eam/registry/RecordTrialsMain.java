package io.quanteam.eam.registry;

import io.quanteam.eam.contract.Contracts;
import io.quanteam.eam.json.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Child process of {@link RegistryMultiProcessTest}: warms up, prints {@code ready}, waits for a line on stdin
 * (so both children start recording together), records runs first..first+count−1 (first defaults to 1) from
 * prepared dossiers and gate results, and writes how many this process appended to resultFile.
 * Args: registryRoot dossiersDir count resultFile [first].
 */
public final class RecordTrialsMain {
  private RecordTrialsMain() {}

  public static void main(String[] args) throws IOException {
    Path root = Path.of(args[0]);
    Path dossiers = Path.of(args[1]);
    int count = Integer.parseInt(args[2]);
    int first = args.length > 4 ? Integer.parseInt(args[4]) : 1;
    Registry registry = new Registry(root, TrialFixtures.CLOCK);
    Contracts.shared();
    registry.trials();
    System.out.println("ready");
    System.out.flush();
    new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
    int appended = 0;
    for (int i = first; i < first + count; i++) {
      Path dossier = dossiers.resolve(TrialFixtures.runId(i));
      RecordOutcome outcome = registry.recordTrial(dossier, Json.read(dossier.resolve("gate_results.json")),
          TrialFixtures.LINEAGE, null);
      if (outcome.newlyRecorded()) {
        appended++;
      }
    }
    Files.writeString(Path.of(args[3]), Integer.toString(appended));
  }
}
