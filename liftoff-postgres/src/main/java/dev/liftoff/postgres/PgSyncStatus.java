package dev.liftoff.postgres;

import java.util.Objects;

/**
 * Where a sync stands, as {@link PgSync#status} reads it from the source and the target (it works whether or not
 * {@code pg sync} is running). Immutable; serializes to JSON with {@code dev.liftoff.core.report.Json}.
 *
 * @param source the source URL, password masked
 * @param target the target URL, password masked
 * @param phase {@value #NOT_STARTED}, {@value #COPYING}, {@value #STREAMING} or {@value #FINISHED}
 * @param capture {@code triggers} or {@code logical}; {@code null} before a sync started
 * @param running whether a {@code pg sync} process is applying to the target now
 * @param lagSeconds how far behind the source the target is, in seconds of source time ({@code 0} when nothing is
 *     waiting); {@code null} while copying
 * @param lagChanges changes committed on the source and not yet applied (trigger capture; {@code null} for logical
 *     decoding, which cannot count them without decoding, and while copying)
 * @param lagBytes WAL the slot still holds for the sync (logical decoding; {@code null} otherwise)
 * @param appliedChanges changes applied since streaming began
 * @param appliedTransactions source transactions applied since streaming began
 * @param copiedChunks while copying: chunks of rows copied so far
 * @param totalChunks while copying: chunks of rows planned
 */
public record PgSyncStatus(
        String source,
        String target,
        String phase,
        String capture,
        boolean running,
        Double lagSeconds,
        Long lagChanges,
        Long lagBytes,
        long appliedChanges,
        long appliedTransactions,
        Integer copiedChunks,
        Integer totalChunks) {
    public static final String NOT_STARTED = "not_started";
    public static final String COPYING = "copying";
    public static final String STREAMING = "streaming";
    public static final String FINISHED = "finished";

    public PgSyncStatus {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(phase, "phase");
    }
}
