package dev.liftoff.postgres.sync;

import dev.liftoff.core.Durations;
import dev.liftoff.core.ErrorCode;
import dev.liftoff.core.LiftoffException;
import dev.liftoff.core.PostgresUrl;
import dev.liftoff.core.Redaction;
import dev.liftoff.postgres.CaptureMethod;
import dev.liftoff.postgres.PgSyncConfig;
import dev.liftoff.postgres.PgSyncResult;
import dev.liftoff.postgres.jdbc.PgConnect;
import dev.liftoff.postgres.jdbc.Side;
import dev.liftoff.postgres.preflight.DatabaseIdentity;
import dev.liftoff.postgres.preflight.Preflight;
import dev.liftoff.postgres.sync.apply.Applier;
import dev.liftoff.postgres.sync.logical.LogicalCapture;
import dev.liftoff.postgres.sync.triggers.TriggerCapture;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One run of {@code pg sync}: preflight, capture install, the initial copy under a snapshot the capture is exact
 * against, then streaming until stopped, reconnecting with exponential backoff after failures that a reconnect can
 * cure. Every step resumes from what the source and target record, so a rerun after a stop, a crash or a
 * {@code SIGKILL} carries on without losing or repeating a change. Public only for the facade and tests; use
 * {@link dev.liftoff.postgres.PgSync}. {@link #run()} runs on one thread; {@link #stop()} and {@link #counters()} may
 * be called from any.
 */
public final class SyncEngine {
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(200);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

    private final PgSyncConfig config;
    private final InitialCopy initialCopy;
    private final Consumer<String> notice;
    private final StopSignal stop = new StopSignal();
    private final SyncCounters counters = new SyncCounters();

    /**
     * @param initialCopy the copy to start from
     * @param notice receives one-line notes for people (capture choice, reconnects); called on the sync thread
     */
    public SyncEngine(PgSyncConfig config, InitialCopy initialCopy, Consumer<String> notice) {
        this.config = config;
        this.initialCopy = initialCopy;
        this.notice = notice;
    }

    public SyncCounters counters() {
        return counters;
    }

    /** Asks the run to stop after the batch in flight; returns at once. */
    public void stop() {
        stop.raise();
    }

    /**
     * Runs until stopped. Blocks.
     *
     * @throws LiftoffException naming the problem and the fix when the sync cannot go on
     */
    public PgSyncResult run() {
        long start = System.nanoTime();
        try {
            Prepared p = prepare();
            if (!stop.raised()) {
                counters.phase("streaming");
                stream(p.capture);
            }
            counters.phase("stopped");
            return new PgSyncResult(
                    config.source().toString(),
                    config.target().toString(),
                    p.capture.label(),
                    p.reason,
                    p.copied,
                    counters.changes(),
                    counters.transactions(),
                    (System.nanoTime() - start) / 1e9);
        } catch (SQLException e) {
            counters.phase("failed");
            throw failure(e);
        } catch (RuntimeException e) {
            counters.phase("failed");
            throw e;
        }
    }

    private record Prepared(ChangeCapture capture, String reason, boolean copied) {}

    private Prepared prepare() throws SQLException {
        PostgresUrl src = config.source();
        PostgresUrl tgt = config.target();
        Optional<TargetBook.State> state;
        Optional<SourceBook.Meta> meta;
        SourceSchema tables;
        try (Connection s = PgConnect.open(src, Side.SOURCE);
                Connection t = PgConnect.open(tgt, Side.TARGET)) {
            DatabaseIdentity sid = DatabaseIdentity.of(s);
            Preflight.refuseSameDatabase(sid, DatabaseIdentity.of(t), src, tgt);
            if (TargetLock.holder(t).isPresent()) {
                throw LiftoffException.environment("another liftoff pg sync is already applying to " + tgt.shortName()
                        + " (target backend pid " + TargetLock.holder(t).getAsInt() + "); stop it first, or check"
                        + " with liftoff pg status");
            }
            if (config.copy().restart()) {
                dropTargetBook(t);
            }
            state = TargetBook.read(t);
            meta = SourceBook.read(s);
            tables = SourceSchema.read(s);
            if (state.isPresent()) {
                TargetBook.State st = state.get();
                requireSameMethod(st.capture());
                if (meta.isEmpty() || !meta.get().capture().equals(st.capture())) {
                    throw LiftoffException.environment("the target " + tgt.shortName() + " holds a sync position but"
                            + " the source " + src.shortName() + " has no matching liftoff change capture (was liftoff"
                            + " pg cleanup run on the source, or is this another source?); start over with liftoff pg"
                            + " cleanup and liftoff pg sync into an empty target");
                }
                counters.capture(st.capture());
                notice.accept("resuming the " + st.capture() + " sync into " + tgt.shortName() + " at "
                        + st.appliedChanges() + " changes applied");
                return new Prepared(capture(st.capture()), "resumed", false);
            }
            if (meta.isPresent()) {
                requireSameTarget(meta.get());
                requireSameMethod(meta.get().capture());
            }
            String label;
            String reason;
            if (meta.isPresent()) {
                label = meta.get().capture();
                reason = "capture was installed by an earlier run";
            } else {
                CaptureChoice choice = CaptureChoice.choose(s, config.capture(), tables);
                label = choice.method().label();
                reason = choice.reason();
                notice.accept("capture: " + label + " (" + reason + ")");
            }
            counters.capture(label);
            ChangeCapture capture = capture(label);
            return copyPhase(capture, reason, meta, tables, SourceSchema.currentFingerprint(s));
        }
    }

    private Prepared copyPhase(
            ChangeCapture capture,
            String reason,
            Optional<SourceBook.Meta> meta,
            SourceSchema tables,
            String fingerprint)
            throws SQLException {
        counters.phase("copying");
        HeldSnapshot held = null;
        try {
            if (meta.isEmpty() || meta.get().installSnapshot().isEmpty()) {
                held = capture.install(tables, fingerprint, config.target().toString());
            }
            SourceBook.Meta installed;
            try (Connection s = PgConnect.open(config.source(), Side.SOURCE)) {
                installed = SourceBook.read(s).orElseThrow();
            }
            Optional<Map<String, Snapshot>> done = config.copy().restart() ? Optional.empty() : initialCopy.finished();
            Map<String, Snapshot> copied;
            boolean didCopy = false;
            if (done.isPresent()) {
                copied = done.get();
            } else {
                if (held == null) {
                    held = capture.snapshotForCopy();
                }
                notice.accept("copying the source into the target under the capture's snapshot");
                copied = initialCopy.copy(held.name());
                didCopy = true;
            }
            if (held != null) {
                held.close();
                held = null;
            }
            Map<String, Snapshot> perTable = checkCopy(installed, copied);
            List<Snapshot> all = new ArrayList<>(perTable.values());
            all.add(installed.installSnapshot().orElseThrow());
            Snapshot base = Snapshot.intersection(all);
            try (Connection s = PgConnect.open(config.source(), Side.SOURCE);
                    Connection t = PgConnect.open(config.target(), Side.TARGET)) {
                String position = capture.startPosition(base);
                t.setAutoCommit(false);
                TargetBook.create(t, capture.label(), config.source().toString(), position, perTable);
                t.commit();
            }
            return new Prepared(capture, reason, didCopy);
        } finally {
            if (held != null) {
                held.close();
            }
        }
    }

    /**
     * Every captured table must have been copied under a snapshot that sees at least what the install snapshot
     * sees; else transactions that wrote before capture began and after the copy's snapshot are in neither.
     */
    private Map<String, Snapshot> checkCopy(SourceBook.Meta meta, Map<String, Snapshot> copied) {
        Snapshot installed = meta.installSnapshot().orElseThrow();
        Map<String, Snapshot> out = new LinkedHashMap<>();
        List<String> stale = new ArrayList<>();
        for (SourceTable t : meta.tables().tables().values()) {
            if (t.kind() != 'r') {
                continue;
            }
            Snapshot s = copied.get(t.qualified());
            if (s == null) {
                throw LiftoffException.environment("the copy on the target has no rows of " + t.qualified()
                        + ", which change capture covers; rerun with --restart to copy again, or start over with"
                        + " liftoff pg cleanup and an empty target");
            }
            if (!installed.seenBy(s)) {
                stale.add(t.qualified());
            }
            out.put(t.qualified(), s);
        }
        if (!stale.isEmpty()) {
            throw LiftoffException.environment("the target's copy of " + stale.get(0)
                    + (stale.size() > 1 ? " and " + (stale.size() - 1) + " more tables" : "")
                    + " was taken before change capture started on the source, so changes made in between are in"
                    + " neither; run liftoff pg sync again with --restart to copy again under capture");
        }
        return out;
    }

    private void stream(ChangeCapture capture) throws SQLException {
        Instant failingSince = null;
        Duration backoff = FIRST_BACKOFF;
        while (!stop.raised()) {
            Instant before = counters.lastCommit();
            try (Applier applier = Applier.open(PgConnect.open(config.target(), Side.TARGET))) {
                Connection t = applier.connection();
                if (!TargetLock.tryLock(t)) {
                    if (failingSince != null) {
                        // Our own earlier session may not have ended on the server yet.
                        throw new SQLException("the target still holds the previous session's lock", "55P03");
                    }
                    throw LiftoffException.environment("another liftoff pg sync is already applying to "
                            + config.target().shortName() + "; stop it first, or check with liftoff pg status");
                }
                TargetBook.State state = TargetBook.read(t)
                        .orElseThrow(() -> LiftoffException.environment("liftoff's sync position vanished from the"
                                + " target " + config.target().shortName() + " (was liftoff pg cleanup run?)"));
                t.commit();
                if (failingSince != null) {
                    notice.accept("reconnected; resuming at " + state.appliedChanges() + " changes applied");
                }
                capture.stream(state.position(), state.tableSnapshots(), new ApplySink(applier, counters), stop);
                return;
            } catch (SQLException | RuntimeException e) {
                if (stop.raised() || !Failures.isRetriable(e)) {
                    throw e;
                }
                Instant lastCommit = counters.lastCommit();
                if (failingSince == null || (lastCommit != null && !lastCommit.equals(before))) {
                    failingSince = Instant.now();
                    backoff = FIRST_BACKOFF;
                }
                Duration failing = Duration.between(failingSince, Instant.now());
                if (failing.compareTo(config.retryFor()) >= 0) {
                    throw LiftoffException.environment(
                            Redaction.maskUserInfo("gave up after retrying for "
                                    + Durations.human(failing) + ": " + Failures.describe(e)
                                    + "; check that both servers are"
                                    + " up and reachable, then run liftoff pg sync again to resume"),
                            e);
                }
                notice.accept(Redaction.maskUserInfo(
                        "connection lost (" + Failures.describe(e) + "); retrying in " + Durations.human(backoff)));
                stop.sleep(backoff);
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
        }
    }

    private ChangeCapture capture(String label) {
        return switch (label) {
            case "triggers" -> new TriggerCapture(config.source(), notice);
            case "logical" -> new LogicalCapture(config.source(), notice);
            default ->
                throw LiftoffException.environment("the source's liftoff bookkeeping names a capture method '"
                        + label + "' this liftoff does not know; use the liftoff that started the sync, or start over"
                        + " with liftoff pg cleanup");
        };
    }

    private void requireSameMethod(String running) {
        if (config.capture() != CaptureMethod.AUTO && !config.capture().label().equals(running)) {
            throw LiftoffException.usage("this sync already captures with " + running + "; run pg sync without"
                    + " --capture (or with --capture " + running + "), or start over with liftoff pg cleanup");
        }
    }

    private void requireSameTarget(SourceBook.Meta meta) {
        if (!meta.target().equals(config.target().toString())) {
            throw LiftoffException.environment("the source " + config.source().shortName() + " is already captured"
                    + " for a sync into " + meta.target() + "; finish that one, or remove its capture with liftoff pg"
                    + " cleanup --source ... --target " + meta.target());
        }
    }

    private static void dropTargetBook(Connection t) throws SQLException {
        try (Statement st = t.createStatement()) {
            st.execute("DROP TABLE IF EXISTS _liftoff.sync_state, _liftoff.sync_table");
        }
    }

    private static LiftoffException failure(SQLException e) {
        ErrorCode code = e.getSQLState() != null
                        && (e.getSQLState().startsWith("23") || e.getSQLState().startsWith("22"))
                ? ErrorCode.CHECK_FAILED
                : ErrorCode.ENVIRONMENT;
        return new LiftoffException(
                code,
                Redaction.maskUserInfo("sync stopped: " + Failures.describe(e)
                        + "; fix the cause and run liftoff pg sync again to resume where it stopped"),
                e);
    }
}
