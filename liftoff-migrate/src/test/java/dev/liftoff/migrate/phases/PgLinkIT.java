package dev.liftoff.migrate.phases;

import static org.assertj.core.api.Assertions.assertThat;

import dev.liftoff.core.PostgresUrl;
import dev.liftoff.migrate.runbook.Verdict;
import dev.liftoff.testkit.PostgresExtension;
import java.io.OutputStream;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The quick verify a cutover runs inside its write freeze, against real databases. */
class PgLinkIT {
    @RegisterExtension
    static final PostgresExtension PG = PostgresExtension.create();

    private static void bothHold(PostgresUrl source, PostgresUrl target, String... sql) {
        PG.server().execute(source.database(), sql);
        PG.server().execute(target.database(), sql);
    }

    @Test
    void quickVerifyIsExactAndStaysWithinTheFreezeItIsGiven() throws Exception {
        PostgresUrl source = PG.newDatabase();
        PostgresUrl target = PG.newDatabase();
        bothHold(
                source,
                target,
                "CREATE TABLE orders (id bigint PRIMARY KEY, total numeric)",
                "INSERT INTO orders SELECT g, g * 1.5 FROM generate_series(1, 5000) g");
        try (PgLink link = new PgLink(source, target, new PrintStream(OutputStream.nullOutputStream()))) {
            Verdict equal = link.quickVerify(Duration.ofMinutes(5));
            assertThat(equal.same()).isTrue();
            assertThat(equal.summary()).contains("5,000 rows equal");

            // A table the comparison cannot read (locked on the target) keeps it from finishing: the verdict comes
            // when the freeze it was given runs out, not when the lock goes.
            try (Connection locker = PG.server().connect(target.database())) {
                locker.setAutoCommit(false);
                try (Statement st = locker.createStatement()) {
                    st.execute("LOCK TABLE orders IN ACCESS EXCLUSIVE MODE");
                }
                Verdict cut = link.quickVerify(Duration.ofSeconds(1));
                assertThat(cut.same()).isFalse();
                assertThat(cut.summary())
                        .contains("did not finish within the 1.0s of freeze left")
                        .contains("cutover.max_write_freeze");
                locker.rollback();
            }

            PG.server().execute(target.database(), "UPDATE orders SET total = 0 WHERE id = 7");
            assertThat(link.quickVerify(Duration.ofMinutes(5)).same()).isFalse();
        }
    }

    @Test
    void pinnedSnapshotsCompareBothSidesAsTheyWereWhenPinned() {
        PostgresUrl source = PG.newDatabase();
        PostgresUrl target = PG.newDatabase();
        bothHold(
                source,
                target,
                "CREATE TABLE orders (id bigserial PRIMARY KEY, total numeric)",
                "INSERT INTO orders (total) SELECT g * 1.5 FROM generate_series(1, 2000) g");
        try (PgLink link = new PgLink(source, target, new PrintStream(OutputStream.nullOutputStream()))) {
            assertThat(link.verifyPinned()).isEmpty();
            assertThat(link.pin(Duration.ofSeconds(10)).same()).isTrue();
            // The new platform takes writes after the switch: rows and sequence move on, the pinned view does not.
            PG.server()
                    .execute(
                            target.database(),
                            "INSERT INTO orders (total) VALUES (1), (2)",
                            "UPDATE orders SET total = 0 WHERE id = 7");
            assertThat(link.verifyPinned())
                    .hasValueSatisfying(v -> assertThat(v.summary()).contains("2,000 rows equal"));
            assertThat(link.verifyPinned()).as("a pin is compared once").isEmpty();

            // Pinned while they differ: the comparison after the switch says so.
            assertThat(link.pin(Duration.ofSeconds(10)).same()).isTrue();
            assertThat(link.verifyPinned())
                    .hasValueSatisfying(v -> assertThat(v.same()).isFalse());
        }
    }
}
