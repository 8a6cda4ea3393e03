package dev.liftoff.postgres;

import dev.liftoff.postgres.sync.JournalCopy;
import dev.liftoff.postgres.sync.SyncAdmin;
import dev.liftoff.postgres.sync.SyncEngine;
import java.io.PrintStream;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * {@code liftoff pg sync}, {@code status}, {@code finish} and {@code cleanup}: keeps a target database in step with
 * a live source, so that the cutover's write freeze lasts seconds whatever the database's size.
 *
 * <p>{@link #start} installs change capture on the source (triggers, which need only table ownership and so work on
 * Heroku Postgres, or logical decoding where the source allows it), copies the source with {@link PgCopy} under a
 * snapshot the capture is exact against (unless that copy is already done), then applies every change committed on
 * the source, in commit order, batched, each target transaction storing its position: no change is lost or applied
 * twice across stops, crashes, lost connections and restarted servers. It runs until stopped and resumes where it
 * stopped when started again. DDL on the captured tables stops it with a message that names what changed.
 *
 * <p>{@link #finish} is the cutover barrier: it returns once every change committed on the source before it was
 * called is applied, and then sets the target's sequences to the source's values. {@link #status} and
 * {@link #finish} work from another process while the sync runs. {@link #cleanup} removes everything liftoff
 * created on the source and its bookkeeping on the target.
 *
 * <p>Thread-safe: every call opens its own connections and closes them before it returns (or, for {@link #start},
 * when the run ends).
 */
public final class PgSync {
    private PgSync() {}

    /**
     * Starts syncing on a thread of its own and returns at once. The copy is quiet.
     *
     * @param notices receives one-line notes for people (the capture method and why, reconnects); called on the
     *     sync's thread
     * @return the running sync; the caller stops and closes it
     */
    public static PgSyncRun start(PgSyncConfig config, Consumer<String> notices) {
        return start(config, null, notices);
    }

    /**
     * Starts syncing, showing the copy's progress on {@code copyProgress} (which the caller keeps open until the
     * run ends), or none when it is {@code null}.
     */
    public static PgSyncRun start(PgSyncConfig config, PrintStream copyProgress, Consumer<String> notices) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(notices, "notices");
        PgSyncRun run = new PgSyncRun(new SyncEngine(config, new JournalCopy(config.copy(), copyProgress), notices));
        run.start();
        return run;
    }

    /**
     * Reads where the sync between {@code source} and {@code target} stands. Writes nothing.
     *
     * @throws dev.liftoff.core.LiftoffException with {@code ENVIRONMENT} when either database cannot be read
     */
    public static PgSyncStatus status(dev.liftoff.core.PostgresUrl source, dev.liftoff.core.PostgresUrl target) {
        return SyncAdmin.status(Objects.requireNonNull(source), Objects.requireNonNull(target));
    }

    /**
     * The cutover barrier. Writes a marker on the source and blocks until a running {@code pg sync} applied it, and
     * with it everything committed on the source before this call; then sets the target's sequences to the source's
     * values and records the sync as finished.
     *
     * @throws dev.liftoff.core.LiftoffException with {@code CHECK_FAILED} when the target did not catch up in time
     *     (the message gives the lag), {@code ENVIRONMENT} when no sync streams into the target
     */
    public static PgFinishResult finish(PgFinishConfig config) {
        return SyncAdmin.finish(Objects.requireNonNull(config, "config"));
    }

    /**
     * Removes what liftoff created on the source (triggers, functions, changelog, publication, replication slot, the
     * {@code _liftoff} schema) and its bookkeeping on the target (the {@code _liftoff} schema). Refuses while a sync
     * is running. Safe to repeat.
     */
    public static PgCleanupResult cleanup(dev.liftoff.core.PostgresUrl source, dev.liftoff.core.PostgresUrl target) {
        return SyncAdmin.cleanup(Objects.requireNonNull(source), Objects.requireNonNull(target));
    }
}
