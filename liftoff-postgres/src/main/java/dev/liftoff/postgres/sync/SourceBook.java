package dev.liftoff.postgres.sync;

import dev.liftoff.postgres.sync.apply.Relation;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The sync's bookkeeping on the source, in its {@code _liftoff} schema: which capture method runs and for which
 * target, the snapshot taken right after capture started (a copy must be at least that new to miss nothing), the
 * tables as they were when capture started (to name what DDL changed), and the marker table that {@code pg finish}
 * writes to. One sync per source database. Stateless; every method uses the caller's connection and transaction.
 */
public final class SourceBook {
    /** liftoff's schema on the source (and on the target). */
    public static final String SCHEMA = "_liftoff";

    private SourceBook() {}

    /**
     * What the source's bookkeeping says.
     *
     * @param capture {@code triggers} or {@code logical}
     * @param target the target URL it syncs to, password masked
     * @param installSnapshot the snapshot taken once capture was in place; empty while it is being installed
     * @param fingerprint the captured tables' fingerprint when capture started ({@link SourceSchema#currentFingerprint})
     * @param tables the captured tables when capture started
     */
    public record Meta(
            String capture,
            String target,
            Optional<Snapshot> installSnapshot,
            String fingerprint,
            SourceSchema tables) {}

    /** Whether the bookkeeping exists on the source. */
    public static boolean exists(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT pg_catalog.to_regclass('_liftoff.sync_meta') IS NOT NULL")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    /** Reads the bookkeeping, or empty when there is none. */
    public static Optional<Meta> read(Connection c) throws SQLException {
        if (!exists(c)) {
            return Optional.empty();
        }
        String capture;
        String target;
        String snapshot;
        String fingerprint;
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(
                        "SELECT capture, target, install_snapshot, fingerprint FROM _liftoff.sync_meta")) {
            if (!rs.next()) {
                return Optional.empty();
            }
            capture = rs.getString(1);
            target = rs.getString(2);
            snapshot = rs.getString(3);
            fingerprint = rs.getString(4);
        }
        Map<Long, SourceTable> tables = new LinkedHashMap<>();
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT relid, schema_name, table_name, kind, is_partition, unlogged,"
                        + " replica_identity, has_primary_key, columns, shape FROM _liftoff.captured ORDER BY 2, 3")) {
            while (rs.next()) {
                Array cols = rs.getArray(9);
                tables.put(
                        rs.getLong(1),
                        new SourceTable(
                                rs.getLong(1),
                                new Relation(rs.getString(2), rs.getString(3), List.of((String[]) cols.getArray())),
                                rs.getString(4).charAt(0),
                                rs.getBoolean(5),
                                rs.getBoolean(6),
                                rs.getString(7).charAt(0),
                                rs.getBoolean(8),
                                rs.getString(10)));
            }
        }
        return Optional.of(new Meta(
                capture,
                target,
                Optional.ofNullable(snapshot).map(Snapshot::parse),
                fingerprint,
                new SourceSchema(tables)));
    }

    /**
     * Creates the schema, the bookkeeping and the marker table, and records the captured tables; call in one
     * transaction with the capture's own objects.
     */
    public static void create(Connection c, String capture, String target, SourceSchema tables, String fingerprint)
            throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA _liftoff");
            st.execute("COMMENT ON SCHEMA _liftoff IS 'liftoff''s change capture for pg sync; remove it with liftoff pg"
                    + " cleanup'");
            st.execute("CREATE TABLE _liftoff.sync_meta (singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),"
                    + " capture text NOT NULL, target text NOT NULL, install_snapshot text, fingerprint text NOT NULL,"
                    + " installed_at timestamptz NOT NULL DEFAULT pg_catalog.now())");
            st.execute("CREATE TABLE _liftoff.captured (relid oid PRIMARY KEY, schema_name text NOT NULL,"
                    + " table_name text NOT NULL, kind \"char\" NOT NULL, is_partition boolean NOT NULL,"
                    + " unlogged boolean NOT NULL, replica_identity \"char\" NOT NULL, has_primary_key boolean NOT NULL,"
                    + " columns text[] NOT NULL, shape text NOT NULL)");
            st.execute("CREATE TABLE _liftoff.marker (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
                    + " kind \"char\" NOT NULL, at timestamptz NOT NULL DEFAULT pg_catalog.clock_timestamp())");
        }
        try (PreparedStatement ps =
                c.prepareStatement("INSERT INTO _liftoff.sync_meta (capture, target, fingerprint) VALUES (?, ?, ?)")) {
            ps.setString(1, capture);
            ps.setString(2, target);
            ps.setString(3, fingerprint);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO _liftoff.captured VALUES" + " (?::oid, ?, ?, ?::\"char\", ?, ?, ?::\"char\", ?, ?, ?)")) {
            for (SourceTable t : tables.tables().values()) {
                ps.setLong(1, t.oid());
                ps.setString(2, t.relation().schema());
                ps.setString(3, t.relation().name());
                ps.setString(4, String.valueOf(t.kind()));
                ps.setBoolean(5, t.partition());
                ps.setBoolean(6, t.unlogged());
                ps.setString(7, String.valueOf(t.replicaIdentity()));
                ps.setBoolean(8, t.hasPrimaryKey());
                ps.setArray(9, c.createArrayOf("text", t.columns().toArray()));
                ps.setString(10, t.shape());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /**
     * Records the snapshot that marks capture complete; call in a transaction begun after every capture object was
     * committed, so that the snapshot sees every transaction that wrote without being captured.
     *
     * @return that snapshot
     */
    public static Snapshot markInstalled(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("UPDATE _liftoff.sync_meta SET install_snapshot ="
                        + " pg_catalog.pg_current_snapshot()::text RETURNING install_snapshot")) {
            rs.next();
            return Snapshot.parse(rs.getString(1));
        }
    }

    /** Records {@code snapshot} as the one that marks capture complete (a slot's exported snapshot). */
    public static void markInstalled(Connection c, Snapshot snapshot) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE _liftoff.sync_meta SET install_snapshot = ?")) {
            ps.setString(1, snapshot.toString());
            ps.executeUpdate();
        }
    }

    /** The OID of the marker table, whose changes carry {@code pg finish}'s markers through either capture. */
    public static long markerOid(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT '_liftoff.marker'::pg_catalog.regclass::oid")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * Writes a marker in its own transaction; once the target has applied it, everything committed on the source
     * before this call is applied too.
     *
     * @param kind {@code f} for a finish barrier, {@code h} for a heartbeat
     * @return the marker's id
     */
    public static long writeMarker(Connection c, char kind) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("INSERT INTO _liftoff.marker (kind) VALUES (?::\"char\") RETURNING id")) {
            ps.setString(1, String.valueOf(kind));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
