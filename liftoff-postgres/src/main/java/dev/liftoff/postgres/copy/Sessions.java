package dev.liftoff.postgres.copy;

import dev.liftoff.core.LiftoffException;
import dev.liftoff.core.PostgresUrl;
import dev.liftoff.core.Redaction;
import dev.liftoff.postgres.jdbc.PgConnect;
import dev.liftoff.postgres.jdbc.Side;
import dev.liftoff.postgres.journal.JournalStore;
import dev.liftoff.postgres.schema.PostDataStep;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/** Opening the copy's sessions on both ends, and running post-data steps exactly once. Stateless. */
final class Sessions {
    /** Deadlocks between foreign keys added in parallel, and lock waits that time out, are worth a retry. */
    private static final int ATTEMPTS = 5;

    private Sessions() {}

    /**
     * A source session inside a read-only repeatable-read transaction that has imported {@code snapshot}; it sees
     * exactly what the snapshot saw. Row security is off so that a policy makes the copy fail instead of silently
     * leaving rows out.
     */
    static Connection source(PostgresUrl url, String snapshot) {
        Connection c = PgConnect.open(url, Side.SOURCE);
        try (Statement st = c.createStatement()) {
            st.execute("SET statement_timeout = 0");
            st.execute("SET idle_in_transaction_session_timeout = 0");
            st.execute("SET row_security = off");
            st.execute("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY");
            st.execute("SET TRANSACTION SNAPSHOT '" + snapshot + "'");
            return c;
        } catch (SQLException e) {
            close(c);
            throw LiftoffException.environment(
                    Redaction.maskUserInfo("source " + url + ": cannot use snapshot " + snapshot + ": " + firstLine(e)
                            + "; the session that exported it must stay open during the copy"),
                    e);
        }
    }

    /**
     * A target session for loading and index builds: its own transactions ({@code autoCommit} off), commits that do
     * not wait for the disk (a chunk's rows and mark are lost together or not at all), generous memory for index
     * builds, and the dump's session settings ({@code preamble}).
     */
    static Connection target(PostgresUrl url, List<String> preamble, int parallelWorkers, long indexMemoryKb) {
        Connection c = PgConnect.open(url, Side.TARGET);
        try (Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            st.execute("SET statement_timeout = 0");
            st.execute("SET lock_timeout = 0");
            st.execute("SET idle_in_transaction_session_timeout = 0");
            st.execute("SET synchronous_commit = off");
            st.execute("SET maintenance_work_mem = '" + indexMemoryKb + "kB'");
            st.execute("SET max_parallel_maintenance_workers = " + parallelWorkers);
            for (String s : preamble) {
                st.execute(s);
            }
            c.commit();
            return c;
        } catch (SQLException e) {
            close(c);
            throw LiftoffException.environment(
                    Redaction.maskUserInfo("target " + url + ": cannot set up a session: " + firstLine(e)), e);
        }
    }

    /** Runs a step and marks it done in the same transaction, retrying deadlocks. */
    static void runStep(Connection c, PostDataStep step, PostgresUrl target) {
        for (int attempt = 1; ; attempt++) {
            try (Statement st = c.createStatement()) {
                st.execute(step.sql());
                JournalStore.markStep(c, step.id());
                c.commit();
                return;
            } catch (SQLException e) {
                rollback(c);
                String state = e.getSQLState() == null ? "" : e.getSQLState();
                boolean retry = state.equals("40P01") || state.equals("55P03") || state.equals("40001");
                if (!retry || attempt == ATTEMPTS) {
                    throw LiftoffException.environment(
                            Redaction.maskUserInfo("target " + target.shortName() + ": creating " + step.describe()
                                    + " failed: " + firstLine(e)
                                    + "; fix the cause and run the same command again to resume"),
                            e);
                }
            }
        }
    }

    static void rollback(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // The connection is broken; the caller fails with the original error.
        }
    }

    static void close(Connection c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (SQLException ignored) {
            // Closing a broken connection: nothing left to release.
        }
    }

    static String firstLine(SQLException e) {
        String m = e.getMessage() == null ? e.toString() : e.getMessage();
        int nl = m.indexOf('\n');
        return (nl < 0 ? m : m.substring(0, nl)).strip();
    }
}
