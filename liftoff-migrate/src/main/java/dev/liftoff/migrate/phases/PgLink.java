package dev.liftoff.migrate.phases;

import dev.liftoff.core.Durations;
import dev.liftoff.core.ErrorCode;
import dev.liftoff.core.LiftoffException;
import dev.liftoff.core.PostgresUrl;
import dev.liftoff.migrate.runbook.Verdict;
import dev.liftoff.postgres.PgFinishConfig;
import dev.liftoff.postgres.PgSync;
import dev.liftoff.postgres.PgSyncConfig;
import dev.liftoff.postgres.PgSyncRun;
import dev.liftoff.postgres.PgSyncStatus;
import dev.liftoff.postgres.PgVerify;
import dev.liftoff.postgres.VerifyConfig;
import dev.liftoff.postgres.VerifyResult;
import dev.liftoff.postgres.journal.CopyJournal;
import dev.liftoff.postgres.verify.Verifier;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * The migration's PostgreSQL sync ({@link PgSync}: change capture installed, one-snapshot copy, then live apply), run
 * inside this process on the sync's own thread. Started by the PostgreSQL sync phase, or by the cutover when a rerun
 * resumes there (the sync resumes from its own bookkeeping on the target). Thread-safe; {@link #close()} stops the
 * sync.
 */
public final class PgLink implements StoreLink {
    private static final Duration POLL = Duration.ofMillis(200);

    private final PostgresUrl source;
    private final PostgresUrl target;
    private final PrintStream status;
    private PgSyncRun running;
    private Verifier.Pinned pinned;

    /** @param status where the copy's progress and the sync's notices go; the caller owns it */
    public PgLink(PostgresUrl source, PostgresUrl target, PrintStream status) {
        this.source = source;
        this.target = target;
        this.status = status;
    }

    @Override
    public String name() {
        return "postgres";
    }

    /**
     * Starts the sync unless this process runs it already, and waits until it streams changes (its copy done).
     *
     * @throws LiftoffException what the sync failed with, or when it does not stream within {@code timeout}
     */
    public synchronized PgSyncStatus start(Duration timeout) {
        if (running == null || running.isDone()) {
            running = PgSync.start(PgSyncConfig.of(source, target), status, line -> status.println("pg sync: " + line));
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            // Status first: once streaming, every later call (the cutover's lag and finish, inside the write freeze)
            // returns at once instead of first waiting a poll interval on the running sync.
            if (running.isDone()) {
                PgSyncRun ended = running;
                running = null;
                ended.await();
                throw LiftoffException.environment("the PostgreSQL sync stopped before streaming; run again to resume");
            }
            PgSyncStatus s = PgSync.status(source, target);
            if (PgSyncStatus.STREAMING.equals(s.phase())) {
                return s;
            }
            if (System.nanoTime() > deadline) {
                throw LiftoffException.environment("the PostgreSQL sync did not finish its copy within "
                        + Durations.human(timeout) + " (phase " + s.phase() + "); run again to resume");
            }
            running.await(POLL);
        }
    }

    @Override
    public Duration lag() {
        Double seconds = start(Duration.ofHours(6)).lagSeconds();
        return Duration.ofMillis(seconds == null ? 0 : Math.round(seconds * 1000));
    }

    @Override
    public boolean finish(Duration timeout) {
        start(Duration.ofHours(6));
        try {
            PgSync.finish(new PgFinishConfig(source, target, timeout));
            return true;
        } catch (LiftoffException e) {
            if (e.code() == ErrorCode.CHECK_FAILED) {
                return false;
            }
            throw e;
        }
    }

    /**
     * Compares every table's count and digest and every sequence: exact, since it runs while writes are frozen and the
     * sync has finished. Not the definitions: the copy took them from the source's snapshot and a migration does not
     * change them, and reading both catalogs in full would lengthen the write freeze. Bounded by {@code timeout} (the
     * freeze left): a comparison still running then is cancelled on both servers and the verdict says so.
     */
    @Override
    public Verdict quickVerify(Duration timeout) {
        Optional<VerifyResult> done = PgVerify.run(exactData(), timeout);
        if (done.isEmpty()) {
            return Verdict.differs("the exact comparison did not finish within the " + Durations.human(timeout)
                    + " of freeze left (cancelled); raise cutover.max_write_freeze to give it the time this"
                    + " database needs (liftoff pg verify shows how long that is), or set cutover.verify:"
                    + " after_switch");
        }
        return verdict(done.get());
    }

    /**
     * Takes both databases' snapshots now (inside the freeze, so both hold the same data) for {@link #verifyPinned()}
     * to compare after the switch, however long that takes.
     */
    @Override
    public synchronized Verdict pin(Duration timeout) {
        releasePinned();
        pinned = PgVerify.pin(exactData(), status); // the comparison after the switch may take minutes: show it
        return Verdict.same("snapshots taken for the exact comparison after the switch");
    }

    @Override
    public synchronized Optional<Verdict> verifyPinned() {
        if (pinned == null) {
            return Optional.empty();
        }
        try (Verifier.Pinned p = pinned) {
            pinned = null;
            return Optional.of(verdict(p.compare()));
        }
    }

    @Override
    public synchronized void releasePinned() {
        if (pinned != null) {
            pinned.close();
            pinned = null;
        }
    }

    /** Every table's rows and every sequence; not the definitions, which the copy took and a migration keeps. */
    private VerifyConfig exactData() {
        return VerifyConfig.of(source, target).withCompareSchema(false);
    }

    private static Verdict verdict(VerifyResult r) {
        if (r.equal()) {
            return Verdict.same(String.format(
                    Locale.ROOT,
                    "%d %s, %,d rows equal",
                    r.tables().size(),
                    r.tables().size() == 1 ? "table" : "tables",
                    r.rowsCompared()));
        }
        return Verdict.differs(r.differences().size() + " objects differ (first: "
                + r.differences().getFirst() + ")");
    }

    /**
     * Rows and tables the copy put on the target, from the copy's journal there; empty when it cannot be read (the
     * figures are for the report, the sync does not depend on them).
     */
    public Optional<long[]> copied() {
        try {
            return CopyJournal.read(target).map(state -> new long[] {
                state.chunks().stream()
                        .filter(c -> c.kind().equals(CopyJournal.ChunkState.ROWS))
                        .mapToLong(CopyJournal.ChunkState::rows)
                        .sum(),
                state.chunks().stream()
                        .filter(c -> c.kind().equals(CopyJournal.ChunkState.ROWS))
                        .map(CopyJournal.ChunkState::relation)
                        .distinct()
                        .count()
            });
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    @Override
    public synchronized void close() {
        if (running != null) {
            running.close();
            running = null;
        }
    }
}
