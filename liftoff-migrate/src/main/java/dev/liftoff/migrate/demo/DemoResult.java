package dev.liftoff.migrate.demo;

import dev.liftoff.migrate.report.MigrationReport;
import dev.liftoff.migrate.traffic.DriverStats;
import java.util.List;
import java.util.Objects;

/**
 * What {@link Demo#run} did. Immutable; serializes to JSON (snake_case) with {@code dev.liftoff.core.report.Json}.
 *
 * @param ok whether every check passed
 * @param durationSeconds the whole rehearsal, servers' start and removal included
 * @param writesTotal writes the app acknowledged through the gateway
 * @param lostWrites acknowledged writes missing on the new platform
 * @param duplicateWrites extra rows for one acknowledged write
 * @param changedWrites acknowledged writes stored under another id than the one acknowledged
 * @param writeDowntimeMs the longest gap between acknowledged writes while the migration ran
 * @param writeFreezeMs how long the gateway held writes during the cutover, measured there
 * @param unprocessedOrders orders the new platform's worker had not processed at the end
 * @param phases the rehearsal's phases, in order, with their durations
 * @param checks what was checked, each passed or not
 * @param traffic the write traffic's figures
 * @param migration the migration's report (its phases' timeline, from its journal)
 * @param htmlReport where the HTML report was written; null when none was asked for
 */
public record DemoResult(
        boolean ok,
        double durationSeconds,
        long writesTotal,
        long lostWrites,
        long duplicateWrites,
        long changedWrites,
        long writeDowntimeMs,
        Long writeFreezeMs,
        long unprocessedOrders,
        List<Phase> phases,
        List<Check> checks,
        DriverStats traffic,
        MigrationReport migration,
        String htmlReport) {
    public DemoResult {
        phases = List.copyOf(phases);
        checks = List.copyOf(checks);
    }

    /**
     * One phase.
     *
     * @param name what it did, e.g. {@code migrate}
     * @param seconds how long it took
     * @param summary one line of what it did, with the figures
     */
    public record Phase(String name, double seconds, String summary) {
        public Phase {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(summary, "summary");
        }
    }

    /**
     * One check.
     *
     * @param name what is checked, e.g. {@code lost_writes == 0}
     * @param passed whether it held
     * @param detail the figure found, and examples when it failed
     */
    public record Check(String name, boolean passed, String detail) {
        public Check {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(detail, "detail");
        }
    }
}
