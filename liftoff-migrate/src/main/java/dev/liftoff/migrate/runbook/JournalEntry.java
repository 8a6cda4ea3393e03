package dev.liftoff.migrate.runbook;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One line of the journal.
 *
 * @param at when it happened
 * @param event {@code phase_started}, {@code phase_note}, {@code phase_ended}
 * @param phase the phase it concerns
 * @param status for {@code phase_ended}, how the phase ended; else null
 * @param detail the phase's summary, the failure's message, or the note
 * @param metrics the phase's figures for {@code phase_ended}; else empty
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JournalEntry(
        Instant at, String event, String phase, PhaseStatus status, String detail, Map<String, Object> metrics) {
    static final String STARTED = "phase_started";
    static final String NOTE = "phase_note";
    static final String ENDED = "phase_ended";

    public JournalEntry {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(phase, "phase");
        metrics = metrics == null ? Map.of() : normalize(metrics);
    }

    /**
     * Integral figures as {@code Long} and the others as {@code Double}, whatever width JSON parsing picked, so that a
     * figure reads the same before and after a restart.
     */
    static Map<String, Object> normalize(Map<String, Object> metrics) {
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        metrics.forEach((k, v) -> out.put(
                k,
                switch (v) {
                    case Double d -> d;
                    case Float f -> f.doubleValue();
                    case java.math.BigDecimal b -> b.doubleValue();
                    case Number n -> n.longValue();
                    default -> v;
                }));
        return java.util.Collections.unmodifiableMap(out);
    }
}
