package dev.liftoff.postgres.verify;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The relations of one database that a run compares, read from the catalog in the run's snapshot: tables,
 * partitions, materialized views, views, sequences and foreign tables, with their columns and the key used to name
 * differing rows. Extension members and the schemas {@link NameFilter} leaves out are not included. Immutable.
 */
record Catalog(Map<String, Relation> relations) {
    Catalog {
        relations = Collections.unmodifiableMap(new LinkedHashMap<>(relations));
    }

    /** A column as the row digest reads it. */
    record Column(String name, String quoted, String type) {}

    /**
     * What identifies a row: the primary key, else the narrowest unique index over NOT NULL plain columns.
     *
     * @param columns column names, in key order
     * @param quoted the same, quoted for SQL
     * @param types their types as {@code format_type} prints them
     */
    record Key(List<String> columns, List<String> quoted, List<String> types) {
        Key {
            columns = List.copyOf(columns);
            quoted = List.copyOf(quoted);
            types = List.copyOf(types);
        }
    }

    /**
     * One relation.
     *
     * @param qualified {@code schema.name}, quoted where needed: usable in SQL and shown to people
     * @param kind {@code pg_class.relkind}
     * @param populated {@code pg_class.relispopulated} (false only for a materialized view never refreshed)
     * @param pages current size in pages (0 for relations without storage)
     * @param estimatedRows rows expected, from the planner's density and the current size (0 without storage)
     * @param columns the columns in {@code attnum} order
     * @param key the row identity, if any
     */
    record Relation(
            long oid,
            String qualified,
            char kind,
            boolean populated,
            long pages,
            long estimatedRows,
            List<Column> columns,
            Optional<Key> key) {
        Relation {
            columns = List.copyOf(columns);
        }

        /** Whether it stores rows of its own (partitioned parents and views do not). */
        boolean hasRows() {
            return kind == 'r' || kind == 'm';
        }

        String kindName() {
            return kindName(kind);
        }

        static String kindName(char kind) {
            return switch (kind) {
                case 'r' -> "table";
                case 'p' -> "partitioned table";
                case 'm' -> "materialized view";
                case 'v' -> "view";
                case 'S' -> "sequence";
                case 'f' -> "foreign table";
                default -> "relation";
            };
        }
    }

    private static final String RELATIONS = """
            SELECT c.oid, n.nspname, c.relname, quote_ident(n.nspname) || '.' || quote_ident(c.relname),
                   c.relkind::text, c.relispopulated, c.reltuples::float8, c.relpages
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind IN ('r', 'p', 'm', 'v', 'S', 'f') AND c.relpersistence <> 't' AND :user_schemas
              AND NOT EXISTS (SELECT 1 FROM pg_depend d
                              WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
            ORDER BY n.nspname, c.relname
            """;

    private static final String COLUMNS = """
            SELECT a.attrelid, a.attname, quote_ident(a.attname), format_type(a.atttypid, a.atttypmod)
            FROM pg_attribute a
            WHERE a.attrelid = ANY (?) AND a.attnum > 0 AND NOT a.attisdropped
            ORDER BY a.attrelid, a.attnum
            """;

    private static final String KEYS = """
            SELECT i.indrelid, i.indisprimary,
                   array_agg(a.attname::text ORDER BY k.ord), array_agg(quote_ident(a.attname) ORDER BY k.ord),
                   array_agg(format_type(a.atttypid, a.atttypmod) ORDER BY k.ord)
            FROM pg_index i
            CROSS JOIN LATERAL unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
            JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
            WHERE i.indrelid = ANY (?) AND i.indisunique AND i.indisvalid
              AND i.indpred IS NULL AND i.indexprs IS NULL AND k.ord <= i.indnkeyatts
            GROUP BY i.indrelid, i.indexrelid, i.indisprimary
            HAVING bool_and(a.attnotnull)
            ORDER BY i.indrelid, i.indisprimary DESC, count(*), i.indexrelid
            """;

