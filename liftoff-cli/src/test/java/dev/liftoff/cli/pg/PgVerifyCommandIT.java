package dev.liftoff.cli.pg;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.liftoff.cli.Main;
import dev.liftoff.core.PostgresUrl;
import dev.liftoff.core.report.Json;
import dev.liftoff.testkit.PostgresExtension;
import dev.liftoff.testkit.PostgresServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code liftoff pg verify} as a user meets it: exit codes, the list of differences, {@code --json}, bad input. */
class PgVerifyCommandIT {
    @RegisterExtension
    static final PostgresExtension PG = PostgresExtension.create();

    /** A password the test server ignores (it trusts local connections), to prove it never shows. */
    private static final String SECRET = "s3cret-verify-pass";

    private static final String SCHEMA = """
            CREATE TABLE items (id integer PRIMARY KEY, name text);
            INSERT INTO items SELECT i, 'item ' || i FROM generate_series(1, 100) i;
            CREATE TABLE log (line text);
            INSERT INTO log VALUES ('a'), ('a'), ('b');
            CREATE SEQUENCE ticket;
            SELECT nextval('ticket');
            SELECT lo_from_bytea(31337, 'large');
            """;

    @TempDir
    Path tmp;

    private PostgresUrl source;
    private PostgresUrl target;

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

    private static String withPassword(PostgresUrl url) {
        return "postgres://postgres:" + SECRET + "@" + url.host() + ":" + url.port() + "/" + url.database();
    }

    @BeforeEach
    void twoEqualDatabases() {
        source = PG.newDatabase();
        target = PG.newDatabase();
        PG.server().execute(source.database(), SCHEMA);
        PG.server().execute(target.database(), SCHEMA);
    }

    private Run verify(String... more) {
        List<String> args = new ArrayList<>(List.of(
                "pg", "verify", "--source", withPassword(source), "--target", withPassword(target), "--jobs", "2"));
        args.addAll(List.of(more));
        return liftoff(args.toArray(String[]::new));
    }

    @Test
    void exitsZeroWithASummaryWhenEqual() {
        Run r = verify();

        assertThat(r.exit()).isZero();
        assertThat(r.out())
                .startsWith("equal: 2 tables (103 rows), 1 sequence, 1 large object,")
                .contains("definitions compared in");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void exitsOneNamingEachDifferingObjectOnItsOwnLine() {
        PG.server()
                .execute(
                        target.database(),
                        "UPDATE items SET name = 'changed' WHERE id = 42",
                        "INSERT INTO log VALUES ('a')",
                        "SELECT setval('ticket', 7)");

        Run r = verify();

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out().lines())
                .containsExactly(
                        r.out().lines().findFirst().orElseThrow(),
                        "  table public.items: 100 rows on both sides, contents differ; id=42 different",
                        "  table public.log: 3 rows on source, 4 on target; (a) 2 on source, 3 on target",
                        "  sequence public.ticket: last_value 1 on source, 7 on target");
        assertThat(r.out()).startsWith("different: ").contains("; 3 differ:");
        assertThat(r.err().lines()).hasSize(1);
        assertThat(r.err())
                .startsWith("liftoff pg verify: the target differs from the source in 3 objects")
                .doesNotContain(SECRET);
    }

