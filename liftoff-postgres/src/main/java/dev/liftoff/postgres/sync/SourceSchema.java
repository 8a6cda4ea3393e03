package dev.liftoff.postgres.sync;

import dev.liftoff.postgres.sync.apply.Relation;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The tables the sync captures: every table (plain, partitioned, partition, inheritance parent or child, unlogged) in
 * the source's user schemas, as {@code liftoff pg copy} copies them: extensions' own tables and liftoff's
 * {@code _liftoff} schema are left out. Also the schema's fingerprint, compared while syncing to notice DDL.
 * Immutable.
 *
 * @param tables by OID, in name order
 */
public record SourceSchema(Map<Long, SourceTable> tables) {
    static final String USER_SCHEMAS = "n.nspname NOT IN ('pg_catalog', 'information_schema', '_liftoff')"
            + " AND n.nspname !~ '^pg_(toast|temp)'";
    static final String NOT_EXTENSION_MEMBER = " AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d"
            + " WHERE d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass AND d.objid = c.oid AND d.deptype = 'e')";

    private static final String SHAPE_SQL =
            "c.relkind::text || '(' || coalesce((SELECT pg_catalog.string_agg(pg_catalog.quote_ident(a.attname)"
                    + " || ' ' || pg_catalog.format_type(a.atttypid, a.atttypmod) || a.attgenerated::text, ', ' ORDER BY a.attnum)"
                    + " FROM pg_catalog.pg_attribute a WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped), '')"
                    + " || ')'";

    private static final String FROM = " FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n"
            + " ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p') AND " + USER_SCHEMAS + NOT_EXTENSION_MEMBER;

    private static final String TABLES = "SELECT c.oid, n.nspname, c.relname, c.relkind, c.relispartition,"
            + " c.relpersistence = 'u', c.relreplident,"
            + " EXISTS (SELECT 1 FROM pg_catalog.pg_index i WHERE i.indrelid = c.oid AND i.indisprimary),"
            + " ARRAY(SELECT a.attname::text FROM pg_catalog.pg_attribute a WHERE a.attrelid = c.oid AND a.attnum > 0"
            + " AND NOT a.attisdropped ORDER BY a.attnum), " + SHAPE_SQL + FROM + " ORDER BY n.nspname, c.relname";

    private static final String FINGERPRINT = "SELECT pg_catalog.md5(coalesce(pg_catalog.string_agg(c.oid::text || '='"
            + " || pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(c.relname) || ' ' || " + SHAPE_SQL
            + ", ';' ORDER BY c.oid), ''))" + FROM;

    public SourceSchema {
        tables = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tables));
    }

    /** Reads the captured tables over {@code c}. */
    public static SourceSchema read(Connection c) throws SQLException {
        Map<Long, SourceTable> out = new LinkedHashMap<>();
        String path = catalogPath(c);
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(TABLES)) {
            while (rs.next()) {
                Array cols = rs.getArray(9);
                Relation rel = new Relation(rs.getString(2), rs.getString(3), List.of((String[]) cols.getArray()));
                out.put(
                        rs.getLong(1),
                        new SourceTable(
                                rs.getLong(1),
                                rel,
                                rs.getString(4).charAt(0),
                                rs.getBoolean(5),
                                rs.getBoolean(6),
                                rs.getString(7).charAt(0),
                                rs.getBoolean(8),
                                rs.getString(10)));
            }
        } finally {
            restorePath(c, path);
        }
        return new SourceSchema(out);
    }

    /**
     * Sets {@code search_path} to {@code pg_catalog} for the shape query and returns the session's own, to be put
     * back with {@link #restorePath}: {@code format_type} leaves out the schema of types on the path, so the same
     * table would otherwise read differently from sessions with different paths (and look like DDL).
     */
    private static String catalogPath(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT pg_catalog.current_setting('search_path'),"
                        + " pg_catalog.set_config('search_path', 'pg_catalog', false)")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static void restorePath(Connection c, String path) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_catalog.set_config('search_path', ?, false)")) {
            ps.setString(1, path);
            ps.executeQuery().close();
        }
    }

    /** The fingerprint of the captured tables as they are now: one short query, run every cycle. */
    public static String currentFingerprint(Connection c) throws SQLException {
        String path = catalogPath(c);
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(FINGERPRINT)) {
            rs.next();
            return rs.getString(1);
        } finally {
            restorePath(c, path);
        }
    }

    /** The table with this OID, if captured. */
    public Optional<SourceTable> byOid(long oid) {
        return Optional.ofNullable(tables.get(oid));
    }

    /** The table with this quoted qualified name, if captured. */
    public Optional<SourceTable> byName(String qualified) {
        return tables.values().stream()
                .filter(t -> t.qualified().equals(qualified))
                .findFirst();
    }

    /**
     * What changed from {@code before} to this schema, one phrase per table ("table public.t: columns were
     * (a integer) and are now (a integer, b text)"); empty when nothing did.
     */
    public List<String> changesSince(SourceSchema before) {
        List<String> out = new ArrayList<>();
        for (SourceTable old : before.tables.values()) {
            SourceTable now = tables.get(old.oid());
            if (now == null) {
                out.add("table " + old.qualified() + " was dropped or renamed");
            } else if (!now.qualified().equals(old.qualified())) {
                out.add("table " + old.qualified() + " was renamed to " + now.qualified());
            } else if (!now.shape().equals(old.shape())) {
                out.add("table " + old.qualified() + " changed from " + columnsOf(old) + " to " + columnsOf(now));
            }
        }
        for (SourceTable now : tables.values()) {
            if (!before.tables.containsKey(now.oid())) {
                out.add("table " + now.qualified() + " was created");
            }
        }
        return out;
    }

    private static String columnsOf(SourceTable t) {
        return t.shape().substring(1);
    }
}
