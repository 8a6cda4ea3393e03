package dev.liftoff.migrate.runbook;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the journal says about one phase: its latest attempt's start and end, how it ended, and how many times it was
 * started (more than one after a resume). Immutable.
 *
 * @param status empty while the phase runs, or when a crash interrupted it
 * @param notes the latest attempt's notes (for the cutover: hold, switch, release), oldest first
 */
public record PhaseRecord(
        String name,
        int attempts,
        Optional<Instant> startedAt,
        Optional<Instant> endedAt,
        Optional<PhaseStatus> status,
        String detail,
        Map<String, Object> metrics,
        List<String> notes) {
    public PhaseRecord {
        metrics = JournalEntry.normalize(metrics);
        notes = List.copyOf(notes);
    }

    /** The latest attempt's duration, when it ended. */
    public Optional<Duration> duration() {
        return startedAt.flatMap(s -> endedAt.map(e -> Duration.between(s, e)));
    }

    /** Whether a rerun goes past this phase. */
    public boolean complete() {
        return status.map(PhaseStatus::complete).orElse(false);
    }

    /** Started, not ended: running now, or interrupted by a crash. */
    public boolean interrupted() {
        return startedAt.isPresent() && status.isEmpty();
    }
}
