package dev.liftoff.postgres;

import dev.liftoff.core.LiftoffException;
import dev.liftoff.core.PostgresUrl;
import java.time.Duration;
import java.util.Objects;

/**
 * What {@link PgSync#start} syncs and how. Immutable; start from {@link #of} and change fields with the
 * {@code with...} methods.
 *
 * @param source the live database to sync from
 * @param target the database to sync into: empty, or holding this sync's earlier copy or position (it resumes)
 * @param capture how changes are captured
 * @param copy how the initial copy runs, for the same source and target (its snapshot and verify are set by the
 *     sync: the copy takes the sync's snapshot, and verifying a live source before it caught up would fail)
 * @param retryFor how long the sync keeps reconnecting after a lost connection or a restarted server before it gives
 *     up (the clock restarts after every success); zero fails at the first loss
 */
public record PgSyncConfig(
        PostgresUrl source, PostgresUrl target, CaptureMethod capture, PgCopyConfig copy, Duration retryFor) {
    /** Long enough to ride out a server restart or a managed database's failover. */
    public static final Duration DEFAULT_RETRY_FOR = Duration.ofMinutes(5);

    public PgSyncConfig {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(capture, "capture");
        Objects.requireNonNull(copy, "copy");
        Objects.requireNonNull(retryFor, "retryFor");
        if (!copy.source().equals(source) || !copy.target().equals(target)) {
            throw new IllegalArgumentException("the copy settings must be for the same source and target");
        }
        if (retryFor.isNegative()) {
            throw LiftoffException.usage("--retry-for must not be negative, not " + retryFor);
        }
        copy = copy.withVerify(false);
    }

    /** A sync with automatic capture choice, the copy's defaults and {@link #DEFAULT_RETRY_FOR}. */
    public static PgSyncConfig of(PostgresUrl source, PostgresUrl target) {
        return new PgSyncConfig(source, target, CaptureMethod.AUTO, PgCopyConfig.of(source, target), DEFAULT_RETRY_FOR);
    }

    public PgSyncConfig withCapture(CaptureMethod method) {
        return new PgSyncConfig(source, target, method, copy, retryFor);
    }

    public PgSyncConfig withCopy(PgCopyConfig copyConfig) {
        return new PgSyncConfig(source, target, capture, copyConfig, retryFor);
    }

    public PgSyncConfig withRetryFor(Duration d) {
        return new PgSyncConfig(source, target, capture, copy, d);
    }
}
