package io.quanteam.eam.policy;

import java.util.Optional;

/**
 * The one-line note shown when a job or compile uses a bundle whose gate suite has no deflated-Sharpe gate: its runs
 * are judged without regard to how many were tried (ADR 0007). The CLI prints it on stderr, so --json output stays
 * parseable; the inbox adds it to its answer file.
 */
public final class MultipleTestingNote {
  public static final String DSR_GATE = "dsr_v1";

  private MultipleTestingNote() {}

  public static Optional<String> of(PolicyBundle bundle) {
    return bundle.gateSuite().gate(DSR_GATE).isPresent() ? Optional.empty()
        : Optional.of("note: bundle " + bundle.bundleId() + " has no multiple-testing gate (" + DSR_GATE + ")");
  }
}
