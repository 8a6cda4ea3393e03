package dev.liftoff.postgres.copy;

import dev.liftoff.postgres.schema.QualifiedName;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the source holds, read in the copy's snapshot: the tables with rows of their own (leaf partitions, inheritance
 * parents and children, unlogged tables), their copyable columns, the sequences and the large objects. Extensions'
 * own tables and liftoff's {@code _liftoff} schema are left out, as {@code pg_dump} leaves them out of the schema.
 *
 * @param tables every table with storage, largest first
 * @param partitioned partitioned tables (no rows of their own)
 * @param parents each table's direct parents (partitioning or inheritance)
 * @param sequences every sequence, quoted qualified names
 * @param largeObjects the OIDs of all large objects
 */
record SourceCatalog(
        List<Table> tables,
        List<QualifiedName> partitioned,
        Map<QualifiedName, List<QualifiedName>> parents,
        List<String> sequences,
        List<Long> largeObjects) {
    private static final String USER_SCHEMAS = "n.nspname NOT IN ('pg_catalog', 'information_schema', '_liftoff')"
            + " AND n.nspname !~ '^pg_(toast|temp)'";
    private static final String NOT_MEMBER = " AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d"
            + " WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')";

    /**
     * One table.
     *
     * @param name its name
     * @param partition whether it is a partition of a partitioned table
     * @param bytes heap size at the snapshot (every row visible in the snapshot lies below it)
     * @param blockSize the server's block size
     * @param estimatedRows the planner's row estimate (0 when never analyzed)
     * @param columns quoted names of the columns to copy: not dropped, not generated
     * @param binarySafe whether every column's type may cross in binary (built-in types, enums, domains over
     *     built-in types; arrays and composites of user types embed type OIDs that differ between databases)
     */
    record Table(
            QualifiedName name,
            boolean partition,
            long bytes,
            int blockSize,
            long estimatedRows,
            List<String> columns,
            boolean binarySafe) {
        Table {
            columns = List.copyOf(columns);
        }
    }

    static SourceCatalog read(Connection c) throws SQLException {
        Map<Long, QualifiedName> names = new LinkedHashMap<>();
        Map<Long, Object[]> info = new LinkedHashMap<>();
        List<QualifiedName> partitioned = new ArrayList<>();
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT c.oid, n.nspname, c.relname, c.relkind, c.relispartition,"
                        + " CASE WHEN c.relkind = 'r' THEN pg_catalog.pg_relation_size(c.oid) ELSE 0 END,"
                        + " current_setting('block_size')::int, greatest(c.reltuples, 0)::bigint"
                        + " FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                        + " WHERE c.relkind IN ('r', 'p') AND " + USER_SCHEMAS + NOT_MEMBER
                        + " ORDER BY 6 DESC, 2, 3")) {
            while (rs.next()) {
                long oid = rs.getLong(1);
                QualifiedName name = new QualifiedName(rs.getString(2), rs.getString(3));
                names.put(oid, name);
                if (rs.getString(4).equals("p")) {
                    partitioned.add(name);
                } else {
                    info.put(oid, new Object[] {rs.getBoolean(5), rs.getLong(6), rs.getInt(7), rs.getLong(8)});
                }
            }
        }
        Map<Long, List<String>> columns = new LinkedHashMap<>();
        Map<Long, Boolean> safe = new LinkedHashMap<>();
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT a.attrelid, pg_catalog.quote_ident(a.attname),"
                        + " t.typsend::oid <> 0 AND t.typreceive::oid <> 0 AND (t.oid < 16384 OR t.typtype = 'e'"
                        + "   OR (t.typtype = 'd' AND t.typbasetype < 16384))"
                        + " FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_type t ON t.oid = a.atttypid"
                        + " JOIN pg_catalog.pg_class c ON c.oid = a.attrelid"
                        + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                        + " WHERE c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''"
                        + " AND " + USER_SCHEMAS + " ORDER BY a.attrelid, a.attnum")) {
            while (rs.next()) {
                long rel = rs.getLong(1);
                columns.computeIfAbsent(rel, k -> new ArrayList<>()).add(rs.getString(2));
                safe.merge(rel, rs.getBoolean(3), Boolean::logicalAnd);
            }
        }
        List<Table> tables = new ArrayList<>();
        info.forEach((oid, i) -> tables.add(new Table(
                names.get(oid),
                (Boolean) i[0],
                (Long) i[1],
                (Integer) i[2],
                (Long) i[3],
                columns.getOrDefault(oid, List.of()),
                safe.getOrDefault(oid, true))));
        Map<QualifiedName, List<QualifiedName>> parents = new LinkedHashMap<>();
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT inhrelid, inhparent FROM pg_catalog.pg_inherits")) {
            while (rs.next()) {
                QualifiedName child = names.get(rs.getLong(1));
                QualifiedName parent = names.get(rs.getLong(2));
                if (child != null && parent != null) {
                    parents.computeIfAbsent(child, k -> new ArrayList<>()).add(parent);
                }
            }
        }
        List<String> sequences = new ArrayList<>();
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT pg_catalog.quote_ident(n.nspname) || '.'"
                        + " || pg_catalog.quote_ident(c.relname) FROM pg_catalog.pg_class c"
                        + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                        + " WHERE c.relkind = 'S' AND " + USER_SCHEMAS + NOT_MEMBER + " ORDER BY 1")) {
            while (rs.next()) {
                sequences.add(rs.getString(1));
            }
        }
        List<Long> los = new ArrayList<>();
        try (Statement st = c.createStatement();
                ResultSet rs =
                        st.executeQuery("SELECT oid::bigint FROM pg_catalog.pg_largeobject_metadata ORDER BY 1")) {
            while (rs.next()) {
                los.add(rs.getLong(1));
            }
        }
        return new SourceCatalog(tables, partitioned, parents, sequences, los);
    }

    /** The names of tables that are neither partitioned nor partitions. */
    java.util.Set<QualifiedName> plainTables() {
        java.util.Set<QualifiedName> out = new java.util.HashSet<>();
        for (Table t : tables) {
            if (!t.partition()) {
                out.add(t.name());
            }
        }
        return out;
    }
}
