package dev.liftoff.postgres.verify;

import dev.liftoff.postgres.verify.Catalog.Relation;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** Reads the state and definition of sequences. Stateless. */
final class Sequences {
    /** Sequences read per statement; one statement per sequence would cost a round trip each. */
    private static final int BATCH = 200;

    private Sequences() {}

    /**
     * One sequence.
     *
     * @param definition type, start, increment, bounds, cache and cycle in one line
     */
    record State(long lastValue, boolean isCalled, String definition) {}

    /**
     * Reads the given sequences, by qualified name. Sequences are not transactional, so these are their values now,
     * not as of the run's snapshot.
     */
    static Map<String, State> read(Connection c, List<Relation> sequences) throws SQLException {
        Map<Long, String> definitions = new HashMap<>();
        try (PreparedStatement st = c.prepareStatement("""
                SELECT s.seqrelid, format_type(s.seqtypid, NULL) || ' start ' || s.seqstart || ' increment '
                       || s.seqincrement || ' minimum ' || s.seqmin || ' maximum ' || s.seqmax || ' cache '
                       || s.seqcache || CASE WHEN s.seqcycle THEN ' cycle' ELSE ' no cycle' END
                FROM pg_sequence s WHERE s.seqrelid = ANY (?)
                """)) {
            st.setArray(
                    1,
                    c.createArrayOf("oid", sequences.stream().map(Relation::oid).toArray()));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    definitions.put(rs.getLong(1), rs.getString(2));
                }
            }
        }
        Map<String, State> states = new LinkedHashMap<>();
        for (int from = 0; from < sequences.size(); from += BATCH) {
            List<Relation> batch = sequences.subList(from, Math.min(sequences.size(), from + BATCH));
            String sql = IntStream.range(0, batch.size())
                    .mapToObj(i -> "SELECT " + i + ", last_value, is_called FROM "
                            + batch.get(i).qualified())
                    .collect(Collectors.joining(" UNION ALL "));
            try (Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery(sql)) {
                while (rs.next()) {
                    Relation r = batch.get(rs.getInt(1));
                    states.put(
                            r.qualified(),
                            new State(rs.getLong(2), rs.getBoolean(3), definitions.getOrDefault(r.oid(), "")));
                }
            }
        }
        return states;
    }
}
