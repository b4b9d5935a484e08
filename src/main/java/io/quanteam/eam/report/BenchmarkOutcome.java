package io.quanteam.eam.report;

import java.util.Optional;

/**
 * The equity chart's benchmark line, or why it is not drawn.
 *
 * @param withheldReason a clause for "No buy-and-hold benchmark: …" (empty when the line is drawn)
 */
record BenchmarkOutcome(Optional<BuyAndHoldBenchmark> line, String withheldReason) {
  static BenchmarkOutcome drawn(BuyAndHoldBenchmark line) {
    return new BenchmarkOutcome(Optional.of(line), "");
  }

  static BenchmarkOutcome withheld(String reason) {
    return new BenchmarkOutcome(Optional.empty(), reason);
  }
}
