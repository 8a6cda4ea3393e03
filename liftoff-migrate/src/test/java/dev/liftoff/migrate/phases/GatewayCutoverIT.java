package dev.liftoff.migrate.phases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.liftoff.core.PostgresUrl;
import dev.liftoff.core.Rate;
import dev.liftoff.gateway.AdminClient;
import dev.liftoff.gateway.AdminToken;
import dev.liftoff.gateway.Gateway;
import dev.liftoff.gateway.GatewayConfig;
import dev.liftoff.gateway.GatewayStatus;
import dev.liftoff.gateway.HostPort;
import dev.liftoff.gateway.Mode;
import dev.liftoff.gateway.RunningGateway;
import dev.liftoff.gateway.Upstream;
import dev.liftoff.migrate.config.CutoverPolicy;
import dev.liftoff.migrate.config.FreezeMode;
import dev.liftoff.migrate.runbook.CutoverPhase;
import dev.liftoff.migrate.runbook.Journal;
import dev.liftoff.migrate.runbook.Runbook;
import dev.liftoff.migrate.runbook.RunbookResult;
import dev.liftoff.migrate.sampleapp.SampleApp;
import dev.liftoff.migrate.sampleapp.SampleAppConfig;
import dev.liftoff.migrate.sampleapp.SampleSchema;
import dev.liftoff.migrate.traffic.WriteCheck;
import dev.liftoff.migrate.traffic.WriteChecker;
import dev.liftoff.migrate.traffic.WriteDriver;
import dev.liftoff.testkit.PostgresExtension;
import dev.liftoff.testkit.RedisExtension;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cutover's traffic side for real: the sample app on an old and a new platform, the gateway in front, steady
 * writes through it, and the runbook's cutover phase pulling the gateway's levers; then every acknowledged write is
 * looked up where it must be.
 */
class GatewayCutoverIT {
    private static final String TOKEN = "migrate-test-token-0123456789";

    @RegisterExtension
    static final PostgresExtension PG = PostgresExtension.create();

    @RegisterExtension
    static final RedisExtension REDIS = RedisExtension.create();

    @TempDir
    Path dir;

    PostgresUrl oldDb;
    PostgresUrl newDb;
    SampleApp oldApp;
    SampleApp newApp;
    RunningGateway gateway;
    GatewaySwitch traffic;
    OrdersCopyHandoff data;

    @BeforeEach
    void platforms() {
        oldDb = PG.newDatabase();
        newDb = PG.newDatabase();
        SampleSchema.apply(oldDb);
        SampleSchema.apply(newDb);
        oldApp = SampleApp.start(SampleAppConfig.of("old", oldDb, REDIS.url().withDatabase(1)));
        newApp = SampleApp.start(SampleAppConfig.of("new", newDb, REDIS.url().withDatabase(2)));
        gateway = Gateway.start(GatewayConfig.builder(
                        HostPort.parse("127.0.0.1:0", "listen"),
                        Upstream.parse(oldApp.baseUri().toString(), "old"),
                        HostPort.parse("127.0.0.1:0", "admin"),
                        AdminToken.of(TOKEN, "test"))
                .build());
        AdminClient admin = new AdminClient(URI.create(gateway.adminUrl()), AdminToken.of(TOKEN, "test"));
        traffic = new GatewaySwitch(admin, Upstream.parse(newApp.baseUri().toString(), "new"));
        data = new OrdersCopyHandoff(oldDb, newDb);
    }

    @AfterEach
    void stop() {
        traffic.close();
        gateway.close();
        newApp.close();
        oldApp.close();
    }

    private RunbookResult cutover() {
        CutoverPolicy policy = new CutoverPolicy(
                Duration.ofSeconds(10), FreezeMode.HOLD, Duration.ofSeconds(5), Duration.ofSeconds(2));
        try (Journal journal = Journal.open(dir.resolve("journal.jsonl"))) {
            return new Runbook(List.of(new CutoverPhase(traffic, data, policy)))
                    .run(journal, line -> {}, Clock.systemUTC());
        }
    }

    private GatewayStatus status() {
        try (AdminClient admin = new AdminClient(URI.create(gateway.adminUrl()), AdminToken.of(TOKEN, "test"))) {
            return admin.status();
        }
    }

    @Test
    void switchesUnderSteadyWritesWithoutLosingOrDuplicatingOne() {
        WriteCheck check;
        RunbookResult result;
        long copied;
        try (WriteDriver driver = WriteDriver.start(URI.create(gateway.url()), new Rate(150), 1000)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> driver.acknowledged() >= 150);
            result = cutover();
            copied = OrdersCopyHandoff.count(newDb);
            long atSwitch = driver.acknowledged();
            await().atMost(Duration.ofSeconds(30)).until(() -> driver.acknowledged() >= atSwitch + 150);
            driver.stop(Duration.ofSeconds(10));
            check = WriteChecker.check(driver.acks(), newDb, Optional.empty(), Optional.empty());
        }
        assertThat(result.completed()).isTrue();
        assertThat(result.phase("cutover").metrics()).containsKey("write_freeze_ms");
        assertThat(check.passed()).as("%s", check).isTrue();
        assertThat(OrdersCopyHandoff.count(newDb)).isGreaterThan(copied);
        assertThat(status().mode()).isEqualTo(Mode.PASS);
        assertThat(traffic.switched()).isTrue();
    }

    @Test
    void releasesTheHoldToTheOldPlatformWhenQuickVerifyFails() {
        data.forcedDifference = "orders: digests differ";
        WriteCheck check;
        RunbookResult result;
        try (WriteDriver driver = WriteDriver.start(URI.create(gateway.url()), new Rate(150), 1000)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> driver.acknowledged() >= 100);
            result = cutover();
            long atRelease = driver.acknowledged();
            await().atMost(Duration.ofSeconds(30)).until(() -> driver.acknowledged() >= atRelease + 100);
            driver.stop(Duration.ofSeconds(10));
            check = WriteChecker.check(driver.acks(), oldDb, Optional.empty(), Optional.empty());
        }
        assertThat(result.abandonedBy()).contains("cutover");
        assertThat(result.phase("cutover").detail())
                .startsWith("quick verify failed: orders: digests differ")
                .contains("released to the old platform");
        assertThat(check.passed()).as("%s", check).isTrue();
        assertThat(traffic.switched()).isFalse();
        assertThat(status().mode()).isEqualTo(Mode.PASS);
    }
}
