package dev.liftoff.postgres.sync.apply;

import dev.liftoff.core.LiftoffException;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Applies source changes to the target over one connection, in target transactions the caller delimits with
 * {@link #commit(PositionWrite)}, so that the caller's position is stored in the same transaction as the changes.
 *
 * <p>The session runs with {@code session_replication_role = replica}: the target's triggers (including foreign-key
 * checks) do not fire, as the source already ran them, so the target stores exactly what the source stored and
 * deferred foreign-key cycles need no ordering. Changes are queued per table and sent as pipelined JDBC batches;
 * within a table the source order is kept; across tables it does not matter (no trigger or foreign-key check
 * connects them), except for truncates, which run after everything queued before them. Memory stays bounded: the
 * queue is sent, inside the open transaction, whenever it grows past a limit.
 *
 * <p>Not thread-safe: one thread applies. Owns and closes its connection.
 */
public final class Applier implements AutoCloseable {
    private static final long MAX_PENDING_WEIGHT = 32L << 20;
    private static final int MAX_PENDING_OPS = 20_000;

    /** What the caller writes in the transaction before it commits (its position). */
    @FunctionalInterface
    public interface PositionWrite {
        void write(Connection c) throws SQLException;
    }

    private final Connection conn;
    private final Map<Relation, TableWriter> writers = new HashMap<>();
    private final Map<String, TargetTable> tables = new HashMap<>();
    private final LinkedHashMap<TableWriter, List<TableWriter.Op>> pending = new LinkedHashMap<>();
    private long pendingWeight;
    private int pendingOps;
    private long changesInTransaction;

    private Applier(Connection conn) {
        this.conn = conn;
    }

    /**
     * Prepares {@code target} for applying (autocommit off, replica role, {@code search_path = pg_catalog} so that
     * every name is qualified). Takes ownership of the connection.
     *
     * @throws LiftoffException with {@code ENVIRONMENT} when the target user may not set the replica role
     */
    public static Applier open(Connection target) throws SQLException {
        try (Statement st = target.createStatement()) {
            target.setAutoCommit(true);
            st.execute("SET search_path = pg_catalog");
            try {
                st.execute("SET session_replication_role = replica");
            } catch (SQLException e) {
                if ("42501".equals(e.getSQLState())) {
                    target.close();
                    throw LiftoffException.environment("the target user may not set session_replication_role ="
                            + " replica, which applying changes needs (so the target's triggers and foreign-key checks"
                            + " do not fire twice); connect --target as the database's admin (a superuser, or"
                            + " rds_superuser on Amazon RDS)");
                }
                throw e;
            }
            target.setAutoCommit(false);
        } catch (SQLException | RuntimeException e) {
            closeQuietly(target);
            throw e;
        }
        return new Applier(target);
    }

    /** The connection, for reads and writes that belong to the current transaction. */
    public Connection connection() {
        return conn;
    }

    /** Queues one change; sends the queue when it is full. */
    public void apply(Change change) throws SQLException {
        changesInTransaction++;
        if (change instanceof Change.Truncate t) {
            flush();
            truncate(t);
            return;
        }
        Relation rel =
                switch (change) {
                    case Change.Insert i -> i.relation();
                    case Change.Update u -> u.relation();
                    case Change.Delete d -> d.relation();
                    case Change.Truncate t -> throw new AssertionError();
                };
        TableWriter writer = writer(rel);
        List<TableWriter.Op> ops = pending.computeIfAbsent(writer, w -> new ArrayList<>());
        int before = ops.size();
        writer.plan(change, ops);
        for (int i = before; i < ops.size(); i++) {
            pendingWeight += ops.get(i).weight();
        }
        pendingOps += ops.size() - before;
        if (pendingOps >= MAX_PENDING_OPS || pendingWeight >= MAX_PENDING_WEIGHT) {
            flush();
        }
    }

    /** Changes queued or sent in the open transaction. */
    public long changesInTransaction() {
        return changesInTransaction;
    }

