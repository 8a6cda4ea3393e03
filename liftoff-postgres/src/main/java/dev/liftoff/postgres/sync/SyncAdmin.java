package dev.liftoff.postgres.sync;

import dev.liftoff.core.Durations;
import dev.liftoff.core.LiftoffException;
import dev.liftoff.core.PostgresUrl;
import dev.liftoff.core.Redaction;
import dev.liftoff.postgres.PgCleanupResult;
import dev.liftoff.postgres.PgFinishConfig;
import dev.liftoff.postgres.PgFinishResult;
import dev.liftoff.postgres.PgSyncStatus;
import dev.liftoff.postgres.jdbc.PgConnect;
import dev.liftoff.postgres.jdbc.Side;
import dev.liftoff.postgres.journal.CopyJournal;
import dev.liftoff.postgres.sync.logical.LogicalCapture;
import dev.liftoff.postgres.sync.triggers.TriggerInstaller;
import dev.liftoff.postgres.sync.triggers.TriggerPosition;
import dev.liftoff.postgres.sync.triggers.TriggerStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * {@code pg status}, {@code pg finish} and {@code pg cleanup}: each works from what the source and the target
 * record, so it runs in its own process beside a running {@code pg sync}. Public only for the facade; use
 * {@link dev.liftoff.postgres.PgSync}. Stateless; every call opens and closes its own connections.
 */
public final class SyncAdmin {
    private static final Duration FINISH_POLL = Duration.ofMillis(20);

    private SyncAdmin() {}

    /** See {@link dev.liftoff.postgres.PgSync#status}. */
    public static PgSyncStatus status(PostgresUrl source, PostgresUrl target) {
        try (Connection s = PgConnect.open(source, Side.SOURCE);
                Connection t = PgConnect.open(target, Side.TARGET)) {
            Optional<TargetBook.State> state = TargetBook.read(t);
            Optional<SourceBook.Meta> meta = SourceBook.read(s);
            boolean running = TargetLock.holder(t).isPresent();
            if (state.isEmpty()) {
                if (meta.isEmpty()) {
                    return new PgSyncStatus(
                            source.toString(),
                            target.toString(),
                            PgSyncStatus.NOT_STARTED,
                            null,
                            running,
                            null,
                            null,
                            null,
                            0,
                            0,
                            null,
                            null);
                }
                Integer copied = null;
                Integer total = null;
                Optional<CopyJournal.State> journal = CopyJournal.read(t);
                if (journal.isPresent()) {
                    List<CopyJournal.ChunkState> rows = journal.get().chunks().stream()
                            .filter(c -> c.kind().equals(CopyJournal.ChunkState.ROWS))
                            .toList();
                    total = rows.size();
                    copied = (int)
                            rows.stream().filter(CopyJournal.ChunkState::done).count();
                }
                return new PgSyncStatus(
                        source.toString(),
                        target.toString(),
                        PgSyncStatus.COPYING,
                        meta.get().capture(),
                        running,
                        null,
                        null,
                        null,
                        0,
                        0,
                        copied,
                        total);
            }
            TargetBook.State st = state.get();
            Instant now = sourceNow(s);
            Double lagSeconds;
            Long lagChanges = null;
            Long lagBytes = null;
            Instant since = st.positionTime().orElse(st.updatedAt());
            double behind = Math.max(0, Duration.between(since, now).toMillis() / 1000.0);
            if (st.capture().equals("triggers")) {
                lagChanges = SourceBook.exists(s)
                        ? TriggerStream.pending(
                                s, TriggerPosition.decode(st.position()).applied(), SourceBook.markerOid(s))
                        : null;
                lagSeconds = lagChanges != null && lagChanges == 0 ? 0.0 : behind;
            } else {
                lagBytes = LogicalCapture.slotLag(s).orElse(null);
                lagSeconds = behind;
            }
            String phase = st.phase().equals(TargetBook.FINISHED) ? PgSyncStatus.FINISHED : PgSyncStatus.STREAMING;
            return new PgSyncStatus(
                    source.toString(),
                    target.toString(),
                    phase,
                    st.capture(),
                    running,
                    lagSeconds,
                    lagChanges,
                    lagBytes,
                    st.appliedChanges(),
                    st.appliedTransactions(),
                    null,
                    null);
        } catch (SQLException e) {
            throw LiftoffException.environment(
                    Redaction.maskUserInfo("cannot read the sync's state: " + Failures.describe(e)), e);
        }
    }

