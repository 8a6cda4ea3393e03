package dev.liftoff.migrate.sampleapp;

import dev.liftoff.core.LiftoffException;
import dev.liftoff.core.PostgresUrl;
import dev.liftoff.core.Redaction;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A few PostgreSQL connections reused across requests; a connection that failed is dropped instead of returned, so
 * a restarted server costs one error per connection, not the pool. Thread-safe; {@link #close()} closes the idle
 * connections, and borrowed ones as they come back.
 */
final class ConnectionPool implements AutoCloseable {
    private final PostgresUrl url;
    private final BlockingQueue<Connection> idle;
    private volatile boolean closed;

    ConnectionPool(PostgresUrl url, int size) {
        this.url = url;
        this.idle = new ArrayBlockingQueue<>(size);
    }

    Connection borrow() {
        Connection c = idle.poll();
        return c != null ? c : open(url);
    }

    /** A new connection named {@code sampleapp} in {@code pg_stat_activity}; the caller closes it. */
    static Connection open(PostgresUrl url) {
        Properties props = url.jdbcProperties();
        props.setProperty("ApplicationName", "sampleapp");
        props.setProperty("connectTimeout", "5");
        try {
            return DriverManager.getConnection(url.jdbcUrl(), props);
        } catch (SQLException e) {
            throw LiftoffException.environment(
                    Redaction.maskUserInfo("sample app: cannot connect to " + url + ": " + e.getMessage()), e);
        }
    }

    /** Returns a healthy connection for reuse; a broken one is closed. */
    void giveBack(Connection c, boolean broken) {
        if (broken || closed || !idle.offer(c)) {
            closeQuietly(c);
        }
    }

    @Override
    public void close() {
        closed = true;
        Connection c;
        while ((c = pollQuietly()) != null) {
            closeQuietly(c);
        }
    }

    private Connection pollQuietly() {
        try {
            return idle.poll(0, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException e) {
            // the connection is being discarded either way
        }
    }
}
