package dev.liftoff.postgres.sync.triggers;

import dev.liftoff.core.LiftoffException;
import dev.liftoff.postgres.sync.ChangeSink;
import dev.liftoff.postgres.sync.SchemaGuard;
import dev.liftoff.postgres.sync.Snapshot;
import dev.liftoff.postgres.sync.SourceSchema;
import dev.liftoff.postgres.sync.SourceTable;
import dev.liftoff.postgres.sync.apply.Change;
import dev.liftoff.postgres.sync.apply.Relation;
import dev.liftoff.postgres.sync.apply.Row;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads the changelog that trigger capture fills and hands committed transactions to a {@link ChangeSink} in
 * source commit order.
 *
 * <p>Triggers cannot see commit order, so reading goes by snapshots. A cycle takes a fresh snapshot and applies the
 * transactions it sees that the last applied snapshot did not (their rows are all committed and stay put), ordered by
 * each transaction's last changelog id. Two transactions that touch the same row are ordered by the row lock: the
 * second writes that row only after the first committed, so its last id is higher; transactions that touch no common
 * row commute. Every transaction of a cycle committed after every transaction of the cycles before it (it was not
 * visible to their snapshot), so cycles keep commit order too. Changes a table's copy already contains (its
 * transaction is visible in the snapshot that table was copied under) are skipped.
 *
 * <p>Cycles are applied in pages of whole transactions, each page one target transaction committed with its position;
 * a transaction too big for a page is streamed through a cursor alone, so memory stays bounded. Not thread-safe; owns
 * and closes its source connection.
 */
public final class TriggerStream implements AutoCloseable {
    private static final int PAGE_ROWS = 5_000;
    private static final long PAGE_BYTES = 16L << 20;
    private static final int FETCH = 1_000;

    private static final String TRANSACTIONS = "SELECT txid::text, count(*), max(id),"
            + " coalesce(sum(octet_length(old_row)), 0) + coalesce(sum(octet_length(new_row)), 0)"
            + " FROM _liftoff.changelog WHERE txid >= ?::xid8 AND txid < ?::xid8 GROUP BY txid ORDER BY max(id)";
    private static final String PAGE = "SELECT c.txid::text, c.rel, c.op, c.old_row, c.new_row"
            + " FROM _liftoff.changelog c JOIN unnest(?::text[]::xid8[]) WITH ORDINALITY AS o(txid, ord)"
            + " ON o.txid = c.txid ORDER BY o.ord, c.id";
    private static final String ONE = "SELECT txid::text, rel, op, old_row, new_row FROM _liftoff.changelog"
            + " WHERE txid = ?::xid8 ORDER BY id";

    /** What a cycle did. */
    public record Cycle(TriggerPosition next, Instant snapshotTime, long transactions, boolean committed) {}

    private record Txn(long txid, long rows, long lastId, long bytes) {}

    private final Connection source;
    private final SourceSchema tables;
    private final long markerOid;
    private final Map<Long, Snapshot> copySnapshots;
    private final SchemaGuard guard;

    /**
     * @param source a source connection, owned from now on (its autocommit is turned off)
     * @param tables the captured tables as capture started: their OIDs and column order
     * @param markerOid the OID of {@code _liftoff.marker}
     * @param copySnapshots table OID to the snapshot its copy was taken under
     */
    public TriggerStream(
            Connection source,
            SourceSchema tables,
            long markerOid,
            Map<Long, Snapshot> copySnapshots,
            SchemaGuard guard)
            throws SQLException {
        this.source = source;
        this.tables = tables;
        this.markerOid = markerOid;
        this.copySnapshots = Map.copyOf(copySnapshots);
        this.guard = guard;
        try (Statement st = source.createStatement()) {
            st.execute("SET search_path = pg_catalog");
            st.execute("SET statement_timeout = 0");
        }
        source.setAutoCommit(false);
    }

    /** The connection, for the caller's own checks between cycles. */
    public Connection connection() {
        return source;
    }

    /**
     * Runs one cycle from {@code from}: applies every transaction committed since, through {@code sink}. A cycle that
     * a crash interrupted ({@code from.reading()} set) is finished with its own snapshot.
     */
    public Cycle cycle(TriggerPosition from, ChangeSink sink) throws SQLException {
        try {
            return run(from, sink);
        } finally {
            if (!source.getAutoCommit()) {
                source.rollback();
            }
        }
    }

