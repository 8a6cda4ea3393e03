package dev.liftoff.postgres.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.liftoff.core.ErrorCode;
import dev.liftoff.core.LiftoffException;
import dev.liftoff.core.PostgresUrl;
import dev.liftoff.postgres.CaptureMethod;
import dev.liftoff.postgres.PgSync;
import dev.liftoff.postgres.PgSyncRun;
import dev.liftoff.testkit.PostgresExtension;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Faults and refusals for both capture methods: source connections terminated and the target server restarted
 * while writes go on (the sync reconnects with backoff, nothing lost or applied twice), DDL on the source (the sync
 * stops naming the table), and tables logical decoding cannot see (named before anything is installed). Two
 * clusters for the class, so that restarting the target leaves the source alone.
 */
class SyncFaultsIT {
    @RegisterExtension
    static final PostgresExtension SOURCE = PostgresExtension.withSettings(Map.of("wal_level", "logical"));

    @RegisterExtension
    static final PostgresExtension TARGET = PostgresExtension.create();

    private static SyncFixture fixture() {
        SyncFixture f = new SyncFixture(SOURCE.newDatabase(), TARGET.newDatabase());
        f.source(
                "CREATE TABLE counter (id integer PRIMARY KEY, n bigint NOT NULL)",
                "INSERT INTO counter SELECT i, 0 FROM generate_series(1, 10) i",
                "CREATE TABLE log (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, v text)");
        return f;
    }

    /** Writes {@code n} transactions, each bumping one counter and appending a log line. */
    private static void write(PostgresUrl db, int from, int n) {
        try (Connection c = SyncFixture.connect(db);
                Statement st = c.createStatement()) {
            for (int i = from; i < from + n; i++) {
                st.execute("UPDATE counter SET n = n + 1 WHERE id = " + (1 + i % 10) + ";"
                        + " INSERT INTO log (v) VALUES ('" + i + "')");
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest
    @EnumSource(names = {"TRIGGERS", "LOGICAL"})
    void reconnectsAfterTheSourceConnectionsAreTerminated(CaptureMethod method) {
        try (SyncFixture f = fixture()) {
            f.start(method);
            write(f.source, 0, 200);
            long before = f.run().counters().changes();
            f.source("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                    + " WHERE datname = current_database() AND pid <> pg_backend_pid()");
            write(f.source, 200, 200);
            f.catchUp();
            f.assertSame("counter", "log");
            assertThat(SyncFixture.rows(f.source, "SELECT sum(n) FROM counter")).containsExactly("400");
            assertThat(f.run().counters().changes()).isGreaterThan(before);
            assertThat(f.notices).anyMatch(n -> n.startsWith("connection lost"));
        }
    }

    @ParameterizedTest
    @EnumSource(names = {"TRIGGERS", "LOGICAL"})
    void reconnectsAfterTheTargetRestarts(CaptureMethod method) {
        try (SyncFixture f = fixture()) {
            f.start(method);
            write(f.source, 0, 100);
            f.catchUp();
            Thread writer = Thread.ofPlatform().name("writer").start(() -> write(f.source, 100, 300));
            TARGET.server().restart();
            try {
                writer.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            f.catchUp();
            f.assertSame("counter", "log");
            assertThat(SyncFixture.rows(f.target, "SELECT sum(n), count(*) FROM counter, log"))
                    .isEqualTo(SyncFixture.rows(f.source, "SELECT sum(n), count(*) FROM counter, log"));
            assertThat(f.notices).anyMatch(n -> n.startsWith("reconnected"));
        }
    }

    @ParameterizedTest
    @EnumSource(names = {"TRIGGERS", "LOGICAL"})
    void stopsOnDdlNamingTheTable(CaptureMethod method) {
        try (SyncFixture f = fixture()) {
            PgSyncRun run = f.start(method);
            f.source("ALTER TABLE counter ADD COLUMN note text", "UPDATE counter SET note = 'x' WHERE id = 1");
            await().atMost(Duration.ofSeconds(30)).until(run::isDone);
            assertThatThrownBy(run::await)
                    .isInstanceOf(LiftoffException.class)
                    .hasMessageContaining("schema changed")
                    .hasMessageContaining("counter")
                    .hasMessageContaining("liftoff pg cleanup")
                    .satisfies(e -> assertThat(((LiftoffException) e).code()).isEqualTo(ErrorCode.CHECK_FAILED));
            assertThat(SyncFixture.rows(
                            f.target,
                            "SELECT count(*) FROM information_schema.columns"
                                    + " WHERE table_name = 'counter' AND column_name = 'note'"))
                    .containsExactly("0");
        }
    }

    @Test
    void namesUnloggedTablesBeforeInstallingLogicalCapture() {
        try (SyncFixture f = fixture()) {
            f.source("CREATE UNLOGGED TABLE scratch (id integer PRIMARY KEY)");
            PgSyncRun run = PgSync.start(f.config(CaptureMethod.LOGICAL), f.notices::add);
            assertThatThrownBy(run::await)
                    .isInstanceOf(LiftoffException.class)
                    .hasMessageContaining("scratch")
                    .hasMessageContaining("unlogged")
                    .hasMessageContaining("SET LOGGED");
            assertThat(SyncFixture.rows(
                            f.source,
                            "SELECT count(*) FROM pg_replication_slots" + " WHERE database = current_database()"))
                    .containsExactly("0");
            assertThat(SyncFixture.rows(f.source, "SELECT count(*) FROM pg_namespace WHERE nspname = '_liftoff'"))
                    .containsExactly("0");
        }
    }
}
