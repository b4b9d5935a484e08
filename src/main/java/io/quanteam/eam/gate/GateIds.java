package io.quanteam.eam.gate;

/** The gate ids this kernel implements (02 §8). */
final class GateIds {
  static final String BASIC_SANITY = "basic_sanity";
  static final String DETERMINISM = "determinism_guard";
  static final String SNAPSHOT_INTEGRITY = "data_snapshot_integrity_v1";
  static final String NO_LOOKAHEAD = "gate_no_lookahead_v1";
  static final String DELAY = "gate_delay_plus_1bar_v1";
  static final String COST = "gate_cost_x2_v1";
  static final String RISK = "risk_policy_compliance_v1";
  static final String HOLDOUT = "gate_holdout_passfail_v1";
  static final String LEAK_GUARD = "holdout_leak_guard_v1";
  static final String PSR = "psr_v1";
  static final String DSR = "dsr_v1";
  static final String MIN_TRL = "min_trl_v1";

  /** The gates whose failure makes a run INVALID (02 §8), whatever a suite lists; a suite may only add to them. */
  static final java.util.List<String> ALWAYS_MANDATORY = java.util.List.of(BASIC_SANITY, DETERMINISM, NO_LOOKAHEAD,
      SNAPSHOT_INTEGRITY);

  private GateIds() {}
}
