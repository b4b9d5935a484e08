package io.quanteam.eam.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import io.quanteam.eam.data.Snapshot;
import io.quanteam.eam.data.SymbolBars;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The trades an sma crossover must make over a runspec's test range, computed here from the bars alone (the signal
 * DSL evaluated independently of the product's DSL code): long on cross_above(sma fast, sma slow) L bars later,
 * flat on cross_below, as the engine's rules say (02 §5–6, on-time data).
 */
public final class CrossoverTrades {
  private CrossoverTrades() {}

  /** symbol,entry_dt,exit_dt of each trade of a dossier's trades.csv. */
  public static List<String> traded(Path dossier) throws java.io.IOException {
    return Files.readAllLines(dossier.resolve("trades.csv")).stream().skip(1).map(l -> l.split(","))
        .map(f -> f[0] + "," + f[1] + "," + f[3]).toList();
  }

  /** symbol,entry_dt,exit_dt of every closed trade, from the crossovers computed here. */
  public static List<String> expected(Snapshot snapshot, JsonNode runspec, int fastWindow, int slowWindow) {
    JsonNode test = runspec.path("segments").path("test");
    long asOf = OffsetDateTime.parse(test.path("as_of").asText()).toEpochSecond();
    java.time.LocalDate from = java.time.LocalDate.parse(test.path("start").asText());
    java.time.LocalDate to = java.time.LocalDate.parse(test.path("end").asText());
    int lag = runspec.path("lag_bars").asInt();
    List<String> trades = new ArrayList<>();
    for (JsonNode s : runspec.path("symbols")) {
      SymbolBars bars = snapshot.visibleAsOf(asOf).get(s.asText());
      double[] fast = sma(bars.close(), fastWindow);
      double[] slow = sma(bars.close(), slowWindow);
      boolean long_ = false;
      String entry = null;
      for (int t = 0; t < bars.size(); t++) {
        if (bars.date(t).isBefore(from) || bars.date(t).isAfter(to) || t - lag < 1) {
          continue;
        }
        int k = t - lag;
        boolean up = fast[k - 1] <= slow[k - 1] && fast[k] > slow[k];
        boolean down = fast[k - 1] >= slow[k - 1] && fast[k] < slow[k];
        if (!long_ && up) {
          long_ = true;
          entry = bars.date(t).toString();
        } else if (long_ && down) {
          long_ = false;
          trades.add(s.asText() + "," + entry + "," + bars.date(t));
        }
      }
    }
    return trades;
  }

  private static double[] sma(double[] x, int n) {
    double[] out = new double[x.length];
    for (int t = 0; t < x.length; t++) {
      if (t < n - 1) {
        out[t] = Double.NaN;
        continue;
      }
      double sum = 0;
      for (int i = t - n + 1; i <= t; i++) {
        sum += x[i];
      }
      out[t] = sum / n;
    }
    return out;
  }
}
