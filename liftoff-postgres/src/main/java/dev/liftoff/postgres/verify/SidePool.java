package dev.liftoff.postgres.verify;

import dev.liftoff.core.LiftoffException;
import dev.liftoff.core.PostgresUrl;
import dev.liftoff.core.Redaction;
import dev.liftoff.postgres.jdbc.PgConnect;
import dev.liftoff.postgres.jdbc.Side;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.postgresql.PGConnection;

/**
 * One database's connections for a run, all reading the same snapshot: a coordinator that exports it (and reads the
 * catalog) and {@code jobs} workers that import it, each used by one named thread at a time. Every transaction is
 * {@code REPEATABLE READ READ ONLY}, so nothing a run does can write. Every session renders values the same way
 * (ISO dates, UTC, shortest-exact floats, hex bytea, an empty search_path so names print qualified), so the text of a
 * row is the same on both sides when the values are. {@link #close()} ends the transactions and closes everything.
 */
final class SidePool implements AutoCloseable {
    private static final int MIN_VERSION = 120_000;
    private static final Pattern SNAPSHOT_ID = Pattern.compile("[0-9A-Fa-f-]+");

    /** Fixed so that a row's text, and so its digest, depends only on its values. */
    private static final List<String> SESSION_SETTINGS = List.of(
            "SET DateStyle = 'ISO, YMD'",
            "SET IntervalStyle = 'postgres'",
            "SET TimeZone = 'UTC'",
            "SET extra_float_digits = 3",
            "SET bytea_output = 'hex'",
            "SET lc_monetary = 'C'",
            "SET xmloption = 'content'",
            "SET search_path = ''",
            "SET statement_timeout = 0",
            "SET idle_in_transaction_session_timeout = 0",
            // Compiling each range query costs more than it saves: the work is in type output functions.
            "SET jit = off",
            // A range number per row defeats the planner's group estimate; sorting every row to group them would
            // cost more than the hashing itself, and a hash table of a few hundred ranges is tiny.
            "SET enable_sort = off",
            "SET default_transaction_read_only = on");

    private final PostgresUrl url;
    private final Side side;
    private final Connection coordinator;
    private final String snapshot;
    private final int serverVersion;
    private final List<Connection> workers = new ArrayList<>();
    private final BlockingQueue<Connection> idle = new LinkedBlockingQueue<>();
    private final ExecutorService executor;
    private volatile boolean cancelled;

    private SidePool(PostgresUrl url, Side side, int jobs) {
        this.url = url;
        this.side = side;
        this.coordinator = PgConnect.open(url, side);
        try {
            prepare(coordinator);
            this.serverVersion = Integer.parseInt(single(coordinator, "SHOW server_version_num"));
            if (serverVersion < MIN_VERSION) {
                closeQuietly(coordinator);
                throw LiftoffException.environment(Redaction.maskUserInfo(side.label() + " " + url + ": PostgreSQL "
                        + serverVersion / 10_000 + " is too old for liftoff pg verify; it needs 12 or newer"
                        + " (generated columns, hash functions with seeds)"));
            }
            this.snapshot = single(coordinator, "SELECT pg_export_snapshot()");
            if (!SNAPSHOT_ID.matcher(snapshot).matches()) {
                throw new SQLException("unexpected snapshot id");
            }
        } catch (SQLException e) {
            closeQuietly(coordinator);
            throw failure("starting a read-only snapshot", e);
        }
        AtomicInteger n = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(jobs, r -> Thread.ofPlatform()
                .daemon()
                .name("liftoff-verify-" + side.label() + "-" + n.incrementAndGet())
                .unstarted(r));
    }

