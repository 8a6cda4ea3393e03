package dev.liftoff.postgres.jdbc;

import dev.liftoff.core.ErrorCode;
import dev.liftoff.core.LiftoffException;
import dev.liftoff.core.PostgresUrl;
import dev.liftoff.core.Redaction;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Opens PgJDBC connections and turns connection failures into one-line {@link LiftoffException}s that name the end
 * ({@code --source}/{@code --target}), the server and the fix. Every connection carries
 * {@code ApplicationName=liftoff} so that it can be told apart in {@code pg_stat_activity}. Thread-safe; the caller
 * closes each connection.
 */
public final class PgConnect {
    /** The application name liftoff's sessions carry. */
    public static final String APPLICATION_NAME = "liftoff";

    private PgConnect() {}

    /** Opens a normal connection (autocommit on). */
    public static Connection open(PostgresUrl url, Side side) {
        return open(url, side, new Properties());
    }

    /**
     * Opens a connection with extra PgJDBC properties (for example {@code replication=database} for a replication
     * connection), after the URL's own credentials.
     */
    public static Connection open(PostgresUrl url, Side side, Properties extra) {
        Properties props = url.jdbcProperties();
        props.setProperty("ApplicationName", APPLICATION_NAME);
        props.setProperty("connectTimeout", "10");
        props.setProperty("tcpKeepAlive", "true");
        props.putAll(extra);
        try {
            return DriverManager.getConnection(url.jdbcUrl(), props);
        } catch (SQLException e) {
            throw describe(e, url, side);
        }
    }

    /** Turns a failure to connect into a message that says which end, what happened, and what to do. */
    public static LiftoffException describe(SQLException e, PostgresUrl url, Side side) {
        String where = side.label() + " " + url;
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String fix;
        String what;
        switch (state) {
            case "28P01", "28000" -> {
                what = "authentication failed for user '" + url.user() + "'";
                fix = "check the user and password in " + side.option();
            }
            case "3D000" -> {
                what = "database '" + url.database() + "' does not exist";
                fix = "create it (createdb " + url.database() + ") or fix the database name in " + side.option();
            }
            case "42501" -> {
                what = "permission denied: " + firstLine(e.getMessage());
                fix = "connect as a user allowed to log in to this database";
            }
            case "53300" -> {
                what = "the server has no free connection slots";
                fix = "lower --jobs or raise max_connections on the " + side.label();
            }
            default -> {
                Throwable root = rootCause(e);
                if (root instanceof ConnectException) {
                    what = "nothing is listening at " + url.host() + ":" + url.port();
                    fix = "check the server is running and the host and port in " + side.option();
                } else if (root instanceof UnknownHostException) {
                    what = "unknown host '" + url.host() + "'";
                    fix = "check the host name in " + side.option();
                } else if ("08001".equals(state) || "08006".equals(state) || "08004".equals(state)) {
                    what = "cannot connect: " + firstLine(e.getMessage());
                    fix = "check the server is reachable and " + side.option() + " is right";
                } else {
                    what = firstLine(e.getMessage());
                    fix = "check " + side.option();
                }
            }
        }
        return new LiftoffException(ErrorCode.ENVIRONMENT, Redaction.maskUserInfo(where + ": " + what + "; " + fix), e);
    }

    private static Throwable rootCause(Throwable t) {
        Throwable cur = t;
        while (cur.getCause() != null && cur.getCause() != cur) {
            cur = cur.getCause();
        }
        return cur;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        int nl = message.indexOf('\n');
        return (nl < 0 ? message : message.substring(0, nl)).strip();
    }
}
