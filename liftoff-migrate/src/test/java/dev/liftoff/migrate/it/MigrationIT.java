package dev.liftoff.migrate.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.liftoff.core.ErrorCode;
import dev.liftoff.core.LiftoffException;
import dev.liftoff.core.Rate;
import dev.liftoff.migrate.Migration;
import dev.liftoff.migrate.report.MigrationReport;
import dev.liftoff.migrate.traffic.WriteCheck;
import dev.liftoff.migrate.traffic.WriteChecker;
import dev.liftoff.migrate.traffic.WriteDriver;
import dev.liftoff.testkit.PostgresExtension;
import dev.liftoff.testkit.RedisExtension;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The whole runbook against real servers, under steady writes through the gateway. */
class MigrationIT {
    @RegisterExtension
    static final PostgresExtension OLD_PG = PostgresExtension.create();

    @RegisterExtension
    static final PostgresExtension NEW_PG = PostgresExtension.create();

    @RegisterExtension
    static final RedisExtension OLD_REDIS = RedisExtension.create();

    @RegisterExtension
    static final RedisExtension NEW_REDIS = RedisExtension.create();

    @TempDir
    Path dir;

    final List<String> log = Collections.synchronizedList(new ArrayList<>());
    final PrintStream status = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

    @ParameterizedTest
    @ValueSource(strings = {"before_switch", "after_switch"})
    void movesEverythingUnderLiveWritesWithoutLosingOrDuplicatingOne(String verify) throws Exception {
        try (Rehearsal r =
                new Rehearsal(dir, OLD_PG.newDatabase(), NEW_PG.newDatabase(), OLD_REDIS.url(), NEW_REDIS.url())) {
            Files.writeString(
                    r.yaml,
                    Files.readString(r.yaml).replace("  max_lag: 5s\n", "  max_lag: 5s\n  verify: " + verify + "\n"));
            WriteCheck check;
            MigrationReport report;
            try (WriteDriver driver = WriteDriver.start(URI.create(r.gateway.url()), new Rate(100), 2000)) {
                await().atMost(Duration.ofSeconds(30)).until(() -> driver.acknowledged() >= 100);
                // the old worker scales to zero before the move; its queued jobs move with Redis
                r.oldApp.stopWorker();
                report = Migration.run(r.config(), r.env, log::add, status);
                r.newApp.startWorker();
                long atSwitch = driver.acknowledged();
                await().atMost(Duration.ofSeconds(30)).until(() -> driver.acknowledged() >= atSwitch + 100);
                driver.stop(Duration.ofSeconds(20));
                check = WriteChecker.check(driver.acks(), r.newDb, Optional.empty(), Optional.empty());
            }
            assertThat(report.completed()).as("%s", log).isTrue();
            assertThat(report.phases())
                    .extracting(p -> p.name())
                    .containsExactly("preflight", "pg-sync", "redis-sync", "cutover", "post-verify");
            assertThat(report.writeFreezeMs()).isNotNull();
            // Where the exact comparison ran: inside the freeze, or on the freeze's snapshots after the switch.
            String verifiedIn = verify.equals("after_switch") ? "post-verify" : "cutover";
            assertThat(report.phases())
                    .filteredOn(p -> p.name().equals(verifiedIn))
                    .singleElement()
                    .satisfies(p ->
                            assertThat(p.metrics().get("verify")).asString().contains("rows equal"));
            assertThat(check.passed()).as("%s", check).isTrue();
            assertThat(r.config().reportFile("html")).exists();
            await().atMost(Duration.ofSeconds(30)).until(() -> r.unprocessed() == 0);
        }
    }

    @Test
    void abandonsACutoverThatWouldBreakThePolicyOnTheOldPlatformThenResumesAndMoves() throws Exception {
        try (Rehearsal r =
                new Rehearsal(dir, OLD_PG.newDatabase(), NEW_PG.newDatabase(), OLD_REDIS.url(), NEW_REDIS.url())) {
            String policy = Files.readString(r.yaml);
            // no data sync finishes within a millisecond of freeze
            Files.writeString(r.yaml, policy.replace("max_write_freeze: 20s", "max_write_freeze: 1ms"));
            WriteCheck onOld;
            WriteCheck onNew;
            MigrationReport report;
            try (WriteDriver driver = WriteDriver.start(URI.create(r.gateway.url()), new Rate(100), 2000)) {
                await().atMost(Duration.ofSeconds(30)).until(() -> driver.acknowledged() >= 50);
                r.oldApp.stopWorker();
                assertThatThrownBy(() -> Migration.run(r.config(), r.env, log::add, status))
                        .isInstanceOfSatisfying(LiftoffException.class, e -> assertThat(e.code())
                                .isEqualTo(ErrorCode.CHECK_FAILED))
                        .hasMessageContaining("cutover:")
                        .hasMessageContaining("released to the old platform");
                MigrationReport abandoned = Migration.status(r.config(), r.env).journal();
                assertThat(abandoned.outcome()).isEqualTo("abandoned");
                assertThat(abandoned.currentPhase()).isEqualTo("cutover");
                // the writes go on, on the old platform
                long atRelease = driver.acknowledged();
                await().atMost(Duration.ofSeconds(30)).until(() -> driver.acknowledged() >= atRelease + 50);
                onOld = WriteChecker.check(driver.acks(), r.oldDb, Optional.empty(), Optional.empty());

                Files.writeString(r.yaml, policy);
                report = Migration.run(r.config(), r.env, log::add, status);
                r.newApp.startWorker();
                long atSwitch = driver.acknowledged();
                await().atMost(Duration.ofSeconds(30)).until(() -> driver.acknowledged() >= atSwitch + 50);
                driver.stop(Duration.ofSeconds(20));
                onNew = WriteChecker.check(driver.acks(), r.newDb, Optional.empty(), Optional.empty());
            }
            assertThat(onOld.passed()).as("%s", onOld).isTrue();
            assertThat(report.completed()).as("%s", log).isTrue();
            assertThat(report.phases())
                    .filteredOn(p -> p.name().equals("cutover"))
                    .singleElement()
                    .satisfies(p -> assertThat(p.attempts()).isEqualTo(2));
            assertThat(onNew.passed()).as("%s", onNew).isTrue();
        }
    }
}
