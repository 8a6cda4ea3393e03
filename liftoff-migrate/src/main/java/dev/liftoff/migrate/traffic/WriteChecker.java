package dev.liftoff.migrate.traffic;

import dev.liftoff.core.LiftoffException;
import dev.liftoff.core.PostgresUrl;
import dev.liftoff.core.Redaction;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Audits acknowledged writes against the sample app's {@code orders} table on the new platform. Reads the whole
 * table once (a rehearsal writes tens of thousands of rows, not millions). Stateless and thread-safe.
 */
public final class WriteChecker {
    private static final int EXAMPLES = 5;

    private WriteChecker() {}

    /**
     * Looks every acknowledged write up in {@code database}.
     *
     * @param window the span whose longest acknowledgement gap is the write downtime (the cutover, with some margin);
     *     empty to take every gap
     * @throws LiftoffException an environment error when the database cannot be read
     */
    public static WriteCheck check(
            List<Ack> acks, PostgresUrl database, Optional<Instant> windowStart, Optional<Instant> windowEnd) {
        Map<UUID, List<Long>> stored = new HashMap<>();
        try (Connection c = DriverManager.getConnection(database.jdbcUrl(), database.jdbcProperties());
                Statement st = c.createStatement()) {
            st.setFetchSize(10_000);
            c.setAutoCommit(false);
            try (ResultSet rs = st.executeQuery("SELECT request_id, id FROM orders")) {
                while (rs.next()) {
                    stored.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>(1))
                            .add(rs.getLong(2));
                }
            }
            c.commit();
        } catch (SQLException e) {
            throw LiftoffException.environment(
                    Redaction.maskUserInfo("cannot read the orders of " + database + ": " + e.getMessage()), e);
        }
        long lost = 0;
        long changed = 0;
        List<String> examples = new ArrayList<>();
        for (Ack ack : acks) {
            List<Long> ids = stored.get(ack.requestId());
            if (ids == null) {
                lost++;
                example(examples, "lost " + ack.requestId() + " (order " + ack.orderId() + ")");
            } else if (!ids.contains(ack.orderId())) {
                changed++;
                example(examples, "order " + ack.orderId() + " stored as " + ids);
            }
        }
        long duplicates = 0;
        for (Map.Entry<UUID, List<Long>> e : stored.entrySet()) {
            if (e.getValue().size() > 1) {
                duplicates += e.getValue().size() - 1;
                example(examples, "duplicated " + e.getKey() + " as orders " + e.getValue());
            }
        }
        return new WriteCheck(
                acks.size(),
                lost,
                duplicates,
                changed,
                longestGap(acks, windowStart, windowEnd).toMillis(),
                examples);
    }

    /**
     * The longest time between two consecutive acknowledgements among those whose gap overlaps the window: what a user
     * writing continuously would have waited at worst.
     */
    static Duration longestGap(List<Ack> acks, Optional<Instant> windowStart, Optional<Instant> windowEnd) {
        List<Instant> times = acks.stream()
                .map(Ack::ackedAt)
                .sorted(Comparator.naturalOrder())
                .toList();
        Duration longest = Duration.ZERO;
        for (int i = 1; i < times.size(); i++) {
            Instant from = times.get(i - 1);
            Instant to = times.get(i);
            boolean overlaps = windowEnd.map(end -> !from.isAfter(end)).orElse(true)
                    && windowStart.map(start -> !to.isBefore(start)).orElse(true);
            Duration gap = Duration.between(from, to);
            if (overlaps && gap.compareTo(longest) > 0) {
                longest = gap;
            }
        }
        return longest;
    }

    private static void example(List<String> examples, String text) {
        if (examples.size() < EXAMPLES) {
            examples.add(text);
        }
    }
}
