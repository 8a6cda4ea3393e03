package dev.liftoff.migrate;

import dev.liftoff.migrate.report.MigrationReport;
import java.util.List;

/**
 * What {@code migrate status} shows: the journal's account of every phase, and each sync's lag read from the servers.
 * Serializes with {@link dev.liftoff.core.report.Json}. Immutable.
 */
public record MigrationStatus(MigrationReport journal, List<SyncLag> syncs) {
    public MigrationStatus {
        syncs = List.copyOf(syncs);
    }
}
