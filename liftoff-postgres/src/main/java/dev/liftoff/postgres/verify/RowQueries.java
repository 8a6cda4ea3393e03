package dev.liftoff.postgres.verify;

import dev.liftoff.core.progress.Meter;
import dev.liftoff.postgres.verify.RowDiff.Occurrence;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Runs the SQL of a {@link TablePlan} and reads its answers. Stateless; each call uses the connection it is given. */
final class RowQueries {
    private static final int FETCH = 10_000;

    private RowQueries() {}

    /** Digests per range of one chunk; adds the rows read to {@code meter}. */
    static Map<Integer, Digest> digest(Connection c, String sql, Meter meter) throws SQLException {
        Map<Integer, Digest> digests = new HashMap<>();
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                long rows = rs.getLong(2);
                BigDecimal sum = rs.getBigDecimal(3);
                if (rows > 0) {
                    digests.put(rs.getInt(1), new Digest(rows, sum.toBigIntegerExact()));
                }
                meter.add(rows);
            }
        }
        return digests;
    }

    /** The smallest and largest value of an integer column, or empty for an empty table. */
    static Optional<long[]> keyBounds(Connection c, String table, String quotedColumn) throws SQLException {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT min(t." + quotedColumn + ")::int8, max(t." + quotedColumn
                        + ")::int8 FROM ONLY " + table + " t")) {
            rs.next();
            long low = rs.getLong(1);
            return rs.wasNull() ? Optional.empty() : Optional.of(new long[] {low, rs.getLong(2)});
        }
    }

    /**
     * Rows of one range by key, in the order the server returns them.
     *
     * @param hashes key text to row hash
     * @param duplicates keys seen more than once (possible only where the key's unique index is missing)
     * @param truncated whether the range held more than the limit, in which case the lists are incomplete
     */
    record Keyed(Map<String, Long> hashes, List<String> duplicates, boolean truncated) {}

    static Keyed keyed(Connection c, String sql, int limit) throws SQLException {
        Map<String, Long> hashes = new LinkedHashMap<>();
        List<String> duplicates = new ArrayList<>();
        try (Statement st = c.createStatement()) {
            st.setFetchSize(FETCH);
            try (ResultSet rs = st.executeQuery(sql)) {
                while (rs.next()) {
                    if (hashes.size() >= limit) {
                        return new Keyed(hashes, duplicates, true);
                    }
                    String key = rs.getString(1);
                    if (hashes.put(key, rs.getLong(2)) != null) {
                        duplicates.add(key);
                    }
                }
            }
        }
        return new Keyed(hashes, duplicates, false);
    }

    /** Distinct rows of one range of a table without a key, or empty when there are more than {@code limit}. */
    static Optional<Map<Long, Occurrence>> keyless(Connection c, String sql, int limit) throws SQLException {
        Map<Long, Occurrence> rows = new LinkedHashMap<>();
        try (Statement st = c.createStatement()) {
            st.setFetchSize(FETCH);
            try (ResultSet rs = st.executeQuery(sql)) {
                while (rs.next()) {
                    if (rows.size() >= limit) {
                        return Optional.empty();
                    }
                    rows.put(rs.getLong(1), new Occurrence(rs.getLong(2), rs.getString(3)));
                }
            }
        }
        return Optional.of(rows);
    }
}
