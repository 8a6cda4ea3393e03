package dev.liftoff.migrate.report;

import java.util.Map;

/**
 * One phase in the report.
 *
 * @param status {@code done}, {@code skipped}, {@code abandoned}, {@code failed}, {@code interrupted} (started, not
 *     ended: running or killed) or {@code pending}
 * @param startedAt ISO-8601 instant of the latest attempt, or null when not started
 * @param durationMs the latest attempt's duration, or null while it has not ended
 * @param attempts how many times it was started
 * @param summary its one-line outcome or failure
 * @param notes the steps it journaled (the cutover's hold, switch, release)
 * @param metrics its figures, snake_case keys
 */
public record PhaseLine(
        String name,
        String status,
        String startedAt,
        Long durationMs,
        int attempts,
        String summary,
        java.util.List<String> notes,
        Map<String, Object> metrics) {
    public PhaseLine {
        notes = java.util.List.copyOf(notes);
        metrics = Map.copyOf(metrics);
    }
}