    @Test
    void boundsTheListAndSaysHowManyMore() {
        StringBuilder sql = new StringBuilder();
        for (int i = 0; i < 25; i++) {
            sql.append("CREATE SEQUENCE extra_").append(i).append(";");
        }
        PG.server().execute(target.database(), sql.toString());

        Run r = verify();

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out().lines().filter(l -> l.startsWith("  sequence "))).hasSize(PgVerifyCommand.SHOWN);
        assertThat(r.out()).contains("  and 5 more (--json FILE lists them all)");
    }

    @Test
    void writesEveryDifferenceAndFindingToTheJsonFile() throws IOException {
        PG.server()
                .execute(
                        target.database(),
                        "DELETE FROM items WHERE id = 7",
                        "SELECT lo_put(31337, 0, '\\x00')",
                        "CREATE INDEX items_name ON items (name)");
        Path file = tmp.resolve("verify.json");

        Run r = verify("--json", file.toString());

        assertThat(r.exit()).isEqualTo(1);
        JsonNode json = Json.mapper().readTree(Files.readString(file));
        assertThat(json.get("equal").asBoolean()).isFalse();
        assertThat(json.get("source").asText()).doesNotContain(SECRET).contains("***");
        assertThat(json.get("differences")).hasSize(3);
        assertThat(json.get("differences").findValuesAsText("name"))
                .containsExactlyInAnyOrder("public.items_name", "public.items", "31337");
        assertThat(json.get("schema_differences").get(0).get("detail").asText()).isEqualTo("extra on target");
        JsonNode items = json.get("tables").get(0);
        assertThat(items.get("name").asText()).isEqualTo("public.items");
        assertThat(items.get("source_rows").asLong()).isEqualTo(100);
        assertThat(items.get("target_rows").asLong()).isEqualTo(99);
        assertThat(items.get("ranges").get(0).get("digests_match").asBoolean()).isFalse();
        assertThat(items.get("rows").get(0).get("key").asText()).isEqualTo("id=7");
        assertThat(items.get("rows").get(0).get("change").asText()).isEqualTo("missing on target");
        assertThat(json.get("sequences").get(0).get("source_last_value").asLong())
                .isEqualTo(1);
        assertThat(json.get("large_objects").get("different").get(0).asLong()).isEqualTo(31337);
        assertThat(json.has("duration_millis")).isTrue();
        assertThat(Files.readString(file)).doesNotContain(SECRET);
    }

    @Test
    void printsOnlyJsonWhenItGoesToStandardOutput() throws IOException {
        Run r = verify("--json", "-");

        assertThat(r.exit()).isZero();
        assertThat(Json.mapper().readTree(r.out()).get("equal").asBoolean()).isTrue();
    }

    @Test
    void refusesAMalformedUrlWithoutShowingThePassword() {
        Run r = liftoff(
                "pg",
                "verify",
                "--source",
                "postgres://u:" + SECRET + "@host:5432/my db",
                "--target",
                withPassword(target));

        assertRefused(r, 2, "malformed PostgreSQL URL");
    }

    @Test
    void refusesWhenNothingListens() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }

        Run r = liftoff(
                "pg",
                "verify",
                "--source",
                withPassword(source),
                "--target",
                "postgres://postgres:" + SECRET + "@127.0.0.1:" + port + "/app");

        assertRefused(r, 3, "target postgres://postgres:***@127.0.0.1:" + port + "/app: nothing is listening");
    }

    @Test
    void refusesAMissingDatabase() {
        Run r = liftoff(
                "pg",
                "verify",
                "--source",
                withPassword(source.withDatabase("nope")),
                "--target",
                withPassword(target));

        assertRefused(r, 3, "database 'nope' does not exist");
    }

    @Test
    void refusesAWrongPassword() throws IOException {
        Path hba = tmp.resolve("pg_hba.conf");
        Files.writeString(hba, """
                local all all trust
                host all postgres 127.0.0.1/32 trust
                host all postgres ::1/128 trust
                host all all 127.0.0.1/32 scram-sha-256
                host all all ::1/128 scram-sha-256
                """);
        try (PostgresServer server = PostgresServer.start(Map.of("hba_file", hba.toString()))) {
            PostgresUrl db = server.createDatabase();
            server.execute("postgres", "CREATE ROLE app LOGIN PASSWORD 'right-password'");
            String wrong = "postgres://app:" + SECRET + "@127.0.0.1:" + server.port() + "/" + db.database();

            Run r = liftoff("pg", "verify", "--source", wrong, "--target", withPassword(target));

            assertRefused(
                    r,
                    3,
                    "source postgres://app:***@127.0.0.1:" + server.port() + "/" + db.database()
                            + ": authentication failed for user 'app'");
        }
    }

    @Test
    void showsExamplesInItsHelp() {
        Run r = liftoff("pg", "verify", "--help");

        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("Examples:").contains("Exit codes:");
        assertThat(r.out().lines()).allMatch(l -> l.length() <= 110);
        assertThat(liftoff("pg", "--help").out()).contains("verify");
    }

    private static void assertRefused(Run r, int exit, String message) {
        assertThat(r.exit()).isEqualTo(exit);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().lines()).hasSize(1);
        assertThat(r.err()).startsWith("liftoff pg verify: ").contains(message).doesNotContain(SECRET);
    }
}
