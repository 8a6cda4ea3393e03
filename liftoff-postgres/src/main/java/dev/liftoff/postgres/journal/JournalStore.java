package dev.liftoff.postgres.journal;

import dev.liftoff.postgres.schema.PostDataStep;
import dev.liftoff.postgres.schema.QualifiedName;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Writes the copy journal on the target. Every method runs on the caller's connection inside the caller's
 * transaction and never commits: a chunk's done mark must commit together with its rows, a step's with its DDL.
 * Used by {@code PgCopy}; others read the journal through {@link CopyJournal}. Stateless.
 */
public final class JournalStore {
    /** Bumped when the journal's tables change shape; a rerun refuses a journal of another format. */
    public static final int FORMAT = 1;

    private static final String DDL = """
            CREATE SCHEMA IF NOT EXISTS _liftoff;
            CREATE TABLE _liftoff.copy_run (
                id integer PRIMARY KEY DEFAULT 1 CHECK (id = 1),
                format integer NOT NULL,
                source text NOT NULL,
                source_system_identifier text,
                source_database text NOT NULL,
                snapshot text NOT NULL,
                snapshot_name text NOT NULL,
                post_data_preamble text NOT NULL,
                started_at timestamptz NOT NULL DEFAULT now(),
                data_done_at timestamptz,
                finished_at timestamptz
            );
            CREATE TABLE _liftoff.copy_chunk (
                id integer PRIMARY KEY,
                relation text NOT NULL,
                schema_name text,
                table_name text,
                kind text NOT NULL,
                first_block bigint,
                end_block bigint,
                large_objects oid[],
                done_at timestamptz,
                rows bigint,
                bytes bigint,
                seconds double precision,
                snapshot text
            );
            CREATE TABLE _liftoff.copy_step (
                id integer PRIMARY KEY,
                phase integer NOT NULL,
                kind text NOT NULL,
                name text NOT NULL,
                schema_name text,
                table_name text,
                sql text NOT NULL,
                done_at timestamptz
            );
            CREATE TABLE _liftoff.copy_object (
                id integer PRIMARY KEY,
                kind text NOT NULL,
                identity text NOT NULL,
                drop_sql text NOT NULL
            );
            COMMENT ON SCHEMA _liftoff IS 'liftoff''s bookkeeping: the copy journal and the sync position';
            """;

    private static final String INVENTORY = """
            WITH ns AS (
              SELECT oid FROM pg_catalog.pg_namespace
              WHERE nspname NOT IN ('pg_catalog', 'information_schema', '_liftoff') AND nspname !~ '^pg_(toast|temp)'
            ), objs AS (
              SELECT 'pg_namespace'::regclass AS classid, oid AS objid FROM pg_catalog.pg_namespace
                WHERE oid IN (SELECT oid FROM ns)
              UNION ALL SELECT 'pg_extension'::regclass, oid FROM pg_catalog.pg_extension
              UNION ALL SELECT 'pg_class'::regclass, oid FROM pg_catalog.pg_class
                WHERE relkind IN ('r', 'p', 'v', 'm', 'S', 'f', 'c') AND relnamespace IN (SELECT oid FROM ns)
              UNION ALL SELECT 'pg_type'::regclass, oid FROM pg_catalog.pg_type
                WHERE typtype IN ('b', 'd', 'e', 'r') AND typnamespace IN (SELECT oid FROM ns)
              UNION ALL SELECT 'pg_proc'::regclass, oid FROM pg_catalog.pg_proc WHERE pronamespace IN (SELECT oid FROM ns)
              UNION ALL SELECT 'pg_collation'::regclass, oid FROM pg_catalog.pg_collation
                WHERE collnamespace IN (SELECT oid FROM ns)
              UNION ALL SELECT 'pg_operator'::regclass, oid FROM pg_catalog.pg_operator
                WHERE oprnamespace IN (SELECT oid FROM ns)
              UNION ALL SELECT 'pg_ts_config'::regclass, oid FROM pg_catalog.pg_ts_config
                WHERE cfgnamespace IN (SELECT oid FROM ns)
              UNION ALL SELECT 'pg_ts_dict'::regclass, oid FROM pg_catalog.pg_ts_dict
                WHERE dictnamespace IN (SELECT oid FROM ns)
              UNION ALL SELECT 'pg_conversion'::regclass, oid FROM pg_catalog.pg_conversion
                WHERE connamespace IN (SELECT oid FROM ns)
              UNION ALL SELECT 'pg_cast'::regclass, oid FROM pg_catalog.pg_cast WHERE oid >= 16384
              UNION ALL SELECT 'pg_foreign_data_wrapper'::regclass, oid FROM pg_catalog.pg_foreign_data_wrapper
              UNION ALL SELECT 'pg_foreign_server'::regclass, oid FROM pg_catalog.pg_foreign_server
              UNION ALL SELECT 'pg_event_trigger'::regclass, oid FROM pg_catalog.pg_event_trigger
              UNION ALL SELECT 'pg_largeobject'::regclass, oid FROM pg_catalog.pg_largeobject_metadata
            )
            SELECT o.classid::oid, o.objid, i.type, i.identity
            FROM objs o, LATERAL pg_catalog.pg_identify_object(o.classid, o.objid, 0) i
            WHERE NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d
                              WHERE d.classid = o.classid AND d.objid = o.objid AND d.deptype IN ('e', 'i'))
            ORDER BY 1, 2
            """;

