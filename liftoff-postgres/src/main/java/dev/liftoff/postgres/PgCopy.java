package dev.liftoff.postgres;

import dev.liftoff.postgres.copy.CopyRun;
import java.io.PrintStream;
import java.util.Objects;

/**
 * {@code liftoff pg copy}: copies schema and data from a live source database to an empty target, exactly, in one
 * consistent snapshot of the source, and resumably. In order: preflight (nothing is written before it passes);
 * pre-data schema from {@code pg_dump}; rows streamed {@code COPY} to {@code COPY} by parallel workers, big tables in
 * ctid ranges, each chunk committed together with its mark in the target's {@code _liftoff} journal; indexes of each
 * table as soon as its rows are in; sequences; large objects; constraints, foreign keys, triggers and the rest of the
 * post-data; materialized views refreshed; then {@link PgVerify} unless switched off. Run the same call again after a
 * failure or a kill, and it continues without duplicating or losing a row.
 *
 * <p>Live sync ({@code dev.liftoff.postgres.sync}) calls this whole, with {@link PgCopyConfig#snapshot()} set, and
 * reads what was copied under which snapshot with {@link dev.liftoff.postgres.journal.CopyJournal#read}.
 *
 * <p>Thread-safe: each call opens its own connections (about {@code jobs + 3} on the source, {@code jobs + 1} on the
 * target) and closes them before it returns.
 */
public final class PgCopy {
    private PgCopy() {}

    /**
     * Copies quietly. Blocks until done.
     *
     * @throws dev.liftoff.core.LiftoffException with {@code USAGE}, {@code ENVIRONMENT} or {@code CHECK_FAILED} and a
     *     one-line message naming the problem and the fix
     */
    public static PgCopyResult run(PgCopyConfig config) {
        return new CopyRun(Objects.requireNonNull(config, "config"), null).run();
    }

    /**
     * Copies, showing progress (tables, rows, bytes, rate, ETA) and what was left out of the schema on
     * {@code progress}, which the caller owns and keeps open.
     */
    public static PgCopyResult run(PgCopyConfig config, PrintStream progress) {
        return new CopyRun(Objects.requireNonNull(config, "config"), Objects.requireNonNull(progress, "progress"))
                .run();
    }
}
