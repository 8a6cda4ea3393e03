package dev.liftoff.postgres.sync.logical;

import dev.liftoff.core.LiftoffException;
import dev.liftoff.core.PostgresUrl;
import dev.liftoff.postgres.jdbc.PgConnect;
import dev.liftoff.postgres.jdbc.Side;
import dev.liftoff.postgres.sync.ChangeCapture;
import dev.liftoff.postgres.sync.ChangeSink;
import dev.liftoff.postgres.sync.HeldSnapshot;
import dev.liftoff.postgres.sync.Lsn;
import dev.liftoff.postgres.sync.SchemaGuard;
import dev.liftoff.postgres.sync.Snapshot;
import dev.liftoff.postgres.sync.SourceBook;
import dev.liftoff.postgres.sync.SourceSchema;
import dev.liftoff.postgres.sync.SourceTable;
import dev.liftoff.postgres.sync.StopSignal;
import dev.liftoff.postgres.sync.apply.Change;
import dev.liftoff.postgres.sync.apply.Relation;
import dev.liftoff.postgres.sync.apply.Row;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.function.Consumer;

/**
 * Logical decoding capture: a publication of the captured tables (and liftoff's marker table) and a {@code pgoutput}
 * slot created with an exported snapshot, which the copy takes, so decoding starts exactly where the copy ends.
 * Changes arrive in commit order; several source transactions go into one target transaction, whose position is the
 * last one's commit LSN; the slot is told to let WAL go only after that target transaction committed. A heartbeat
 * row written every second keeps the position's time current while the source is idle, so lag reads right.
 * Partitions are published as themselves, so a row moving between partitions arrives as a delete and an insert.
 * Not thread-safe.
 */
public final class LogicalCapture implements ChangeCapture {
    /** The publication's name on the source. */
    public static final String PUBLICATION = "liftoff_sync";

    private static final Duration HEARTBEAT = Duration.ofSeconds(1);
    private static final Duration SCHEMA_CHECK = Duration.ofSeconds(1);
    private static final Duration HEARTBEAT_TRIM = Duration.ofMinutes(1);
    private static final Duration IDLE = Duration.ofMillis(5);
    private static final int BATCH_CHANGES = 5_000;
    private static final Duration BATCH_TIME = Duration.ofMillis(100);

    private final PostgresUrl source;
    private final Consumer<String> notice;

    public LogicalCapture(PostgresUrl source, Consumer<String> notice) {
        this.source = source;
        this.notice = notice;
    }

    @Override
    public String label() {
        return "logical";
    }

    /** The slot's name: one per database, as a cluster's slots share one namespace. */
    static String slotName(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(
                        "SELECT 'liftoff_' || oid FROM pg_catalog.pg_database WHERE datname = current_database()")) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Override
    public HeldSnapshot install(SourceSchema tables, String fingerprint, String target) throws SQLException {
        String slot;
        try (Connection c = PgConnect.open(source, Side.SOURCE)) {
            c.setAutoCommit(false);
            slot = slotName(c);
            if (!SourceBook.exists(c)) {
                SourceBook.create(c, label(), target, tables, fingerprint);
                StringJoiner list = new StringJoiner(", ");
                for (SourceTable t : tables.tables().values()) {
                    if (!t.partition()) {
                        list.add(t.qualified());
                    }
                }
                list.add("_liftoff.marker");
                try (Statement st = c.createStatement()) {
                    st.execute("CREATE PUBLICATION " + PUBLICATION + " FOR TABLE " + list);
                }
                c.commit();
            } else {
                // A crash left a slot whose exported snapshot died with its session: nothing was read from it.
                c.setAutoCommit(true);
                dropSlot(c, slot);
            }
        }
        ReplicationConnection rc = ReplicationConnection.open(source);
        try {
            ReplicationConnection.Slot created = rc.createSlot(slot);
            try (Connection c = PgConnect.open(source, Side.SOURCE)) {
                Snapshot exported;
                try (Statement st = c.createStatement()) {
                    st.execute("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY");
                    st.execute("SET TRANSACTION SNAPSHOT '" + created.snapshotName() + "'");
                    try (ResultSet rs = st.executeQuery("SELECT pg_catalog.pg_current_snapshot()::text")) {
                        rs.next();
                        exported = Snapshot.parse(rs.getString(1));
                    }
                    st.execute("COMMIT");
                }
                c.setAutoCommit(false);
                SourceBook.markInstalled(c, exported);
                c.commit();
            }
            notice.accept("replication slot " + created.name() + " created at " + created.consistentPoint());
            return new HeldSnapshot(created.snapshotName(), rc);
        } catch (SQLException | RuntimeException e) {
            rc.close();
            throw e;
        }
    }

