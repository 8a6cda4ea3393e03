package dev.liftoff.migrate.runbook;

import java.util.Map;
import java.util.Objects;

/**
 * What a phase reports when it returns: its status, one line for people, and figures for the report (rows copied,
 * lag, write freeze) keyed in snake_case. Metric values are numbers, strings or booleans, as they go through the
 * journal's JSON. Immutable.
 */
public record PhaseOutcome(PhaseStatus status, String summary, Map<String, Object> metrics) {
    public PhaseOutcome {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(summary, "summary");
        metrics = JournalEntry.normalize(Objects.requireNonNull(metrics, "metrics"));
        for (Map.Entry<String, Object> e : metrics.entrySet()) {
            if (!(e.getValue() instanceof Number
                    || e.getValue() instanceof String
                    || e.getValue() instanceof Boolean)) {
                throw new IllegalArgumentException("metric " + e.getKey() + " must be a number, string or boolean");
            }
        }
    }

    public static PhaseOutcome done(String summary) {
        return new PhaseOutcome(PhaseStatus.DONE, summary, Map.of());
    }

    public static PhaseOutcome done(String summary, Map<String, Object> metrics) {
        return new PhaseOutcome(PhaseStatus.DONE, summary, metrics);
    }

    public static PhaseOutcome skipped(String why) {
        return new PhaseOutcome(PhaseStatus.SKIPPED, why, Map.of());
    }

    /** The phase refused to go on; {@code why} says why and what to do, and becomes the run's failure message. */
    public static PhaseOutcome abandoned(String why, Map<String, Object> metrics) {
        return new PhaseOutcome(PhaseStatus.ABANDONED, why, metrics);
    }
}
