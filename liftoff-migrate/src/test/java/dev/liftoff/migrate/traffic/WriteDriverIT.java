package dev.liftoff.migrate.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.liftoff.core.PostgresUrl;
import dev.liftoff.core.Rate;
import dev.liftoff.migrate.sampleapp.SampleApp;
import dev.liftoff.migrate.sampleapp.SampleAppConfig;
import dev.liftoff.migrate.sampleapp.SampleSchema;
import dev.liftoff.testkit.PostgresExtension;
import dev.liftoff.testkit.RedisExtension;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** One drive of real traffic through the sample app, audited cleanly and then after damaging the table. */
class WriteDriverIT {
    @RegisterExtension
    static final PostgresExtension PG = PostgresExtension.create();

    @RegisterExtension
    static final RedisExtension REDIS = RedisExtension.create();

    static PostgresUrl db;
    static List<Ack> acks;
    static DriverStats stats;

    @BeforeAll
    static void drive() {
        db = PG.newDatabase();
        SampleSchema.apply(db);
        try (SampleApp app = SampleApp.start(SampleAppConfig.of("drive", db, REDIS.url()));
                WriteDriver driver = WriteDriver.start(app.baseUri(), new Rate(200), 200)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> driver.acknowledged() >= 300);
            stats = driver.stop(Duration.ofSeconds(10));
            acks = driver.acks();
        }
    }

    private WriteCheck check() {
        return WriteChecker.check(acks, db, Optional.empty(), Optional.empty());
    }

    @Test
    void findsEveryAcknowledgedWriteOnceWhenNothingWentWrong() {
        assertThat(stats.acknowledged()).isEqualTo(acks.size()).isGreaterThanOrEqualTo(300);
        assertThat(stats.unanswered()).isZero();
        WriteCheck check = check();
        assertThat(check.writesTotal()).isEqualTo(acks.size());
        assertThat(check.passed()).isTrue();
        assertThat(check.writeDowntimeMs()).isPositive();
    }

    @Test
    void noticesALostWriteAndADuplicatedOne() {
        Ack victim = acks.get(acks.size() / 2);
        Ack twin = acks.get(acks.size() / 3);
        PG.server()
                .execute(
                        db.database(),
                        "DELETE FROM orders WHERE id = " + victim.orderId(),
                        "ALTER TABLE orders DROP CONSTRAINT orders_request_id_key",
                        "INSERT INTO orders (request_id, item, quantity) SELECT request_id, item, quantity FROM orders"
                                + " WHERE id = " + twin.orderId());
        WriteCheck check = check();
        assertThat(check.passed()).isFalse();
        assertThat(check.lostWrites()).isEqualTo(1);
        assertThat(check.duplicateWrites()).isEqualTo(1);
        assertThat(check.examples())
                .anyMatch(e -> e.startsWith("lost " + victim.requestId()))
                .anyMatch(e -> e.startsWith("duplicated " + twin.requestId()));
    }
}