    @Override
    public HeldSnapshot snapshotForCopy() throws SQLException {
        return HeldSnapshot.export(PgConnect.open(source, Side.SOURCE));
    }

    @Override
    public String startPosition(Snapshot copied) throws SQLException {
        try (Connection c = PgConnect.open(source, Side.SOURCE);
                PreparedStatement ps = c.prepareStatement("SELECT confirmed_flush_lsn::text"
                        + " FROM pg_catalog.pg_replication_slots WHERE slot_name = ?")) {
            ps.setString(1, slotName(c));
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next() || rs.getString(1) == null) {
                    throw LiftoffException.environment("replication slot " + slotName(c) + " is missing on the"
                            + " source; start over with liftoff pg cleanup and liftoff pg sync into an empty target");
                }
                return rs.getString(1);
            }
        }
    }

    @Override
    public void stream(String position, Map<String, Snapshot> copySnapshots, ChangeSink sink, StopSignal stop)
            throws SQLException {
        try (Connection helper = PgConnect.open(source, Side.SOURCE)) {
            try (Statement st = helper.createStatement()) {
                st.execute("SET synchronous_commit = on");
            }
            SourceBook.Meta meta = SourceBook.read(helper)
                    .orElseThrow(() -> LiftoffException.environment("the source " + source.shortName()
                            + " has no liftoff change capture (was liftoff pg cleanup run?); start over with liftoff"
                            + " pg cleanup and liftoff pg sync into an empty target"));
            String slot = slotName(helper);
            SchemaGuard guard = new SchemaGuard(meta.tables(), meta.fingerprint());
            guard.check(helper);
            try (ReplicationConnection rc = ReplicationConnection.open(source);
                    WalStream ws = rc.stream(slot, PUBLICATION, Lsn.parse(position))) {
                new Session(helper, ws, meta.tables(), copySnapshots, guard, sink, stop, Lsn.parse(position)).run();
            }
        }
    }

    /** The state of one streaming session. */
    private static final class Session {
        private final Connection helper;
        private final WalStream ws;
        private final SourceSchema tables;
        private final Map<String, Snapshot> copySnapshots;
        private final SchemaGuard guard;
        private final ChangeSink sink;
        private final StopSignal stop;
        private final Map<Integer, Rel> relations = new HashMap<>();
        private Lsn applied;
        private boolean inTransaction;
        private boolean skipTransaction;
        private int xid;
        private Instant commitTime;
        private Lsn lastCommit;
        private Lsn lastEnd;
        private Instant lastCommitTime;
        private long batchTransactions;
        private long batchChanges;
        private long batchStart;
        private long marker;
        private long lastHeartbeat;
        private long lastCheck = System.nanoTime();
        private long lastTrim = System.nanoTime();

        /** A relation as the stream described it, tied to the captured table. */
        private record Rel(Relation relation, boolean marker, Snapshot copied) {}

        Session(
                Connection helper,
                WalStream ws,
                SourceSchema tables,
                Map<String, Snapshot> copySnapshots,
                SchemaGuard guard,
                ChangeSink sink,
                StopSignal stop,
                Lsn applied) {
            this.helper = helper;
            this.ws = ws;
            this.tables = tables;
            this.copySnapshots = copySnapshots;
            this.guard = guard;
            this.sink = sink;
            this.stop = stop;
            this.applied = applied;
        }

        void run() throws SQLException {
            while (!stop.raised() || inTransaction) {
                ByteBuffer buf = ws.poll();
                if (buf == null) {
                    idle();
                    continue;
                }
                handle(PgOutput.decode(buf));
            }
            if (batchTransactions > 0) {
                commitBatch();
            }
            ws.sendStatus();
        }

        private void idle() throws SQLException {
            if (!inTransaction && batchTransactions > 0) {
                commitBatch();
                return;
            }
            long now = System.nanoTime();
            if (!inTransaction && batchTransactions == 0) {
                // Everything received is applied: the slot may let it go.
                ws.confirm(ws.lastReceived().isAfter(applied) ? ws.lastReceived() : applied);
            }
            if (now - lastHeartbeat > HEARTBEAT.toNanos()) {
                SourceBook.writeMarker(helper, 'h');
                lastHeartbeat = now;
            }
            if (now - lastCheck > SCHEMA_CHECK.toNanos()) {
                guard.check(helper);
                lastCheck = now;
            }
            if (now - lastTrim > HEARTBEAT_TRIM.toNanos()) {
                try (Statement st = helper.createStatement()) {
                    st.executeUpdate("DELETE FROM _liftoff.marker WHERE kind = 'h'"
                            + " AND id < (SELECT max(id) FROM _liftoff.marker) - 100");
                }
                lastTrim = now;
            }
            stop.sleep(IDLE);
        }

        private void handle(PgOutput.Message m) throws SQLException {
            switch (m) {
                case PgOutput.Begin b -> {
                    inTransaction = true;
                    xid = b.xid();
                    commitTime = b.commitTime();
                    // Already applied before a restart: the target's position is this commit or later.
                    skipTransaction = !b.finalLsn().isAfter(applied);
                    if (batchTransactions == 0) {
                        batchStart = System.nanoTime();
                    }
                }
                case PgOutput.Commit c -> {
                    inTransaction = false;
                    if (!skipTransaction) {
                        batchTransactions++;
                        lastCommit = c.commitLsn();
                        lastEnd = c.endLsn();
                        lastCommitTime = commitTime;
                        if (batchChanges >= BATCH_CHANGES || System.nanoTime() - batchStart >= BATCH_TIME.toNanos()) {
                            commitBatch();
                        }
                    }
                    if (System.nanoTime() - lastCheck > SCHEMA_CHECK.toNanos()) {
                        guard.check(helper);
                        lastCheck = System.nanoTime();
                    }
                }
                case PgOutput.Relation r -> relations.put(r.oid(), describe(r));
                case PgOutput.Insert i -> {
                    Rel rel = rel(i.relation());
                    if (rel.marker) {
                        marker(i.row());
                    } else if (!skip(rel)) {
                        change(new Change.Insert(rel.relation, row(i.row())));
                    }
                }
                case PgOutput.Update u -> {
                    Rel rel = rel(u.relation());
                    if (!rel.marker && !skip(rel)) {
                        change(new Change.Update(rel.relation, u.old() == null ? null : row(u.old()), row(u.row())));
                    }
                }
                case PgOutput.Delete d -> {
                    Rel rel = rel(d.relation());
                    if (!rel.marker && !skip(rel)) {
                        change(new Change.Delete(rel.relation, row(d.old())));
                    }
                }
                case PgOutput.Truncate t -> {
                    List<Relation> list = new ArrayList<>();
                    for (int oid : t.relations()) {
                        Rel rel = rel(oid);
                        if (!rel.marker && !skip(rel)) {
                            list.add(rel.relation);
                        }
                    }
                    if (!list.isEmpty()) {
                        change(new Change.Truncate(list));
                    }
                }
                case PgOutput.Other o -> {
                    // Types and origins need no action: values arrive as text, and liftoff replicates one origin.
                }
            }
        }

        private void change(Change c) throws SQLException {
            sink.change(c);
            batchChanges++;
        }

        private boolean skip(Rel rel) {
            return skipTransaction || (rel.copied != null && rel.copied.isVisibleXid(xid));
        }

        private void marker(PgOutput.Tuple row) {
            if (!skipTransaction && "f".equals(row.values()[1])) {
                marker = Math.max(marker, Long.parseLong(row.values()[0]));
            }
        }

        private void commitBatch() throws SQLException {
            sink.commit(lastCommit.toString(), lastCommitTime, batchTransactions, marker);
            applied = lastCommit;
            ws.confirm(lastEnd);
            batchTransactions = 0;
            batchChanges = 0;
            marker = 0;
        }

        private Rel rel(int oid) {
            Rel r = relations.get(oid);
            if (r == null) {
                throw new IllegalStateException("pgoutput sent a change of relation " + oid + " before describing it");
            }
            return r;
        }

        private Rel describe(PgOutput.Relation r) throws SQLException {
            List<String> names = r.columns().stream().map(PgOutput.Column::name).toList();
            if (r.schema().equals(SourceBook.SCHEMA) && r.name().equals("marker")) {
                return new Rel(new Relation(r.schema(), r.name(), names), true, null);
            }
            SourceTable table = tables.byOid(Integer.toUnsignedLong(r.oid()))
                    .orElseThrow(() -> SchemaGuard.ddl("table " + new Relation(r.schema(), r.name(), names).qualified()
                            + " was not captured when the sync began"));
            if (!table.relation().name().equals(r.name())
                    || !table.relation().schema().equals(r.schema())) {
                throw SchemaGuard.ddl("table " + table.qualified() + " is now called "
                        + new Relation(r.schema(), r.name(), names).qualified());
            }
            if (table.columns().equals(names)) {
                return new Rel(table.relation(), false, copySnapshots.get(table.qualified()));
            }
            // pgoutput leaves generated columns out (before PostgreSQL 18), so fewer names is not yet DDL: the
            // guard compares the catalog with the baseline and names a real change.
            guard.check(helper);
            if (!inOrderWithin(names, table.columns())) {
                throw SchemaGuard.ddl(
                        "table " + table.qualified() + " had columns " + table.columns() + " and now has " + names);
            }
            return new Rel(
                    new Relation(table.relation().schema(), table.relation().name(), names),
                    false,
                    copySnapshots.get(table.qualified()));
        }

        private static boolean inOrderWithin(List<String> some, List<String> all) {
            int i = 0;
            for (String name : all) {
                if (i < some.size() && some.get(i).equals(name)) {
                    i++;
                }
            }
            return i == some.size();
        }

        private static Row row(PgOutput.Tuple t) {
            return Row.withUnchanged(t.values(), t.unchanged());
        }
    }

    /** WAL the slot holds back for the sync, in bytes; empty when there is no slot. */
    public static Optional<Long> slotLag(Connection c) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("SELECT pg_catalog.pg_wal_lsn_diff(pg_catalog.pg_current_wal_lsn(),"
                        + " confirmed_flush_lsn)::bigint FROM pg_catalog.pg_replication_slots WHERE slot_name = ?")) {
            ps.setString(1, slotName(c));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(Math.max(0, rs.getLong(1))) : Optional.empty();
            }
        }
    }

    /** Drops the slot and the publication if they exist (autocommit); returns what it dropped. */
    public static List<String> remove(Connection c) throws SQLException {
        List<String> out = new ArrayList<>();
        String slot = slotName(c);
        if (dropSlot(c, slot)) {
            out.add("replication slot " + slot);
        }
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(
                        "SELECT 1 FROM pg_catalog.pg_publication WHERE pubname = '" + PUBLICATION + "'")) {
            if (rs.next()) {
                try (Statement drop = c.createStatement()) {
                    drop.execute("DROP PUBLICATION " + PUBLICATION);
                }
                out.add("publication " + PUBLICATION);
            }
        }
        return out;
    }

    /**
     * Drops the slot, ending a walsender left over from a killed sync first (the caller made sure no sync runs).
     *
     * @return whether there was a slot
     */
    private static boolean dropSlot(Connection c, String slot) throws SQLException {
        for (int attempt = 0; ; attempt++) {
            Integer active;
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT active_pid FROM pg_catalog.pg_replication_slots WHERE slot_name = ?")) {
                ps.setString(1, slot);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return false;
                    }
                    active = (Integer) rs.getObject(1);
                }
            }
            if (active != null) {
                try (Statement st = c.createStatement()) {
                    st.executeQuery("SELECT pg_catalog.pg_terminate_backend(" + active + ")")
                            .close();
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT pg_catalog.pg_drop_replication_slot(?)")) {
                ps.setString(1, slot);
                ps.execute();
                return true;
            } catch (SQLException e) {
                if (!"55006".equals(e.getSQLState()) || attempt >= 50) {
                    throw e;
                }
                if (!c.getAutoCommit()) {
                    c.rollback();
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }
}
