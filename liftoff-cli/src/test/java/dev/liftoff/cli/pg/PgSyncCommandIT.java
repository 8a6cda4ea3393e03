package dev.liftoff.cli.pg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.liftoff.cli.Main;
import dev.liftoff.core.PostgresUrl;
import dev.liftoff.core.report.Json;
import dev.liftoff.testkit.PostgresExtension;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code liftoff pg sync}, {@code status}, {@code finish} and {@code cleanup} as a user meets them: bad input answered
 * with one line and the right exit code; a sync in the background with status and finish beside it; a sync killed
 * with SIGKILL in its own process and resumed, then stopped with SIGTERM. One server for the class.
 */
class PgSyncCommandIT {
    @RegisterExtension
    static final PostgresExtension PG = PostgresExtension.withSettings(Map.of("wal_level", "logical"));

    private static final String SECRET = "s3cret-pass";

    @TempDir
    Path tmp;

    record Run(int exit, String out, String err) {}

    static Run liftoff(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Main.run(
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                args);
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static String withPassword(PostgresUrl url) {
        return "postgres://postgres:" + SECRET + "@" + url.host() + ":" + url.port() + "/" + url.database();
    }

    private static Run pg(String command, PostgresUrl source, PostgresUrl target, String... more) {
        List<String> args = new ArrayList<>(
                List.of("pg", command, "--source", withPassword(source), "--target", withPassword(target)));
        args.addAll(List.of(more));
        return liftoff(args.toArray(String[]::new));
    }

    private static PostgresUrl source() {
        PostgresUrl source = PG.newDatabase();
        PG.server()
                .execute(
                        source.database(),
                        "CREATE TABLE items (id integer PRIMARY KEY, name text)",
                        "CREATE SEQUENCE tickets START 1",
                        "INSERT INTO items SELECT i, 'item ' || i FROM generate_series(1, 100) i");
        return source;
    }

    private static void assertRefused(Run r, int exit, String message) {
        assertThat(r.exit()).as(r.err()).isEqualTo(exit);
        assertThat(r.err().strip().lines()).as(r.err()).hasSize(1);
        assertThat(r.err()).contains(message).doesNotContain(SECRET).doesNotContain("Exception");
        assertThat(r.out()).doesNotContain(SECRET);
    }

    @Test
    void refusesTheSameDatabaseTwice() {
        PostgresUrl db = source();
        assertRefused(pg("sync", db, db), 2, "--source");
    }

    @Test
    void refusesWhenNothingListens() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        PostgresUrl nowhere = PostgresUrl.parse("postgres://postgres@127.0.0.1:" + port + "/app");
        assertRefused(pg("sync", source(), nowhere), 3, "nothing is listening at 127.0.0.1:" + port);
        assertRefused(pg("status", source(), nowhere), 3, "nothing is listening at 127.0.0.1:" + port);
        assertRefused(pg("finish", source(), nowhere), 3, "nothing is listening at 127.0.0.1:" + port);
    }

    @Test
    void refusesAnUnknownCaptureMethod() {
        assertRefused(pg("sync", source(), PG.newDatabase(), "--capture", "wal2json"), 2, "wal2json");
    }

    @Test
    void refusesABadTimeout() {
        assertRefused(pg("finish", source(), PG.newDatabase(), "--timeout", "soon"), 2, "--timeout");
    }

    @Test
    void refusesToFinishWhenNoSyncStreams() {
        assertRefused(pg("finish", source(), PG.newDatabase()), 3, "no sync streams into");
    }

