package dev.liftoff.postgres.sync;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;

/**
 * A snapshot exported by a source session that stays open, so that copy workers can import it, until closed.
 * Not thread-safe; close it once, after the copy returned.
 */
public final class HeldSnapshot implements AutoCloseable {
    private final String name;
    private final AutoCloseable holder;

    /**
     * @param name the exported snapshot's name ({@code SET TRANSACTION SNAPSHOT} takes it)
     * @param holder the session holding it; closed by {@link #close()}
     */
    public HeldSnapshot(String name, AutoCloseable holder) {
        this.name = Objects.requireNonNull(name, "name");
        this.holder = Objects.requireNonNull(holder, "holder");
    }

    /** Exports the snapshot of a new repeatable-read transaction on {@code c}, which it holds from now on. */
    public static HeldSnapshot export(Connection c) throws SQLException {
        try (var st = c.createStatement()) {
            st.execute("SET idle_in_transaction_session_timeout = 0");
            st.execute("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY");
            try (var rs = st.executeQuery("SELECT pg_catalog.pg_export_snapshot()")) {
                rs.next();
                return new HeldSnapshot(rs.getString(1), c);
            }
        } catch (SQLException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    public String name() {
        return name;
    }

    @Override
    public void close() {
        try {
            holder.close();
        } catch (Exception e) {
            // Ending the session only releases the snapshot; there is nothing left to do if that fails.
        }
    }
}
