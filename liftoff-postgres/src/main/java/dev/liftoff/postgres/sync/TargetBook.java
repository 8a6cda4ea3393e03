package dev.liftoff.postgres.sync;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The sync's bookkeeping on the target, beside the copy journal in {@code _liftoff}: the capture method, the phase,
 * the position up to which source changes are applied (written in the same transaction as those changes, so that
 * after any crash the target holds exactly the changes its position says), counters, the highest finish marker
 * applied, and per table the snapshot its copy was taken under (changes that snapshot saw are in the copy already).
 * Stateless; every method uses the caller's connection and transaction.
 */
public final class TargetBook {
    /** Streaming: changes are being applied. */
    public static final String STREAMING = "streaming";
    /** A {@code pg finish} barrier passed and the sequences were set. */
    public static final String FINISHED = "finished";

    private TargetBook() {}

    /**
     * The bookkeeping.
     *
     * @param capture {@code triggers} or {@code logical}
     * @param source the source URL, password masked
     * @param phase {@link #STREAMING} or {@link #FINISHED}
     * @param position the capture's position text
     * @param positionTime source clock time before which every committed change is applied, if known
     * @param appliedChanges changes applied since streaming began
     * @param appliedTransactions source transactions applied
     * @param marker the highest {@code _liftoff.marker} id applied
     * @param tableSnapshots quoted qualified table name to the snapshot its copy was taken under
     * @param updatedAt when the row was last written (target clock)
     */
    public record State(
            String capture,
            String source,
            String phase,
            String position,
            Optional<Instant> positionTime,
            long appliedChanges,
            long appliedTransactions,
            long marker,
            Map<String, Snapshot> tableSnapshots,
            Instant updatedAt) {}

    /** Whether the bookkeeping exists. */
    public static boolean exists(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT pg_catalog.to_regclass('_liftoff.sync_state') IS NOT NULL")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    /** Reads the bookkeeping, or empty when streaming never began on this target. */
    public static Optional<State> read(Connection c) throws SQLException {
        if (!exists(c)) {
            return Optional.empty();
        }
        Map<String, Snapshot> tables = new LinkedHashMap<>();
        try (Statement st = c.createStatement();
                ResultSet rs =
                        st.executeQuery("SELECT relation, copy_snapshot FROM _liftoff.sync_table ORDER BY relation")) {
            while (rs.next()) {
                tables.put(rs.getString(1), Snapshot.parse(rs.getString(2)));
            }
        }
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT capture, source, phase, position, position_time,"
                        + " applied_changes, applied_transactions, marker, updated_at FROM _liftoff.sync_state")) {
            if (!rs.next()) {
                return Optional.empty();
            }
            Timestamp pt = rs.getTimestamp(5);
            return Optional.of(new State(
                    rs.getString(1),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getString(4),
                    Optional.ofNullable(pt).map(Timestamp::toInstant),
                    rs.getLong(6),
                    rs.getLong(7),
                    rs.getLong(8),
                    tables,
                    rs.getTimestamp(9).toInstant()));
        }
    }

    /** Creates the bookkeeping as streaming begins; call in one transaction. */
    public static void create(
            Connection c, String capture, String source, String position, Map<String, Snapshot> tableSnapshots)
            throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA IF NOT EXISTS _liftoff");
            st.execute("CREATE TABLE _liftoff.sync_state (singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),"
                    + " capture text NOT NULL, source text NOT NULL, phase text NOT NULL, position text NOT NULL,"
                    + " position_time timestamptz, applied_changes bigint NOT NULL DEFAULT 0,"
                    + " applied_transactions bigint NOT NULL DEFAULT 0, marker bigint NOT NULL DEFAULT 0,"
                    + " started_at timestamptz NOT NULL DEFAULT pg_catalog.now(),"
                    + " updated_at timestamptz NOT NULL DEFAULT pg_catalog.now(), finished_at timestamptz)");
            st.execute("CREATE TABLE _liftoff.sync_table (relation text PRIMARY KEY, copy_snapshot text NOT NULL)");
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO _liftoff.sync_state (capture, source, phase,"
                + " position) VALUES (?, ?, '" + STREAMING + "', ?)")) {
            ps.setString(1, capture);
            ps.setString(2, source);
            ps.setString(3, position);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO _liftoff.sync_table VALUES (?, ?)")) {
            for (Map.Entry<String, Snapshot> e : tableSnapshots.entrySet()) {
                ps.setString(1, e.getKey());
                ps.setString(2, e.getValue().toString());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /**
     * Moves the position, in the caller's transaction (the one that applied the changes it covers).
     *
     * @param positionTime source clock time before which every committed change is applied; {@code null} keeps it
     * @param marker the highest marker applied; lower values keep the stored one
     */
    public static void savePosition(
            Connection c, String position, Instant positionTime, long changes, long transactions, long marker)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE _liftoff.sync_state SET position = ?,"
                + " position_time = coalesce(?, position_time), applied_changes = applied_changes + ?,"
                + " applied_transactions = applied_transactions + ?, marker = greatest(marker, ?),"
                + " updated_at = pg_catalog.now()")) {
            ps.setString(1, position);
            ps.setTimestamp(2, positionTime == null ? null : Timestamp.from(positionTime));
            ps.setLong(3, changes);
            ps.setLong(4, transactions);
            ps.setLong(5, marker);
            if (ps.executeUpdate() != 1) {
                throw new SQLException("liftoff's sync position on the target is gone (_liftoff.sync_state is empty);"
                        + " was liftoff pg cleanup run while pg sync ran?");
            }
        }
    }

    /** Records that the finish barrier passed and the sequences are set. */
    public static void markFinished(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.executeUpdate("UPDATE _liftoff.sync_state SET phase = '" + FINISHED + "',"
                    + " finished_at = pg_catalog.now(), updated_at = pg_catalog.now()");
        }
    }
}