    @Test
    void syncsInTheBackgroundWhileStatusAndFinishRunBeside() throws Exception {
        PostgresUrl source = source();
        PostgresUrl target = PG.newDatabase();
        AtomicReference<Run> sync = new AtomicReference<>();
        Thread t = Thread.ofPlatform()
                .name("pg-sync-under-test")
                .start(() -> sync.set(pg("sync", source, target, "--capture", "auto")));
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                assertThat(t.isAlive()).as("sync ended: %s", sync.get()).isTrue();
                return status(source, target).path("phase").asText().equals("streaming");
            });
            PG.server()
                    .execute(
                            source.database(),
                            "INSERT INTO items SELECT i, 'new ' || i FROM generate_series(101, 150) i",
                            "UPDATE items SET name = 'renamed' WHERE id <= 10",
                            "DELETE FROM items WHERE id BETWEEN 20 AND 24",
                            "SELECT nextval('tickets') FROM generate_series(1, 7)");
            Run finish = pg("finish", source, target, "--timeout", "60s", "--json", "-");
            assertThat(finish.exit()).as(finish.err()).isZero();
            assertThat(finish.err()).contains("finished: the target caught up");
            JsonNode f = Json.mapper().readTree(finish.out());
            assertThat(f.path("sequences").asInt()).isEqualTo(1);
            assertThat(rows(target, "SELECT count(*), sum(id), count(*) FILTER (WHERE name = 'renamed') FROM items"))
                    .isEqualTo(rows(
                            source,
                            "SELECT count(*), sum(id), count(*) FILTER (WHERE name = 'renamed')" + " FROM items"));
            assertThat(rows(target, "SELECT last_value FROM tickets")).isEqualTo("7");

            JsonNode s = status(source, target);
            assertThat(s.path("phase").asText()).isEqualTo("finished");
            assertThat(s.path("capture").asText()).isEqualTo("logical");
            assertThat(s.path("running").asBoolean()).isTrue();
            assertThat(s.has("lag_seconds")).isTrue();
            assertThat(s.has("lag_changes")).isTrue();
            assertThat(s.path("applied_changes").asLong()).isGreaterThanOrEqualTo(65);
            Run human = pg("status", source, target);
            assertThat(human.out())
                    .contains("finished (logical), pg sync running")
                    .doesNotContain(SECRET);
        } finally {
            t.interrupt();
            t.join(Duration.ofSeconds(30));
        }
        assertThat(sync.get().exit()).as(sync.get().err()).isZero();
        assertThat(sync.get().err())
                .contains("capture: logical (")
                .doesNotContain(SECRET)
                .doesNotContain("Exception");
        assertThat(sync.get().out()).contains("sync stopped: logical capture");

        Run cleanup = pg("cleanup", source, target);
        assertThat(cleanup.exit()).as(cleanup.err()).isZero();
        assertThat(cleanup.out()).contains("replication slot").contains("publication liftoff_sync");
        assertThat(rows(source, "SELECT count(*) FROM pg_namespace WHERE nspname = '_liftoff'"))
                .isEqualTo("0");
        assertThat(rows(target, "SELECT count(*) FROM pg_namespace WHERE nspname = '_liftoff'"))
                .isEqualTo("0");
        assertThat(pg("cleanup", source, target).out()).contains("nothing to remove");
    }

    @ParameterizedTest
    @ValueSource(strings = {"triggers", "logical"})
    void resumesAfterSigkillWithoutLosingOrRepeatingAChangeAndStopsCleanlyOnSigterm(String capture) throws Exception {
        PostgresUrl source = source();
        PostgresUrl target = PG.newDatabase();
        PG.server()
                .execute(
                        source.database(),
                        "CREATE TABLE counter (id integer PRIMARY KEY, n bigint NOT NULL)",
                        "INSERT INTO counter SELECT i, 0 FROM generate_series(1, 20) i");
        List<String> args = List.of(
                "pg", "sync", "--source", source.toString(), "--target", target.toString(), "--capture", capture);
        Process first = child(args, "first.log");
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicLong written = new AtomicLong();
        Thread writer = Thread.ofPlatform().name("counter-writer").start(() -> {
            try (Connection c = connect(source);
                    Statement st = c.createStatement()) {
                for (int i = 0; writing.get(); i++) {
                    st.execute("UPDATE counter SET n = n + 1 WHERE id = " + (1 + i % 20));
                    st.execute("INSERT INTO items VALUES (" + (1000 + i) + ", 'w')");
                    written.incrementAndGet();
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                assertThat(first.isAlive()).as(log("first.log")).isTrue();
                return status(source, target).path("applied_changes").asLong() > 0;
            });
            first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            // Writes go on while no sync runs; the next one picks them up.
            long killedAt = written.get();
            await().atMost(Duration.ofSeconds(30)).until(() -> written.get() > killedAt + 200);
            writing.set(false);
            writer.join();
            Process second = child(args, "second.log");
            try {
                Run finish = pg("finish", source, target, "--timeout", "60s");
                assertThat(finish.exit()).as(finish.err() + log("second.log")).isZero();
                assertThat(rows(target, "SELECT sum(n), count(*) FROM counter"))
                        .isEqualTo(rows(source, "SELECT sum(n), count(*) FROM counter"));
                assertThat(rows(target, "SELECT count(*), sum(id) FROM items"))
                        .isEqualTo(rows(source, "SELECT count(*), sum(id) FROM items"));
                assertThat(log("second.log")).contains("resuming the " + capture + " sync");
            } finally {
                second.destroy();
                assertThat(second.waitFor(30, TimeUnit.SECONDS)).isTrue();
            }
            assertThat(second.exitValue()).as(log("second.log")).isZero();
            assertThat(log("second.log")).contains("sync stopped: " + capture + " capture");
        } finally {
            writing.set(false);
            first.destroyForcibly();
        }
    }

    private Process child(List<String> args, String logName) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd =
                new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(args);
        return new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(tmp.resolve(logName).toFile())
                .start();
    }

    private String log(String name) throws Exception {
        return Files.readString(tmp.resolve(name));
    }

    private static JsonNode status(PostgresUrl source, PostgresUrl target) throws Exception {
        Run r = pg("status", source, target, "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).doesNotContain(SECRET);
        return Json.mapper().readTree(r.out());
    }

    private static Connection connect(PostgresUrl db) throws SQLException {
        return DriverManager.getConnection(db.jdbcUrl(), db.jdbcProperties());
    }

    private static String rows(PostgresUrl db, String sql) throws SQLException {
        StringBuilder sb = new StringBuilder();
        try (Connection c = connect(db);
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                for (int i = 1; i <= n; i++) {
                    sb.append(i > 1 ? "|" : "").append(rs.getString(i));
                }
                sb.append('\n');
            }
        }
        return sb.toString().strip();
    }
}
