package dev.liftoff.postgres.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.liftoff.core.ErrorCode;
import dev.liftoff.core.LiftoffException;
import dev.liftoff.core.PostgresUrl;
import dev.liftoff.postgres.CaptureMethod;
import dev.liftoff.postgres.PgCopyConfig;
import dev.liftoff.postgres.PgFinishConfig;
import dev.liftoff.postgres.PgFinishResult;
import dev.liftoff.postgres.PgSync;
import dev.liftoff.postgres.PgSyncConfig;
import dev.liftoff.postgres.PgSyncRun;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A source, a target and a sync between them, for tests: run SQL on either end, start, stop, catch up, compare. */
final class SyncFixture implements AutoCloseable {
    final PostgresUrl source;
    final PostgresUrl target;
    final List<String> notices = Collections.synchronizedList(new ArrayList<>());
    private PgSyncRun run;

    SyncFixture(PostgresUrl source, PostgresUrl target) {
        this.source = source;
        this.target = target;
    }

    PgSyncConfig config(CaptureMethod method) {
        return PgSyncConfig.of(source, target)
                .withCapture(method)
                .withCopy(PgCopyConfig.of(source, target).withJobs(2))
                .withRetryFor(Duration.ofMinutes(1));
    }

    /** Starts the sync and waits until it streams. */
    PgSyncRun start(CaptureMethod method) {
        return start(config(method));
    }

    PgSyncRun start(PgSyncConfig config) {
        run = PgSync.start(config, notices::add);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> run.isDone() || run.counters().phase().equals("streaming"));
        if (run.isDone()) {
            run.await();
            throw new AssertionError("the sync ended before it streamed; notices: " + notices);
        }
        return run;
    }

    PgSyncRun run() {
        return run;
    }

    /** Stops the sync cleanly and returns once it ended (rethrowing its failure). */
    void stop() {
        run.stop();
        run.await();
    }

    /**
     * Waits until everything committed on the source is applied (the finish barrier), in short rounds so that a
     * sync that died surfaces its own failure instead of a barrier timeout.
     */
    PgFinishResult catchUp() {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            if (run != null && run.isDone()) {
                run.await();
                throw new AssertionError("the sync stopped before catching up; notices: " + notices);
            }
            try {
                return PgSync.finish(PgFinishConfig.of(source, target).withTimeout(Duration.ofSeconds(2)));
            } catch (LiftoffException e) {
                if (e.code() != ErrorCode.CHECK_FAILED || System.nanoTime() > deadline) {
                    throw e;
                }
            }
        }
    }

    void source(String... sql) {
        exec(source, sql);
    }

    void target(String... sql) {
        exec(target, sql);
    }

    static void exec(PostgresUrl db, String... sql) {
        try (Connection c = connect(db);
                Statement st = c.createStatement()) {
            for (String s : sql) {
                st.execute(s);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("SQL failed on " + db + ": " + e.getMessage(), e);
        }
    }

    static Connection connect(PostgresUrl db) throws SQLException {
        return DriverManager.getConnection(db.jdbcUrl(), db.jdbcProperties());
    }

    static List<String> rows(PostgresUrl db, String sql) {
        List<String> out = new ArrayList<>();
        try (Connection c = connect(db);
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder sb = new StringBuilder();
                for (int i = 1; i <= n; i++) {
                    if (i > 1) {
                        sb.append('|');
                    }
                    sb.append(rs.getString(i));
                }
                out.add(sb.toString());
            }
        } catch (SQLException e) {
            throw new IllegalStateException("SQL failed on " + db + ": " + e.getMessage(), e);
        }
        return out;
    }

    /**
     * Every row of {@code table} as text, sorted, each output with the same settings on both ends: the table's
     * content as a multiset, compared without liftoff.
     */
    static List<String> content(PostgresUrl db, String table) {
        return rows(db, "SELECT x::text FROM " + table + " x ORDER BY 1");
    }

    /** Asserts that each table holds the same rows on both ends. */
    void assertSame(String... tables) {
        for (String t : tables) {
            assertThat(content(target, t)).as("rows of %s on the target", t).isEqualTo(content(source, t));
        }
    }

    @Override
    public void close() {
        if (run != null) {
            run.close();
        }
    }
}
