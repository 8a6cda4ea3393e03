package dev.liftoff.postgres.sync.apply;

import dev.liftoff.core.LiftoffException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A table on the target as the apply needs it: column types (as {@code format_type} prints them with
 * {@code search_path = pg_catalog}, so they are schema-qualified), which columns the target computes itself, and the
 * key that identifies a row. Immutable.
 *
 * @param qualified the table's name in SQL
 * @param partitioned whether it is a partitioned table (rows live in its partitions)
 * @param columns by name, in the target's column order
 * @param key the primary key, else the replica identity index, else the narrowest unique index over NOT NULL plain
 *     columns; empty when rows can only be told apart by all their values
 */
record TargetTable(String qualified, boolean partitioned, Map<String, Column> columns, Optional<List<String>> key) {
    TargetTable {
        columns = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(columns));
        key = key.map(List::copyOf);
    }

    /**
     * A target column.
     *
     * @param type the SQL type to cast text values to
     * @param generated whether the target computes it ({@code GENERATED ALWAYS AS (...) STORED}): never written
     * @param identityAlways whether it is {@code GENERATED ALWAYS AS IDENTITY} (inserts need {@code OVERRIDING SYSTEM
     *     VALUE}; updates cannot set it)
     */
    record Column(String name, String type, boolean generated, boolean identityAlways) {}

    private static final String COLUMNS = """
            SELECT c.relkind, a.attname, format_type(a.atttypid, a.atttypmod), a.attgenerated <> '', a.attidentity = 'a'
            FROM pg_class c
            JOIN pg_namespace n ON n.oid = c.relnamespace
            JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
            WHERE n.nspname = ? AND c.relname = ?
            ORDER BY a.attnum""";

    private static final String KEY = """
            SELECT (SELECT array_agg(a.attname ORDER BY k.ord)
                    FROM unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
                    JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum)
            FROM pg_index i
            JOIN pg_class c ON c.oid = i.indrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = ? AND c.relname = ? AND i.indisunique AND i.indisvalid AND i.indpred IS NULL
              AND i.indexprs IS NULL
              AND (i.indisprimary OR i.indisreplident OR NOT EXISTS (
                    SELECT FROM unnest(i.indkey::int2[]) AS k(attnum)
                    JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
                    WHERE NOT a.attnotnull))
            ORDER BY i.indisprimary DESC, i.indisreplident DESC, i.indnatts, i.indexrelid
            LIMIT 1""";

    /**
     * Reads a table from the target's catalog over {@code c} (whose {@code search_path} must be {@code pg_catalog}).
     *
     * @throws LiftoffException with {@code CHECK_FAILED} when the target has no such table
     */
    static TargetTable load(Connection c, Relation relation) throws SQLException {
        Map<String, Column> columns = new LinkedHashMap<>();
        boolean partitioned = false;
        try (PreparedStatement ps = c.prepareStatement(COLUMNS)) {
            ps.setString(1, relation.schema());
            ps.setString(2, relation.name());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    partitioned = "p".equals(rs.getString(1));
                    String name = rs.getString(2);
                    columns.put(name, new Column(name, rs.getString(3), rs.getBoolean(4), rs.getBoolean(5)));
                }
            }
        }
        if (columns.isEmpty()) {
            throw LiftoffException.checkFailed("table " + relation.qualified()
                    + " changed on the source but does not exist on the target; it was created or renamed on the"
                    + " source after the copy: run liftoff pg cleanup and start again with an empty target");
        }
        Optional<List<String>> key = Optional.empty();
        try (PreparedStatement ps = c.prepareStatement(KEY)) {
            ps.setString(1, relation.schema());
            ps.setString(2, relation.name());
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    Array a = rs.getArray(1);
                    key = Optional.of(new ArrayList<>(List.of((String[]) a.getArray())));
                }
            }
        }
        return new TargetTable(relation.qualified(), partitioned, columns, key);
    }
}