    /** A relation as the first query finds it, with the statistics of its last ANALYZE or VACUUM. */
    private record Found(
            long oid,
            String schema,
            String name,
            String qualified,
            char kind,
            boolean populated,
            long statsRows,
            long statsPages) {
        boolean hasRows() {
            return kind == 'r' || kind == 'm';
        }
    }

    /** Reads the relations the filter selects. */
    static Catalog read(Connection c, NameFilter filter) throws SQLException {
        List<Found> found = new ArrayList<>();
        try (PreparedStatement st =
                        c.prepareStatement(RELATIONS.replace(":user_schemas", NameFilter.userSchemas("n.nspname")));
                ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                String schema = rs.getString(2);
                String name = rs.getString(3);
                if (filter.relation(schema, name)) {
                    found.add(new Found(
                            rs.getLong(1),
                            schema,
                            name,
                            rs.getString(4),
                            rs.getString(5).charAt(0),
                            rs.getBoolean(6),
                            Math.round(rs.getDouble(7)),
                            rs.getLong(8)));
                }
            }
        }
        Array oids = c.createArrayOf("oid", found.stream().map(Found::oid).toArray());
        Map<Long, List<Column>> columns = new HashMap<>();
        try (PreparedStatement st = c.prepareStatement(COLUMNS)) {
            st.setArray(1, oids);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    columns.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                            .add(new Column(rs.getString(2), rs.getString(3), rs.getString(4)));
                }
            }
        }
        Map<Long, Key> keys = new HashMap<>();
        try (PreparedStatement st = c.prepareStatement(KEYS)) {
            st.setArray(1, oids);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    // Rows come best first per table: the primary key, then the narrowest unique index.
                    keys.putIfAbsent(
                            rs.getLong(1),
                            new Key(strings(rs.getArray(3)), strings(rs.getArray(4)), strings(rs.getArray(5))));
                }
            }
        }
        Map<Long, Long> pages =
                pages(c, found.stream().filter(Found::hasRows).map(Found::oid).toList());
        Map<String, Relation> relations = new LinkedHashMap<>();
        for (Found f : found) {
            long now = pages.getOrDefault(f.oid(), 0L);
            relations.put(
                    f.qualified(),
                    new Relation(
                            f.oid(),
                            f.qualified(),
                            f.kind(),
                            f.populated(),
                            now,
                            estimateRows(f.statsRows(), f.statsPages(), now),
                            columns.getOrDefault(f.oid(), List.of()),
                            Optional.ofNullable(keys.get(f.oid()))));
        }
        return new Catalog(relations);
    }

    private static List<String> strings(Array array) throws SQLException {
        return Arrays.asList((String[]) array.getArray());
    }

    /**
     * Rows expected now, as the planner reckons them: the density of the last ANALYZE or VACUUM times the current
     * size. A table never analyzed (a fresh copy) is assumed to hold 50 rows a page.
     */
    static long estimateRows(long statsRows, long statsPages, long pagesNow) {
        if (pagesNow <= 0) {
            return 0;
        }
        if (statsRows <= 0 || statsPages <= 0) {
            return pagesNow * 50;
        }
        return Math.round((double) statsRows / statsPages * pagesNow);
    }

    /** Current size in pages of the given relations (locks them for the run, as reading their rows will). */
    private static Map<Long, Long> pages(Connection c, List<Long> oids) throws SQLException {
        Map<Long, Long> pages = new HashMap<>();
        if (oids.isEmpty()) {
            return pages;
        }
        try (PreparedStatement st = c.prepareStatement(
                "SELECT r, pg_relation_size(r) / current_setting('block_size')::int FROM unnest(?::oid[]) AS r")) {
            st.setArray(1, c.createArrayOf("oid", oids.toArray()));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    pages.put(rs.getLong(1), rs.getLong(2));
                }
            }
        }
        return pages;
    }
}