    private Cycle run(TriggerPosition from, ChangeSink sink) throws SQLException {
        Snapshot applied = from.applied();
        Snapshot reading = from.reading();
        Instant time = null;
        if (reading == null) {
            try (Statement st = source.createStatement();
                    ResultSet rs = st.executeQuery("SELECT pg_current_snapshot()::text, clock_timestamp()")) {
                rs.next();
                reading = Snapshot.parse(rs.getString(1));
                time = rs.getTimestamp(2).toInstant();
            }
            source.commit();
        }
        long done = from.doneThrough();
        long transactions = 0;
        long marker = 0;
        boolean checked = false;
        List<Txn> page = new ArrayList<>();
        long pageRows = 0;
        long pageBytes = 0;
        try (PreparedStatement ps = source.prepareStatement(TRANSACTIONS)) {
            ps.setFetchSize(FETCH);
            ps.setString(1, Long.toUnsignedString(applied.xmin()));
            ps.setString(2, Long.toUnsignedString(reading.xmax()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Txn t = new Txn(
                            Long.parseUnsignedLong(rs.getString(1)), rs.getLong(2), rs.getLong(3), rs.getLong(4));
                    if (applied.isVisible(t.txid) || !reading.isVisible(t.txid) || t.lastId <= done) {
                        continue;
                    }
                    if (!checked) {
                        guard.check(source);
                        checked = true;
                    }
                    if (!page.isEmpty() && (pageRows + t.rows > PAGE_ROWS || pageBytes + t.bytes > PAGE_BYTES)) {
                        marker = Math.max(marker, applyPage(page, sink));
                        done = page.get(page.size() - 1).lastId;
                        sink.commit(new TriggerPosition(applied, reading, done).encode(), null, page.size(), 0);
                        transactions += page.size();
                        page.clear();
                        pageRows = 0;
                        pageBytes = 0;
                    }
                    page.add(t);
                    pageRows += t.rows;
                    pageBytes += t.bytes;
                }
            }
        }
        TriggerPosition next = TriggerPosition.after(reading);
        if (page.isEmpty() && from.reading() == null && transactions == 0) {
            return new Cycle(next, time, 0, false);
        }
        if (!page.isEmpty()) {
            marker = Math.max(marker, applyPage(page, sink));
        }
        transactions += page.size();
        // A marker counts as passed only with its whole cycle: a transaction that committed before it may come
        // later in the cycle's order.
        sink.commit(next.encode(), time, page.size(), marker);
        return new Cycle(next, time, transactions, true);
    }

    /** Applies the rows of {@code page}'s transactions in order; returns the highest marker among them. */
    private long applyPage(List<Txn> page, ChangeSink sink) throws SQLException {
        long marker = 0;
        PreparedStatement ps;
        if (page.size() == 1) {
            ps = source.prepareStatement(ONE);
            ps.setString(1, Long.toUnsignedString(page.get(0).txid));
        } else {
            ps = source.prepareStatement(PAGE);
            String[] ids = page.stream().map(t -> Long.toUnsignedString(t.txid)).toArray(String[]::new);
            ps.setArray(1, source.createArrayOf("text", ids));
        }
        try (ps) {
            ps.setFetchSize(FETCH);
            try (ResultSet rs = ps.executeQuery()) {
                List<Relation> truncated = new ArrayList<>();
                long truncTxid = -1;
                while (rs.next()) {
                    long txid = Long.parseUnsignedLong(rs.getString(1));
                    long rel = rs.getLong(2);
                    char op = rs.getString(3).charAt(0);
                    if (!truncated.isEmpty() && (op != 'T' || txid != truncTxid)) {
                        sink.change(new Change.Truncate(truncated));
                        truncated = new ArrayList<>();
                    }
                    if (rel == markerOid) {
                        if (op == 'I') {
                            marker = Math.max(marker, Long.parseLong(RecordText.parse(rs.getString(5), 3)[0]));
                        }
                        continue;
                    }
                    SourceTable table = tables.byOid(rel)
                            .orElseThrow(() -> SchemaGuard.ddl("a table with OID " + rel
                                    + " that was not there when capture started got changes"));
                    Snapshot copied = copySnapshots.get(rel);
                    if (copied != null && copied.isVisible(txid)) {
                        continue;
                    }
                    Relation r = table.relation();
                    switch (op) {
                        case 'I' -> sink.change(new Change.Insert(r, row(table, rs.getString(5))));
                        case 'U' ->
                            sink.change(new Change.Update(r, row(table, rs.getString(4)), row(table, rs.getString(5))));
                        case 'D' -> sink.change(new Change.Delete(r, row(table, rs.getString(4))));
                        case 'T' -> {
                            truncated.add(r);
                            truncTxid = txid;
                        }
                        default ->
                            throw LiftoffException.environment("the source changelog holds an operation '" + op
                                    + "' liftoff does not know; run liftoff pg cleanup and start again");
                    }
                }
                if (!truncated.isEmpty()) {
                    sink.change(new Change.Truncate(truncated));
                }
            }
        }
        return marker;
    }

    private static Row row(SourceTable table, String text) {
        try {
            return Row.of(RecordText.parse(text, table.columns().size()));
        } catch (IllegalArgumentException e) {
            throw SchemaGuard.ddl(
                    "a row of " + table.qualified() + " no longer matches its columns: " + e.getMessage());
        }
    }

    /**
     * Deletes the changelog rows of transactions the target has applied (every transaction visible in
     * {@code applied}, whose position is committed on the target).
     *
     * @return rows deleted
     */
    public long trim(Snapshot applied) throws SQLException {
        try (PreparedStatement ps = source.prepareStatement("DELETE FROM _liftoff.changelog WHERE txid < ?::xid8"
                + " AND pg_visible_in_snapshot(txid, ?::pg_snapshot)")) {
            ps.setString(1, Long.toUnsignedString(applied.xmax()));
            ps.setString(2, applied.toString());
            long n = ps.executeLargeUpdate();
            source.commit();
            return n;
        } catch (SQLException e) {
            source.rollback();
            throw e;
        }
    }

    /** Changes committed on the source that {@code applied} does not cover yet (markers left out). */
    public static long pending(Connection source, Snapshot applied, long markerOid) throws SQLException {
        try (PreparedStatement ps = source.prepareStatement("SELECT count(*) FROM _liftoff.changelog"
                + " WHERE txid >= ?::xid8 AND NOT pg_visible_in_snapshot(txid, ?::pg_snapshot) AND rel <> ?::oid")) {
            ps.setString(1, Long.toUnsignedString(applied.xmin()));
            ps.setString(2, applied.toString());
            ps.setLong(3, markerOid);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    @Override
    public void close() {
        try {
            source.close();
        } catch (SQLException e) {
            // Closing after use or after a failure: the server ends the session either way.
        }
    }
}