    /** Sends every queued change (inside the open transaction). */
    public void flush() throws SQLException {
        for (Map.Entry<TableWriter, List<TableWriter.Op>> e : pending.entrySet()) {
            run(e.getKey(), e.getValue());
        }
        pending.clear();
        pendingOps = 0;
        pendingWeight = 0;
    }

    private void run(TableWriter writer, List<TableWriter.Op> ops) throws SQLException {
        PreparedStatement current = null;
        TableWriter.Shape shape = null;
        for (TableWriter.Op op : ops) {
            if (!op.shape().equals(shape)) {
                if (current != null) {
                    execute(writer, current);
                }
                shape = op.shape();
                current = writer.statement(conn, shape);
            }
            TableWriter.bind(current, op.binds());
            current.addBatch();
        }
        if (current != null) {
            execute(writer, current);
        }
    }

    private void execute(TableWriter writer, PreparedStatement ps) throws SQLException {
        try {
            ps.executeBatch();
        } catch (AssertionError e) {
            // PgJDBC, run with assertions on, asserts instead of throwing when the connection drops mid-batch: report
            // it as the lost connection it is, so the sync reconnects.
            if (conn.isClosed() || !conn.isValid(2)) {
                throw new SQLException(
                        "the target connection was lost while applying changes to "
                                + writer.table().qualified(),
                        "08006",
                        e);
            }
            throw e;
        } catch (BatchUpdateException e) {
            SQLException cause = e.getNextException() != null ? e.getNextException() : e;
            throw new SQLException(
                    "applying changes to " + writer.table().qualified() + " failed: " + firstLine(cause.getMessage()),
                    cause.getSQLState(),
                    cause);
        } catch (SQLException e) {
            throw new SQLException(
                    "applying changes to " + writer.table().qualified() + " failed: " + firstLine(e.getMessage()),
                    e.getSQLState(),
                    e);
        }
    }

    private void truncate(Change.Truncate t) throws SQLException {
        StringJoiner names = new StringJoiner(", ");
        for (Relation r : t.relations()) {
            TargetTable table = table(r);
            // ONLY keeps inheritance children the source did not truncate; a partitioned table has no rows of its own.
            names.add((table.partitioned() ? "" : "ONLY ") + table.qualified());
        }
        try (Statement st = conn.createStatement()) {
            st.execute("TRUNCATE " + names);
        } catch (SQLException e) {
            throw new SQLException("truncating " + names + " failed: " + firstLine(e.getMessage()), e.getSQLState(), e);
        }
    }

    /**
     * Sends what is queued, lets {@code position} write in the same transaction, and commits.
     *
     * @return the number of changes the transaction applied
     */
    public long commit(PositionWrite position) throws SQLException {
        flush();
        position.write(conn);
        conn.commit();
        long n = changesInTransaction;
        changesInTransaction = 0;
        return n;
    }

    /** Drops what is queued and rolls the open transaction back; quiet, as it runs after a failure. */
    public void rollback() {
        pending.clear();
        pendingOps = 0;
        pendingWeight = 0;
        changesInTransaction = 0;
        try {
            conn.rollback();
        } catch (SQLException e) {
            // The connection is probably gone; the transaction is then rolled back by the server.
        }
    }

    private TableWriter writer(Relation rel) throws SQLException {
        TableWriter w = writers.get(rel);
        if (w == null) {
            w = new TableWriter(rel, table(rel));
            writers.put(rel, w);
        }
        return w;
    }

    private TargetTable table(Relation rel) throws SQLException {
        TargetTable t = tables.get(rel.qualified());
        if (t == null) {
            t = TargetTable.load(conn, rel);
            tables.put(rel.qualified(), t);
        }
        return t;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unknown error";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException e) {
            // Already failing; the first error is the one to report.
        }
    }

    @Override
    public void close() {
        writers.values().forEach(TableWriter::close);
        writers.clear();
        closeQuietly(conn);
    }
}
