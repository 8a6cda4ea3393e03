package dev.liftoff.postgres.copy;

import dev.liftoff.core.LiftoffException;
import dev.liftoff.core.PostgresUrl;
import dev.liftoff.core.Redaction;
import dev.liftoff.postgres.jdbc.PgConnect;
import dev.liftoff.postgres.jdbc.Side;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The source session that holds the copy's snapshot: a read-only repeatable-read transaction that exports its
 * snapshot (or imports the caller's), kept open until every worker and {@code pg_dump} has imported it. The catalog
 * and the sequences are read on it. Not thread-safe; close it once.
 */
final class SnapshotHolder implements AutoCloseable {
    private final Connection connection;
    private final String name;
    private final String text;

    private SnapshotHolder(Connection connection, String name, String text) {
        this.connection = connection;
        this.name = name;
        this.text = text;
    }

    static SnapshotHolder open(PostgresUrl source, Optional<String> external, int serverVersionNum) {
        Connection c = PgConnect.open(source, Side.SOURCE);
        try (Statement st = c.createStatement()) {
            st.execute("SET statement_timeout = 0");
            st.execute("SET idle_in_transaction_session_timeout = 0");
            st.execute("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY");
            String name;
            if (external.isPresent()) {
                name = external.get();
                try {
                    st.execute("SET TRANSACTION SNAPSHOT '" + name + "'");
                } catch (SQLException e) {
                    throw LiftoffException.environment(Redaction.maskUserInfo("source " + source + ": cannot import"
                            + " snapshot " + name + ": " + Sessions.firstLine(e)
                            + "; the session that exported it must stay open until the copy returns"));
                }
            } else {
                try (ResultSet rs = st.executeQuery("SELECT pg_catalog.pg_export_snapshot()")) {
                    rs.next();
                    name = rs.getString(1);
                }
            }
            String fn = serverVersionNum >= 130000 ? "pg_catalog.pg_current_snapshot()" : "txid_current_snapshot()";
            String text;
            try (ResultSet rs = st.executeQuery("SELECT " + fn + "::text")) {
                rs.next();
                text = rs.getString(1);
            }
            return new SnapshotHolder(c, name, text);
        } catch (SQLException e) {
            Sessions.close(c);
            throw LiftoffException.environment(
                    Redaction.maskUserInfo("source " + source + ": cannot take a snapshot: " + Sessions.firstLine(e)
                            + "; check the user may read the database"),
                    e);
        } catch (RuntimeException e) {
            Sessions.close(c);
            throw e;
        }
    }

    Connection connection() {
        return connection;
    }

    /** The name workers import with {@code SET TRANSACTION SNAPSHOT}. */
    String name() {
        return name;
    }

    /** {@code pg_current_snapshot()} text: which transactions the copy contains. */
    String text() {
        return text;
    }

    /** A sequence's state. */
    record SequenceValue(String name, long lastValue, boolean isCalled) {}

    /**
     * The sequences' current values. Sequences are not transactional, so no snapshot holds their past values; like
     * pg_dump, the copy reads them right after taking its snapshot.
     */
    List<SequenceValue> sequences(List<String> names) throws SQLException {
        List<SequenceValue> out = new ArrayList<>();
        for (String seq : names) {
            try (PreparedStatement ps = connection.prepareStatement("SELECT last_value, is_called FROM " + seq);
                    ResultSet rs = ps.executeQuery()) {
                rs.next();
                out.add(new SequenceValue(seq, rs.getLong(1), rs.getBoolean(2)));
            }
        }
        return out;
    }

    @Override
    public void close() {
        Sessions.close(connection);
    }
}
