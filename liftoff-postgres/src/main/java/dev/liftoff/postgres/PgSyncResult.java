package dev.liftoff.postgres;

import java.util.Objects;

/**
 * What one run of {@link PgSync} did before it stopped. Immutable; serializes to JSON with
 * {@code dev.liftoff.core.report.Json}.
 *
 * @param source the source URL, password masked
 * @param target the target URL, password masked
 * @param capture {@code triggers} or {@code logical}
 * @param captureReason why that method was used
 * @param copied whether this run copied (or finished copying) the data
 * @param appliedChanges changes this run applied
 * @param appliedTransactions source transactions this run applied
 * @param durationSeconds how long the run lasted
 */
public record PgSyncResult(
        String source,
        String target,
        String capture,
        String captureReason,
        boolean copied,
        long appliedChanges,
        long appliedTransactions,
        double durationSeconds) {
    public PgSyncResult {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(capture, "capture");
        Objects.requireNonNull(captureReason, "captureReason");
    }
}
