package dev.liftoff.postgres.sync;

import dev.liftoff.core.ErrorCode;
import dev.liftoff.core.LiftoffException;
import java.io.IOException;
import java.net.SocketException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;

/**
 * Tells failures worth retrying from failures that need a person, where they arise (as Debezium's
 * {@code PostgresErrorHandler} does): a lost or refused connection, a server shutting down or restarting, a
 * terminated session, a slot still held by a dying predecessor, a serialization failure or deadlock are retried; a
 * constraint violation, a missing table or column, missing privileges are not. Stateless.
 */
public final class Failures {
    private Failures() {}

    /** Whether the sync should reconnect and carry on after {@code t}. */
    public static boolean isRetriable(Throwable t) {
        for (Throwable cur = t; cur != null; cur = cur.getCause() == cur ? null : cur.getCause()) {
            if (cur instanceof LiftoffException le && le.code() != ErrorCode.ENVIRONMENT) {
                return false;
            }
            if (cur instanceof SQLException e) {
                String state = e.getSQLState();
                if (state != null) {
                    if (retriableState(state)) {
                        return true;
                    }
                    if (!state.isEmpty() && !state.startsWith("08")) {
                        // A server-side error with its own state: retrying would fail the same way.
                        return e.getNextException() != null && isRetriable(e.getNextException());
                    }
                }
                if (e instanceof SQLRecoverableException || e instanceof SQLTransientException) {
                    return true;
                }
            }
            if (cur instanceof SocketException || cur instanceof IOException) {
                return true;
            }
        }
        return false;
    }

    private static boolean retriableState(String state) {
        return state.startsWith("08") // connection exception
                || state.equals("57P01") // admin_shutdown: pg_terminate_backend, a fast shutdown
                || state.equals("57P02") // crash_shutdown
                || state.equals("57P03") // cannot_connect_now: starting up or shutting down
                || state.equals("57P05") // idle_session_timeout
                || state.equals("53300") // too_many_connections
                || state.equals("40001") // serialization_failure
                || state.equals("40P01") // deadlock_detected
                || state.equals("55006") // object_in_use: a slot still held by the previous session
                || state.equals("55P03") // lock_not_available
                || state.equals("25P03"); // idle_in_transaction_session_timeout
    }

    /** The first line of a failure's message, for one-line reports. */
    public static String describe(Throwable t) {
        String m = t.getMessage();
        if (m == null || m.isBlank()) {
            m = t.getClass().getSimpleName();
        }
        int nl = m.indexOf('\n');
        return (nl < 0 ? m : m.substring(0, nl)).strip();
    }
}
