package io.quanteam.eam.report;

import java.util.Optional;

/**
 * The gate part of a report.
 *
 * @param verdict overall status ({@link GateStatus#NOT_RUN} when there is no gate_results.json)
 * @param verdictText one line explaining the verdict
 * @param failing the failed gates in one line, value against threshold ({@code gate@segment (detail)}, holdout
 *                gates by name only); empty when none failed
 * @param gates one row per suite or mandatory gate (empty when not run)
 * @param segmentGates one row per gate per non-holdout segment
 * @param holdout the holdout's minimal summary, when gate_results.json carries one
 */
record GateSection(GateStatus verdict, String verdictText, String failing, Table gates, Table segmentGates,
    Optional<HoldoutView> holdout) {}
