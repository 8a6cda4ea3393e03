package dev.liftoff.cli.pg;

import static org.assertj.core.api.Assertions.assertThat;

import dev.liftoff.cli.Main;
import dev.liftoff.core.PostgresUrl;
import dev.liftoff.testkit.PostgresExtension;
import dev.liftoff.testkit.PostgresServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code liftoff pg copy} as a user meets it: every bad input of issue 2 answered with one line, the right exit code,
 * no password and nothing written to either database; and a copy killed with SIGKILL that a rerun finishes exactly.
 */
class PgCopyCommandIT {
    @RegisterExtension
    static final PostgresExtension PG = PostgresExtension.create();

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

    /** The URL with a password the test server ignores (trust auth), to prove it never shows. */
    static String withPassword(PostgresUrl url) {
        return "postgres://postgres:" + SECRET + "@" + url.host() + ":" + url.port() + "/" + url.database();
    }

    private PostgresUrl[] sourceAndTarget() {
        PostgresUrl source = PG.newDatabase();
        PG.server()
                .execute(
                        source.database(),
                        "CREATE TABLE items (id integer PRIMARY KEY, name text)",
                        "INSERT INTO items SELECT i, 'item ' || i FROM generate_series(1, 100) i");
        return new PostgresUrl[] {source, PG.newDatabase()};
    }

    private Run copy(PostgresUrl source, PostgresUrl target, String... more) {
        List<String> args = new ArrayList<>(
                List.of("pg", "copy", "--source", withPassword(source), "--target", withPassword(target)));
        args.addAll(List.of(more));
        return liftoff(args.toArray(String[]::new));
    }

    private static void assertRefused(Run r, int exit, String message) {
        assertThat(r.exit()).as(r.err()).isEqualTo(exit);
        assertThat(r.err().strip().lines()).as(r.err()).hasSize(1);
        assertThat(r.err()).contains(message).doesNotContain(SECRET).doesNotContain("Exception");
        assertThat(r.out()).doesNotContain(SECRET);
    }