    /** Connects {@code jobs + 1} sessions to one database and shares a snapshot among them. */
    static SidePool open(PostgresUrl url, Side side, int jobs) {
        SidePool pool = new SidePool(url, side, jobs);
        try {
            for (int i = 0; i < jobs; i++) {
                Connection c = PgConnect.open(url, side);
                pool.workers.add(c);
                pool.importSnapshot(c);
                pool.idle.add(c);
            }
            return pool;
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    private void importSnapshot(Connection c) {
        try {
            prepare(c);
            try (Statement st = c.createStatement()) {
                st.execute("SET TRANSACTION SNAPSHOT '" + snapshot + "'");
            }
        } catch (SQLException e) {
            throw LiftoffException.environment(
                    Redaction.maskUserInfo(side.label() + " " + url + ": cannot share a snapshot between connections ("
                            + firstLine(e) + "); connect to the database directly, not through a transaction-mode"
                            + " pooler such as PgBouncer"),
                    e);
        }
    }

    private static void prepare(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            for (String sql : SESSION_SETTINGS) {
                st.execute(sql);
            }
        }
        c.setAutoCommit(false);
        try (Statement st = c.createStatement()) {
            st.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
        }
    }

    private static String single(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    Side side() {
        return side;
    }

    /** {@code server_version_num}, e.g. 150004. */
    int serverVersion() {
        return serverVersion;
    }

    /** Work that reads through one connection; it must not keep the connection after it returns. */
    @FunctionalInterface
    interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }

    /**
     * Runs work on the coordinator, on the calling thread.
     *
     * @param what names the work in a failure message, e.g. {@code "reading the catalog"}
     */
    <T> T onCoordinator(String what, SqlWork<T> work) {
        try {
            checkNotCancelled();
            return work.run(coordinator);
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    /** Runs work on the next free worker; the future fails with a {@link LiftoffException}. */
    <T> CompletableFuture<T> submit(String what, SqlWork<T> work) {
        return CompletableFuture.supplyAsync(
                () -> {
                    Connection c = idle.poll();
                    if (c == null) {
                        throw new IllegalStateException("a worker thread without a free connection");
                    }
                    try {
                        checkNotCancelled();
                        return work.run(c);
                    } catch (SQLException e) {
                        throw failure(what, e);
                    } finally {
                        idle.add(c);
                    }
                },
                executor);
    }

    /**
     * Stops the run from another thread: work not yet started fails at once, and the statements running now are
     * cancelled on the server (PostgreSQL's cancel request, so a long digest stops there too, not only here). Work
     * between two statements may start one more after this; callers repeat it until the run has ended.
     */
    void cancel() {
        cancelled = true;
        List<Connection> all = new ArrayList<>(workers);
        all.add(coordinator);
        for (Connection c : all) {
            try {
                c.unwrap(PGConnection.class).cancelQuery();
            } catch (SQLException ignored) {
                // a connection already gone has nothing running
            }
        }
    }

    private void checkNotCancelled() throws SQLException {
        if (cancelled) {
            throw new SQLException("the run was cancelled", "57014");
        }
    }

    /** Waits for a future of {@link #submit}, rethrowing its failure as it was thrown. */
    static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw e;
        }
    }

    private LiftoffException failure(String what, SQLException e) {
        String fix =
                switch (e.getSQLState() == null ? "" : e.getSQLState()) {
                    case "42501" -> "verify reads every table it compares; connect as their owner or grant SELECT";
                    case "53300" -> "lower --jobs or raise max_connections on the " + side.label();
                    case "57014" -> "a statement timeout or an administrator cancelled the query; rerun";
                    default -> "check that the " + side.label() + " database is reachable and rerun";
                };
        return LiftoffException.environment(
                Redaction.maskUserInfo(
                        side.label() + " " + url + ": " + what + " failed: " + firstLine(e) + "; " + fix),
                e);
    }

    private static String firstLine(SQLException e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = m.indexOf('\n');
        return (nl < 0 ? m : m.substring(0, nl)).strip();
    }

    @Override
    public void close() {
        executor.shutdownNow();
        for (Connection c : workers) {
            closeQuietly(c);
        }
        closeQuietly(coordinator);
    }

    private static void closeQuietly(Connection c) {
        try {
            // Read-only: ending it either way changes nothing; rollback just says so.
            if (!c.getAutoCommit()) {
                c.rollback();
            }
        } catch (SQLException ignored) {
            // Closing follows; a broken connection has nothing left to roll back.
        }
        try {
            c.close();
        } catch (SQLException ignored) {
            // Nothing to do about a connection that cannot even close.
        }
    }
}
