package dev.liftoff.postgres;

import dev.liftoff.postgres.verify.Verifier;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code liftoff pg verify}: compares two live PostgreSQL databases without writing to either. It compares schema
 * (catalog-derived definitions, so owners, tablespaces and OIDs do not matter), per-table row counts and
 * order-independent digests computed inside PostgreSQL (in ranges for big tables, in parallel), sequences, large
 * objects and materialized-view state; each side is read in one consistent snapshot. liftoff's own {@code _liftoff}
 * schema is ignored on both sides.
 *
 * <p>Thread-safe: each call opens its own connections ({@code jobs + 1} per database) and closes them before it
 * returns.
 */
public final class PgVerify {
    private PgVerify() {}

    /**
     * Compares the two databases quietly. Blocks until done.
     *
     * @return the result; a difference is a result ({@link VerifyResult#equal()} false), not an exception
     * @throws dev.liftoff.core.LiftoffException with {@code ENVIRONMENT} when a database cannot be reached or read
     */
    public static VerifyResult run(VerifyConfig config) {
        return new Verifier(Objects.requireNonNull(config, "config"), null).run();
    }

    /**
     * Compares the two databases quietly within {@code timeout}; for callers with a deadline, such as a cutover that
     * holds writes while it verifies.
     *
     * @return the result, or empty when the comparison did not finish in time (all its statements are cancelled on
     *     both servers before this returns)
     * @throws dev.liftoff.core.LiftoffException with {@code ENVIRONMENT} when a database cannot be reached or read
     */
    public static Optional<VerifyResult> run(VerifyConfig config, Duration timeout) {
        return new Verifier(Objects.requireNonNull(config, "config"), null)
                .run(Objects.requireNonNull(timeout, "timeout"));
    }

    /**
     * Takes a snapshot of each database now, for an exact comparison later of both as they were at this moment (a
     * cutover pins them while writes are frozen and compares them after the switch). Close it when done: the open
     * snapshots hold back vacuum on both servers.
     *
     * @throws dev.liftoff.core.LiftoffException with {@code ENVIRONMENT} when a database cannot be reached
     */
    public static Verifier.Pinned pin(VerifyConfig config) {
        return new Verifier(Objects.requireNonNull(config, "config"), null).pin();
    }

    /** As {@link #pin(VerifyConfig)}, and the comparison shows progress on {@code progress}, which the caller owns. */
    public static Verifier.Pinned pin(VerifyConfig config, PrintStream progress) {
        return new Verifier(Objects.requireNonNull(config, "config"), Objects.requireNonNull(progress, "progress"))
                .pin();
    }

    /**
     * Compares the two databases, showing progress (tables done, rows per second, ETA) on {@code progress}, which
     * the caller owns and keeps open.
     */
    public static VerifyResult run(VerifyConfig config, PrintStream progress) {
        return new Verifier(Objects.requireNonNull(config, "config"), Objects.requireNonNull(progress, "progress"))
                .run();
    }
}