    /** See {@link dev.liftoff.postgres.PgSync#finish}. */
    public static PgFinishResult finish(PgFinishConfig config) {
        long start = System.nanoTime();
        PostgresUrl source = config.source();
        PostgresUrl target = config.target();
        try (Connection s = PgConnect.open(source, Side.SOURCE);
                Connection t = PgConnect.open(target, Side.TARGET)) {
            TargetBook.State state = TargetBook.read(t)
                    .orElseThrow(() -> LiftoffException.environment("no sync streams into " + target.shortName()
                            + " yet; start one with liftoff pg sync (pg finish waits for a running sync)"));
            if (!SourceBook.exists(s)) {
                throw LiftoffException.environment("the source " + source.shortName() + " has no liftoff change"
                        + " capture; was liftoff pg cleanup run?");
            }
            boolean triggers = state.capture().equals("triggers");
            long markerId;
            long markerTxid;
            try (Statement st = s.createStatement()) {
                // Logical decoding sees a commit once its WAL is flushed: do not leave that to the WAL writer.
                st.execute("SET synchronous_commit = on");
            }
            try (Statement st = s.createStatement();
                    ResultSet rs = st.executeQuery("INSERT INTO _liftoff.marker (kind) VALUES ('f')"
                            + " RETURNING id, pg_catalog.pg_current_xact_id()::text")) {
                rs.next();
                markerId = rs.getLong(1);
                markerTxid = Long.parseUnsignedLong(rs.getString(2));
            }
            long deadline = System.nanoTime() + config.timeout().toNanos();
            TargetBook.State now = state;
            while (!passed(now, triggers, markerId, markerTxid)) {
                if (System.nanoTime() > deadline) {
                    throw timeout(config, s, t, now);
                }
                try {
                    Thread.sleep(FINISH_POLL.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw LiftoffException.environment("interrupted while waiting for the target to catch up", e);
                }
                now = TargetBook.read(t)
                        .orElseThrow(
                                () -> LiftoffException.environment(
                                        "liftoff's sync position vanished from the target while waiting (was liftoff pg cleanup run?)"));
            }
            double waited = (System.nanoTime() - start) / 1e9;
            List<String> notices = new ArrayList<>();
            int sequences = Sequences.copy(s, t, notices);
            t.setAutoCommit(true);
            TargetBook.markFinished(t);
            return new PgFinishResult(
                    source.toString(),
                    target.toString(),
                    state.capture(),
                    waited,
                    now.appliedChanges(),
                    sequences,
                    notices);
        } catch (SQLException e) {
            throw LiftoffException.environment(
                    Redaction.maskUserInfo("finish failed: " + Failures.describe(e) + "; run liftoff pg finish again"),
                    e);
        }
    }

    private static boolean passed(TargetBook.State state, boolean triggers, long markerId, long markerTxid) {
        if (triggers) {
            return TriggerPosition.decode(state.position()).applied().isVisible(markerTxid);
        }
        return state.marker() >= markerId;
    }

    private static LiftoffException timeout(PgFinishConfig config, Connection s, Connection t, TargetBook.State state)
            throws SQLException {
        OptionalInt holder = TargetLock.holder(t);
        PgSyncStatus status = status(config.source(), config.target());
        String lag = status.lagChanges() != null
                ? status.lagChanges() + " changes (" + seconds(status.lagSeconds()) + ")"
                : seconds(status.lagSeconds());
        return LiftoffException.checkFailed("the target did not catch up within "
                + Durations.human(config.timeout()) + ": it is " + lag + " behind the source"
                + (holder.isEmpty()
                        ? "; no liftoff pg sync is applying to it: start liftoff pg sync and run pg finish again"
                        : "; run pg finish again with a longer --timeout, or stop the application's writes first"));
    }

    private static String seconds(Double s) {
        return s == null ? "an unknown time" : Durations.human(Duration.ofMillis(Math.round(s * 1000)));
    }

    /** See {@link dev.liftoff.postgres.PgSync#cleanup}. */
    public static PgCleanupResult cleanup(PostgresUrl source, PostgresUrl target) {
        List<String> fromSource = new ArrayList<>();
        List<String> fromTarget = new ArrayList<>();
        try (Connection t = PgConnect.open(target, Side.TARGET)) {
            OptionalInt holder = TargetLock.holder(t);
            if (holder.isPresent()) {
                throw LiftoffException.environment("liftoff pg sync is still applying to " + target.shortName()
                        + " (target backend pid " + holder.getAsInt() + "); stop it (Ctrl-C or kill -TERM) first");
            }
            try (Connection s = PgConnect.open(source, Side.SOURCE)) {
                fromSource.addAll(TriggerInstaller.dropTriggers(s));
                fromSource.addAll(LogicalCapture.remove(s));
                if (SourceBook.exists(s) || schemaExists(s)) {
                    try (Statement st = s.createStatement()) {
                        st.execute("DROP SCHEMA IF EXISTS _liftoff CASCADE");
                    }
                    fromSource.add("schema _liftoff (changelog, capture function, markers, bookkeeping)");
                }
            }
            if (schemaExists(t)) {
                try (Statement st = t.createStatement()) {
                    st.execute("DROP SCHEMA _liftoff CASCADE");
                }
                fromTarget.add("schema _liftoff (sync position and copy journal)");
            }
        } catch (SQLException e) {
            throw LiftoffException.environment(
                    Redaction.maskUserInfo(
                            "cleanup failed: " + Failures.describe(e) + "; run liftoff pg cleanup again"),
                    e);
        }
        return new PgCleanupResult(source.toString(), target.toString(), fromSource, fromTarget);
    }

    private static boolean schemaExists(Connection c) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = ?)"); ) {
            ps.setString(1, SourceBook.SCHEMA);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private static Instant sourceNow(Connection s) throws SQLException {
        try (Statement st = s.createStatement();
                ResultSet rs = st.executeQuery("SELECT clock_timestamp()")) {
            rs.next();
            return rs.getTimestamp(1).toInstant();
        }
    }
}
