package dev.liftoff.postgres.sync.triggers;

import dev.liftoff.core.LiftoffException;
import dev.liftoff.core.PostgresUrl;
import dev.liftoff.postgres.jdbc.PgConnect;
import dev.liftoff.postgres.jdbc.Side;
import dev.liftoff.postgres.sync.ChangeCapture;
import dev.liftoff.postgres.sync.ChangeSink;
import dev.liftoff.postgres.sync.HeldSnapshot;
import dev.liftoff.postgres.sync.SchemaGuard;
import dev.liftoff.postgres.sync.Snapshot;
import dev.liftoff.postgres.sync.SourceBook;
import dev.liftoff.postgres.sync.SourceSchema;
import dev.liftoff.postgres.sync.SourceTable;
import dev.liftoff.postgres.sync.StopSignal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Trigger capture: {@link TriggerInstaller}'s triggers fill a changelog on the source, {@link TriggerStream} reads it
 * in commit order. Exact against any snapshot taken after the triggers were committed: a transaction that wrote a
 * table before its trigger existed held a lock {@code CREATE TRIGGER} waited for, so it finished before the trigger
 * and is visible to the later snapshot. Not thread-safe.
 */
public final class TriggerCapture implements ChangeCapture {
    /** How often a quiet sync looks for changes (and so the delay a lone change waits at most). */
    static final Duration POLL = Duration.ofMillis(100);
    /**
     * The shortest time between the starts of two busy cycles. Each cycle pays fixed costs on both servers (a
     * snapshot, the changelog scan, the schema check, a target commit); under steady writes, cycles back to back
     * spent the source's CPU on those instead of the application's writes, for no lag that matters.
     */
    static final Duration MIN_CYCLE = Duration.ofMillis(100);
    /** How often applied changelog rows are deleted and, when idle, the schema is checked. */
    static final Duration HOUSEKEEPING = Duration.ofSeconds(1);

    private static final Duration LOCK_TIMEOUT = Duration.ofSeconds(2);

    private final PostgresUrl source;
    private final Consumer<String> notice;

    /**
     * @param source the source database
     * @param notice receives one-line progress notes
     */
    public TriggerCapture(PostgresUrl source, Consumer<String> notice) {
        this.source = source;
        this.notice = notice;
    }

    @Override
    public String label() {
        return "triggers";
    }

    @Override
    public HeldSnapshot install(SourceSchema tables, String fingerprint, String target) throws SQLException {
        try (Connection c = PgConnect.open(source, Side.SOURCE)) {
            c.setAutoCommit(false);
            if (!SourceBook.exists(c)) {
                SourceBook.create(c, label(), target, tables, fingerprint);
                TriggerInstaller.createObjects(c);
                c.commit();
            }
            SourceBook.Meta meta = SourceBook.read(c).orElseThrow();
            c.commit();
            int n = TriggerInstaller.installTriggers(c, meta.tables(), LOCK_TIMEOUT, notice);
            notice.accept("capture triggers installed on " + n + " tables of the source");
            if (meta.installSnapshot().isEmpty()) {
                // Begun after every trigger committed: it sees every transaction that wrote without a trigger.
                SourceBook.markInstalled(c);
                c.commit();
            }
            if (!SourceSchema.currentFingerprint(c).equals(meta.fingerprint())) {
                c.rollback();
                new SchemaGuard(meta.tables(), meta.fingerprint()).check(c);
            }
            c.commit();
        }
        return snapshotForCopy();
    }

    @Override
    public HeldSnapshot snapshotForCopy() throws SQLException {
        return HeldSnapshot.export(PgConnect.open(source, Side.SOURCE));
    }

    @Override
    public String startPosition(Snapshot copied) {
        return TriggerPosition.after(copied).encode();
    }

    @Override
    public void stream(String position, Map<String, Snapshot> copySnapshots, ChangeSink sink, StopSignal stop)
            throws SQLException {
        Connection c = PgConnect.open(source, Side.SOURCE);
        SourceBook.Meta meta;
        long markerOid;
        try {
            meta = SourceBook.read(c)
                    .orElseThrow(() -> LiftoffException.environment("the source " + source.shortName()
                            + " has no liftoff change capture (_liftoff.sync_meta is gone; was liftoff pg cleanup"
                            + " run?); start over with liftoff pg cleanup and liftoff pg sync into an empty target"));
            markerOid = SourceBook.markerOid(c);
        } catch (SQLException | RuntimeException e) {
            c.close();
            throw e;
        }
        Map<Long, Snapshot> byOid = new HashMap<>();
        for (SourceTable t : meta.tables().tables().values()) {
            Snapshot s = copySnapshots.get(t.qualified());
            if (s != null) {
                byOid.put(t.oid(), s);
            }
        }
        SchemaGuard guard = new SchemaGuard(meta.tables(), meta.fingerprint());
        try (TriggerStream ts = new TriggerStream(c, meta.tables(), markerOid, byOid, guard)) {
            TriggerPosition pos = TriggerPosition.decode(position);
            Snapshot trimmedThrough = null;
            Snapshot committed = pos.reading() == null ? pos.applied() : null;
            long lastHousekeeping = 0;
            while (!stop.raised()) {
                long cycleStart = System.nanoTime();
                TriggerStream.Cycle cycle = ts.cycle(pos, sink);
                pos = cycle.next();
                if (cycle.committed()) {
                    committed = pos.applied();
                }
                if (System.nanoTime() - lastHousekeeping > HOUSEKEEPING.toNanos()) {
                    if (committed != null && !committed.equals(trimmedThrough)) {
                        ts.trim(committed);
                        trimmedThrough = committed;
                    }
                    if (!cycle.committed()) {
                        guard.check(ts.connection());
                        ts.connection().rollback();
                    }
                    lastHousekeeping = System.nanoTime();
                }
                if (cycle.transactions() == 0) {
                    if (cycle.snapshotTime() != null) {
                        sink.caughtUp(cycle.snapshotTime());
                    }
                    stop.sleep(POLL);
                } else {
                    long rest = MIN_CYCLE.toNanos() - (System.nanoTime() - cycleStart);
                    if (rest > 0) {
                        stop.sleep(Duration.ofNanos(rest));
                    }
                }
            }
        }
    }
}