    private JournalStore() {}

    /** An object in the target database, as PostgreSQL identifies it. */
    public record DbObject(long classId, long objectId, String kind, String identity) {}

    /** The objects a copy could have created: schemas, extensions, relations, types, functions and the like. */
    public static Set<DbObject> inventory(Connection c) throws SQLException {
        Set<DbObject> out = new LinkedHashSet<>();
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(INVENTORY)) {
            while (rs.next()) {
                out.add(new DbObject(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4)));
            }
        }
        return out;
    }

    /**
     * Creates the journal tables and records the run.
     *
     * @param snapshot {@code pg_current_snapshot()} text of the run's snapshot
     */
    public static void create(
            Connection c,
            String source,
            String systemIdentifier,
            String database,
            String snapshot,
            String snapshotName,
            String postDataPreamble)
            throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(DDL);
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO _liftoff.copy_run (format, source,"
                + " source_system_identifier, source_database, snapshot, snapshot_name, post_data_preamble)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            ps.setInt(1, FORMAT);
            ps.setString(2, source);
            ps.setString(3, systemIdentifier);
            ps.setString(4, database);
            ps.setString(5, snapshot);
            ps.setString(6, snapshotName);
            ps.setString(7, postDataPreamble);
            ps.executeUpdate();
        }
    }

    /** What a journal says about the run and its source. */
    public record Run(
            int format,
            String source,
            String systemIdentifier,
            String database,
            String snapshot,
            String snapshotName,
            List<String> postDataPreamble,
            boolean dataDone,
            boolean finished) {
        public Run {
            postDataPreamble = List.copyOf(postDataPreamble);
        }
    }

    /** The run recorded on the target. */
    public static Run run(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT format, source, source_system_identifier, source_database,"
                        + " snapshot, snapshot_name, post_data_preamble, data_done_at IS NOT NULL,"
                        + " finished_at IS NOT NULL FROM _liftoff.copy_run")) {
            if (!rs.next()) {
                throw new SQLException("liftoff's copy journal on the target has no run");
            }
            String preamble = rs.getString(7);
            return new Run(
                    rs.getInt(1),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getString(4),
                    rs.getString(5),
                    rs.getString(6),
                    preamble.isEmpty() ? List.of() : List.of(preamble.split("\n")),
                    rs.getBoolean(8),
                    rs.getBoolean(9));
        }
    }

    /** Records the snapshot a rerun copies under. */
    public static void updateSnapshot(Connection c, String snapshot, String snapshotName) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("UPDATE _liftoff.copy_run SET snapshot = ?, snapshot_name = ?")) {
            ps.setString(1, snapshot);
            ps.setString(2, snapshotName);
            ps.executeUpdate();
        }
    }

    /** Records the objects the pre-data created, so that {@code --restart} drops exactly those. */
    public static void recordCreated(Connection c, List<DbObject> created) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO _liftoff.copy_object (id, kind, identity, drop_sql) VALUES (?, ?, ?, ?)")) {
            int id = 0;
            for (DbObject o : created) {
                String drop = dropSql(o);
                if (drop == null) {
                    continue;
                }
                ps.setInt(1, ++id);
                ps.setString(2, o.kind());
                ps.setString(3, o.identity());
                ps.setString(4, drop);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    static String dropSql(DbObject o) {
        String kind = o.kind();
        String id = o.identity();
        return switch (kind) {
            case "schema",
                    "extension",
                    "table",
                    "view",
                    "materialized view",
                    "sequence",
                    "foreign table",
                    "domain",
                    "function",
                    "procedure",
                    "aggregate",
                    "collation",
                    "conversion",
                    "operator",
                    "cast",
                    "text search configuration",
                    "text search dictionary",
                    "server",
                    "event trigger" -> "DROP " + kind.toUpperCase(Locale.ROOT) + " IF EXISTS " + id + " CASCADE";
            case "type", "composite type" -> "DROP TYPE IF EXISTS " + id + " CASCADE";
            case "foreign-data wrapper" -> "DROP FOREIGN DATA WRAPPER IF EXISTS " + id + " CASCADE";
            case "large object" ->
                "SELECT pg_catalog.lo_unlink(oid) FROM pg_catalog.pg_largeobject_metadata WHERE oid = "
                        + Long.parseLong(id);
            default -> null;
        };
    }

    /** A planned chunk: a ctid range of a table, a whole table, or a batch of large objects. */
    public record Chunk(
            int id,
            QualifiedName table,
            String kind,
            Long firstBlock,
            Long endBlock,
            List<Long> largeObjects,
            boolean done,
            long rows,
            long bytes,
            double seconds,
            String snapshot) {
        public Chunk {
            Objects.requireNonNull(kind, "kind");
            largeObjects = List.copyOf(largeObjects);
        }

        /** The relation as the journal names it. */
        public String relation() {
            return table == null ? "pg_largeobject" : table.quoted();
        }
    }

    public static void insertChunks(Connection c, List<Chunk> chunks) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO _liftoff.copy_chunk"
                + " (id, relation, schema_name, table_name, kind, first_block, end_block, large_objects)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (Chunk ch : chunks) {
                ps.setInt(1, ch.id());
                ps.setString(2, ch.relation());
                ps.setString(3, ch.table() == null ? null : ch.table().schema());
                ps.setString(4, ch.table() == null ? null : ch.table().name());
                ps.setString(5, ch.kind());
                setLong(ps, 6, ch.firstBlock());
                setLong(ps, 7, ch.endBlock());
                if (ch.largeObjects().isEmpty()) {
                    ps.setNull(8, Types.ARRAY);
                } else {
                    Array arr = c.createArrayOf("oid", ch.largeObjects().toArray());
                    ps.setArray(8, arr);
                }
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static void setLong(PreparedStatement ps, int i, Long v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.BIGINT);
        } else {
            ps.setLong(i, v);
        }
    }

    public static List<Chunk> chunks(Connection c) throws SQLException {
        List<Chunk> out = new ArrayList<>();
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT id, schema_name, table_name, kind, first_block, end_block,"
                        + " large_objects::bigint[], done_at IS NOT NULL, coalesce(rows, 0), coalesce(bytes, 0),"
                        + " coalesce(seconds, 0), snapshot FROM _liftoff.copy_chunk ORDER BY id")) {
            while (rs.next()) {
                QualifiedName t = rs.getString(2) == null ? null : new QualifiedName(rs.getString(2), rs.getString(3));
                List<Long> los = new ArrayList<>();
                Array arr = rs.getArray(7);
                if (arr != null) {
                    for (Object o : (Object[]) arr.getArray()) {
                        los.add(((Number) o).longValue());
                    }
                }
                out.add(new Chunk(
                        rs.getInt(1),
                        t,
                        rs.getString(4),
                        rs.getObject(5) == null ? null : rs.getLong(5),
                        rs.getObject(6) == null ? null : rs.getLong(6),
                        los,
                        rs.getBoolean(8),
                        rs.getLong(9),
                        rs.getLong(10),
                        rs.getDouble(11),
                        rs.getString(12)));
            }
        }
        return out;
    }

    /** Marks a chunk done; call in the transaction that holds its rows. */
    public static void markChunk(Connection c, int id, long rows, long bytes, double seconds, String snapshot)
            throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("UPDATE _liftoff.copy_chunk SET done_at = clock_timestamp(), rows = ?,"
                        + " bytes = ?, seconds = ?, snapshot = ? WHERE id = ?")) {
            ps.setLong(1, rows);
            ps.setLong(2, bytes);
            ps.setDouble(3, seconds);
            ps.setString(4, snapshot);
            ps.setInt(5, id);
            ps.executeUpdate();
        }
    }

    /**
     * Empties a partly copied table and forgets its done chunks, so that it is copied whole under a new snapshot;
     * call in one transaction.
     */
    public static void resetTable(Connection c, QualifiedName table) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("TRUNCATE ONLY " + table.quoted());
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE _liftoff.copy_chunk SET done_at = NULL, rows = NULL,"
                + " bytes = NULL, seconds = NULL, snapshot = NULL WHERE schema_name = ? AND table_name = ?")) {
            ps.setString(1, table.schema());
            ps.setString(2, table.name());
            ps.executeUpdate();
        }
    }

    public static void insertSteps(Connection c, List<PostDataStep> steps) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO _liftoff.copy_step"
                + " (id, phase, kind, name, schema_name, table_name, sql) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            for (PostDataStep s : steps) {
                ps.setInt(1, s.id());
                ps.setInt(2, s.phase());
                ps.setString(3, s.kind());
                ps.setString(4, s.name());
                ps.setString(5, s.relation() == null ? null : s.relation().schema());
                ps.setString(6, s.relation() == null ? null : s.relation().name());
                ps.setString(7, s.sql());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** The planned steps that are not done yet. */
    public static List<PostDataStep> pendingSteps(Connection c) throws SQLException {
        List<PostDataStep> out = new ArrayList<>();
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT id, phase, kind, name, schema_name, table_name, sql"
                        + " FROM _liftoff.copy_step WHERE done_at IS NULL ORDER BY id")) {
            while (rs.next()) {
                QualifiedName t = rs.getString(5) == null ? null : new QualifiedName(rs.getString(5), rs.getString(6));
                out.add(new PostDataStep(
                        rs.getInt(1), rs.getInt(2), rs.getString(3), rs.getString(4), t, rs.getString(7)));
            }
        }
        return out;
    }

    /** How many steps the plan has. */
    public static int stepCount(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FROM _liftoff.copy_step")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** Marks a step done; call in the transaction that ran it. */
    public static void markStep(Connection c, int id) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("UPDATE _liftoff.copy_step SET done_at = clock_timestamp() WHERE id = ?")) {
            ps.setInt(1, id);
            ps.executeUpdate();
        }
    }

    public static void markDataDone(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("UPDATE _liftoff.copy_run SET data_done_at = coalesce(data_done_at, clock_timestamp())");
        }
    }

    public static void markFinished(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("UPDATE _liftoff.copy_run SET finished_at = coalesce(finished_at, clock_timestamp())");
        }
    }

    /**
     * Drops what the journal says the copy created, then the journal itself (and the {@code _liftoff} schema when
     * nothing else lives in it); call in one transaction.
     *
     * @return how many objects were dropped
     */
    public static int dropCopy(Connection c) throws SQLException {
        List<String> drops = new ArrayList<>();
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT drop_sql FROM _liftoff.copy_object ORDER BY id DESC")) {
            while (rs.next()) {
                drops.add(rs.getString(1));
            }
        }
        try (Statement st = c.createStatement()) {
            st.execute("SET LOCAL client_min_messages = warning");
            for (String d : drops) {
                st.execute(d);
            }
            st.execute("DROP TABLE _liftoff.copy_object, _liftoff.copy_step, _liftoff.copy_chunk, _liftoff.copy_run");
            boolean empty;
            try (ResultSet rs = st.executeQuery("SELECT NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d"
                    + " WHERE d.refclassid = 'pg_namespace'::regclass AND d.refobjid = '_liftoff'::regnamespace)")) {
                rs.next();
                empty = rs.getBoolean(1);
            }
            if (empty) {
                st.execute("DROP SCHEMA _liftoff");
            }
        }
        return drops.size();
    }

    /** The objects in {@code after} and not in {@code before}, compared by catalog and OID. */
    public static List<DbObject> created(Set<DbObject> before, Set<DbObject> after) {
        Set<Long> seen = new HashSet<>();
        for (DbObject o : before) {
            seen.add(o.classId() * 4_294_967_296L + o.objectId());
        }
        List<DbObject> out = new ArrayList<>();
        for (DbObject o : after) {
            if (!seen.contains(o.classId() * 4_294_967_296L + o.objectId())) {
                out.add(o);
            }
        }
        return out;
    }
}
