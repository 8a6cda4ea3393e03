package dev.liftoff.postgres.sync;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.OptionalInt;

/**
 * The session advisory lock a running {@code pg sync} holds on the target: one sync per target at a time, and
 * {@code pg status} and {@code pg cleanup} can tell whether one runs. Released when its session ends, so a killed
 * sync frees it at once. Stateless.
 */
public final class TargetLock {
    private static final int CLASS_ID = 0x11f7_0ff;
    private static final int OBJECT_ID = 1;

    private TargetLock() {}

    /** Takes the lock for {@code c}'s session; {@code false} when another session holds it. */
    public static boolean tryLock(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(
                        "SELECT pg_catalog.pg_try_advisory_lock(" + CLASS_ID + ", " + OBJECT_ID + ")")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    /** The target backend pid of the session holding the lock, if any. */
    public static OptionalInt holder(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(
                        "SELECT pid FROM pg_catalog.pg_locks WHERE locktype = 'advisory'"
                                + " AND classid = " + CLASS_ID + " AND objid = " + OBJECT_ID
                                + " AND objsubid = 2 AND granted"
                                + " AND database = (SELECT oid FROM pg_catalog.pg_database WHERE datname = current_database())")) {
            return rs.next() ? OptionalInt.of(rs.getInt(1)) : OptionalInt.empty();
        }
    }
}