    /** Neither database holds anything liftoff would have written. */
    private static void assertUntouched(PostgresUrl source, PostgresUrl target) throws SQLException {
        assertThat(count(source, "SELECT count(*) FROM pg_namespace WHERE nspname = '_liftoff'"))
                .isZero();
        assertThat(count(source, "SELECT count(*) FROM items")).isEqualTo(100);
        assertThat(count(target, "SELECT count(*) FROM pg_namespace WHERE nspname = '_liftoff'"))
                .isZero();
        assertThat(count(
                        target,
                        "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                                + " WHERE n.nspname = 'public'"))
                .isZero();
    }

    static long count(PostgresUrl db, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.jdbcProperties());
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void copiesAndVerifies() throws Exception {
        PostgresUrl[] db = sourceAndTarget();
        Path json = tmp.resolve("copy.json");

        Run r = copy(db[0], db[1], "--json", json.toString());

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out())
                .contains("copied 1 tables, 100 rows")
                .contains("verify: equal")
                .doesNotContain(SECRET);
        assertThat(Files.readString(json))
                .contains("\"rows\" : 100")
                .contains("\"duration_seconds\"")
                .contains("\"per_table\"")
                .contains("\"verify\"")
                .doesNotContain(SECRET);
        assertThat(count(db[1], "SELECT count(*) FROM items")).isEqualTo(100);
    }

    @Test
    void refusesTheSameDatabase() throws Exception {
        PostgresUrl[] db = sourceAndTarget();
        assertRefused(copy(db[0], db[0]), 2, "are the same database");
        assertThat(count(db[0], "SELECT count(*) FROM pg_namespace WHERE nspname = '_liftoff'"))
                .isZero();
    }

    @Test
    void refusesANonEmptyTarget() throws Exception {
        PostgresUrl[] db = sourceAndTarget();
        PG.server().execute(db[1].database(), "CREATE TABLE t (id int)");
        assertRefused(copy(db[0], db[1]), 3, "is not empty (1 table); point --target at an empty database");
        assertThat(count(db[1], "SELECT count(*) FROM pg_namespace WHERE nspname = '_liftoff'"))
                .isZero();
    }

    @Test
    void refusesAWrongPassword() throws Exception {
        Path hba = tmp.resolve("pg_hba.conf");
        Files.writeString(hba, """
                local all all trust
                host all postgres 127.0.0.1/32 trust
                host all postgres ::1/128 trust
                host all all 127.0.0.1/32 scram-sha-256
                host all all ::1/128 scram-sha-256
                """);
        try (PostgresServer server = PostgresServer.start(Map.of("hba_file", hba.toString()))) {
            PostgresUrl target = server.createDatabase();
            server.execute("postgres", "CREATE ROLE app LOGIN PASSWORD 'right-password'");
            PostgresUrl[] db = sourceAndTarget();
            String wrong = "postgres://app:" + SECRET + "@127.0.0.1:" + server.port() + "/" + target.database();

            Run r = liftoff("pg", "copy", "--source", withPassword(db[0]), "--target", wrong);

            assertRefused(r, 3, "authentication failed for user 'app'");
            assertThat(count(target, "SELECT count(*) FROM pg_namespace WHERE nspname = '_liftoff'"))
                    .isZero();
        }
    }

    @Test
    void refusesWhenNothingListens() throws Exception {
        PostgresUrl[] db = sourceAndTarget();
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        PostgresUrl nowhere = PostgresUrl.parse("postgres://postgres@127.0.0.1:" + port + "/app");
        assertRefused(copy(db[0], nowhere), 3, "nothing is listening at 127.0.0.1:" + port);
        assertUntouched(db[0], db[1]);
    }

    @Test
    void refusesAMalformedUrl() throws Exception {
        PostgresUrl[] db = sourceAndTarget();
        Run r = liftoff(
                "pg", "copy", "--source", withPassword(db[0]), "--target", "postgres://postgres:" + SECRET + "@/x");
        assertRefused(r, 2, "has no host");
        assertUntouched(db[0], db[1]);
    }

    @Test
    void refusesAMissingDatabase() throws Exception {
        PostgresUrl[] db = sourceAndTarget();
        assertRefused(copy(db[0], db[1].withDatabase("no_such_db")), 3, "database 'no_such_db' does not exist");
        assertUntouched(db[0], db[1]);
    }

    @Test
    void refusesAMissingPgDump() throws Exception {
        PostgresUrl[] db = sourceAndTarget();
        Run r = copy(db[0], db[1], "--pg-dump", tmp.resolve("no-pg_dump").toString());
        assertRefused(r, 3, "pg_dump not found at");
        assertUntouched(db[0], db[1]);
    }

    @Test
    void refusesAnOldPgDump() throws Exception {
        PostgresUrl[] db = sourceAndTarget();
        Path old = tmp.resolve("pg_dump");
        Files.writeString(old, "#!/bin/sh\necho 'pg_dump (PostgreSQL) 9.6.24'\n");
        Files.setPosixFilePermissions(old, PosixFilePermissions.fromString("rwxr-xr-x"));
        Run r = copy(db[0], db[1], "--pg-dump", old.toString());
        assertRefused(r, 3, "pg_dump 9.6 (" + old + ") is older than the source");
        assertUntouched(db[0], db[1]);
    }

    @Test
    void refusesAnExtensionMissingOnTheTarget() throws Exception {
        PostgresUrl[] db = sourceAndTarget();
        // Install an extension on the source, then take its files away: the target cluster cannot create it.
        Path dir;
        try (Connection c = DriverManager.getConnection(db[0].jdbcUrl(), db[0].jdbcProperties());
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT setting FROM pg_config WHERE name = 'SHAREDIR'")) {
            rs.next();
            dir = Path.of(rs.getString(1), "extension");
        }
        Path control = dir.resolve("liftoff_probe.control");
        Path script = dir.resolve("liftoff_probe--1.0.sql");
        try {
            Files.writeString(control, "default_version = '1.0'\nrelocatable = true\n");
            Files.writeString(script, "CREATE FUNCTION liftoff_probe() RETURNS int LANGUAGE sql AS 'SELECT 1';\n");
            PG.server().execute(db[0].database(), "CREATE EXTENSION liftoff_probe");
        } finally {
            Files.deleteIfExists(control);
            Files.deleteIfExists(script);
        }
        assertRefused(
                copy(db[0], db[1]), 3, "extension liftoff_probe used by the source is not available on the target");
        assertUntouched(db[0], db[1]);
    }

    @Test
    void finishesExactlyAfterBeingKilled() throws Exception {
        PostgresUrl source = PG.newDatabase();
        PostgresUrl target = PG.newDatabase();
        PG.server()
                .execute(
                        source.database(),
                        "CREATE TABLE customers (id integer PRIMARY KEY, name text)",
                        "CREATE TABLE orders (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
                                + " customer_id integer REFERENCES customers, note text)",
                        "INSERT INTO customers SELECT i, 'customer ' || i FROM generate_series(1, 1000) i",
                        "INSERT INTO orders (customer_id, note) SELECT 1 + i % 1000, repeat('n', 60 + i % 50)"
                                + " FROM generate_series(1, 600000) i");
        List<String> args = List.of(
                "pg",
                "copy",
                "--source",
                source.toString(),
                "--target",
                target.toString(),
                "--no-verify",
                "--jobs",
                "2",
                "--chunk-size",
                "1MB");

        ProcessBuilder pb = new ProcessBuilder(childJava(args)).redirectErrorStream(true);
        pb.redirectOutput(tmp.resolve("child.log").toFile());
        Process child = pb.start();
        try {
            org.awaitility.Awaitility.await()
                    .atMost(java.time.Duration.ofSeconds(120))
                    .pollInterval(java.time.Duration.ofMillis(20))
                    .until(() -> {
                        if (!child.isAlive()) {
                            throw new AssertionError("the child copy ended (exit " + child.exitValue() + "): "
                                    + Files.readString(tmp.resolve("child.log")));
                        }
                        return doneChunks(target) >= 4;
                    });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError(
                    "the child copy did not get going: " + Files.readString(tmp.resolve("child.log")), e);
        } finally {
            child.destroyForcibly();
            child.waitFor();
        }
        long total = count(target, "SELECT count(*) FROM _liftoff.copy_chunk");
        assertThat(doneChunks(target)).as("the copy was killed midway").isLessThan(total);

        Run r = liftoff("pg", "copy", "--source", source.toString(), "--target", target.toString());

        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("resumed").contains("verify: equal");
        String digest = "SELECT count(*) || ' ' || count(DISTINCT id) || ' ' || sum(id) || ' '"
                + " || sum(length(note)) FROM orders";
        assertThat(text(target, digest)).isEqualTo(text(source, digest)).startsWith("600000 600000 ");
        assertThat(count(target, "SELECT count(*) FROM customers")).isEqualTo(1000);

        // --restart drops what the copy created and copies again from scratch, as exactly.
        PG.server().execute(source.database(), "INSERT INTO customers VALUES (1001, 'late customer')");
        Run again = liftoff("pg", "copy", "--source", source.toString(), "--target", target.toString(), "--restart");

        assertThat(again.exit()).as(again.out() + again.err()).isZero();
        assertThat(again.out())
                .startsWith("copied ")
                .contains("note: --restart: dropped")
                .contains("verify: equal");
        assertThat(text(target, digest)).isEqualTo(text(source, digest));
        assertThat(count(target, "SELECT count(*) FROM customers")).isEqualTo(1001);
    }

    private static long doneChunks(PostgresUrl target) {
        try {
            return count(target, "SELECT count(*) FROM _liftoff.copy_chunk WHERE done_at IS NOT NULL");
        } catch (SQLException notYet) {
            return 0;
        }
    }

    static String text(PostgresUrl db, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.jdbcProperties());
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** The command line of a child JVM running liftoff with this test's class path. */
    private static List<String> childJava(List<String> args) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd =
                new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(args);
        return cmd;
    }
}
