package dev.liftoff.migrate.report;

import dev.liftoff.migrate.runbook.PhaseRecord;
import dev.liftoff.migrate.runbook.PhaseStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A migration's report: how it stands or ended, and each phase's record. Serializes with
 * {@link dev.liftoff.core.report.Json} (snake_case). Immutable.
 *
 * @param outcome {@code completed}, {@code abandoned}, {@code failed}, {@code interrupted}, {@code in_progress} or
 *     {@code not_started}
 * @param reason why it was abandoned or failed; empty otherwise
 * @param currentPhase the first phase not complete (where a rerun resumes); null when completed
 * @param writeFreezeMs the write freeze the cutover measured at the gateway, when it ran
 * @param totalMs from the first phase's latest start to the last phase's end (across restarts), when both are known
 */
public record MigrationReport(
        String outcome, String reason, String currentPhase, Long writeFreezeMs, Long totalMs, List<PhaseLine> phases) {
    public MigrationReport {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(reason, "reason");
        phases = List.copyOf(phases);
    }

    /** Builds the report from the journal's records, in the runbook's order. */
    public static MigrationReport of(List<PhaseRecord> records) {
        List<PhaseLine> lines = records.stream().map(MigrationReport::line).toList();
        PhaseRecord current =
                records.stream().filter(r -> !r.complete()).findFirst().orElse(null);
        String outcome;
        String reason = "";
        if (current == null) {
            outcome = "completed";
        } else if (current.status().isPresent()) {
            outcome = current.status().get() == PhaseStatus.ABANDONED ? "abandoned" : "failed";
            reason = current.name() + ": " + current.detail();
        } else if (current.interrupted()) {
            outcome = "interrupted";
        } else if (records.stream().anyMatch(r -> r.startedAt().isPresent())) {
            outcome = "in_progress";
        } else {
            outcome = "not_started";
        }
        Long freeze = records.stream()
                .filter(r -> r.metrics().get("write_freeze_ms") instanceof Number)
                .map(r -> ((Number) r.metrics().get("write_freeze_ms")).longValue())
                .reduce((a, b) -> b)
                .orElse(null);
        Instant first = records.stream()
                .flatMap(r -> r.startedAt().stream())
                .min(Instant::compareTo)
                .orElse(null);
        Instant last = records.stream()
                .flatMap(r -> r.endedAt().stream())
                .max(Instant::compareTo)
                .orElse(null);
        Long total =
                first != null && last != null ? Duration.between(first, last).toMillis() : null;
        return new MigrationReport(outcome, reason, current == null ? null : current.name(), freeze, total, lines);
    }

    private static PhaseLine line(PhaseRecord r) {
        String status = r.status()
                .map(s -> s.name().toLowerCase(Locale.ROOT))
                .orElse(r.startedAt().isPresent() ? "interrupted" : "pending");
        return new PhaseLine(
                r.name(),
                status,
                r.startedAt().map(Instant::toString).orElse(null),
                r.duration().map(Duration::toMillis).orElse(null),
                r.attempts(),
                r.detail(),
                r.notes(),
                r.metrics());
    }

    /** Whether the migration finished with traffic on the new platform. */
    public boolean completed() {
        return outcome.equals("completed");
    }
}
