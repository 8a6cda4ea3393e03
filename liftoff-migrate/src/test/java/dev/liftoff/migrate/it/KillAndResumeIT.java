package dev.liftoff.migrate.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.liftoff.core.Rate;
import dev.liftoff.migrate.Migration;
import dev.liftoff.migrate.report.MigrationReport;
import dev.liftoff.migrate.traffic.WriteCheck;
import dev.liftoff.migrate.traffic.WriteChecker;
import dev.liftoff.migrate.traffic.WriteDriver;
import dev.liftoff.testkit.PostgresExtension;
import dev.liftoff.testkit.RedisExtension;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
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
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code migrate run} killed with SIGKILL at a chosen point (a line the journal gains), then run again: it resumes
 * where it was and finishes the move with no acknowledged write lost or duplicated.
 */
class KillAndResumeIT {
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

    @ParameterizedTest
    @ValueSource(
            strings = {
                "\"phase_started\",\"phase\":\"pg-sync\"",
                "\"phase_started\",\"phase\":\"redis-sync\"",
                "\"detail\":\"writes frozen (hold)\"",
                "\"detail\":\"switched to the new upstream\""
            })
    void resumesAfterAKillAndLosesNoWrite(String killWhenJournalHas) throws Exception {
        try (Rehearsal r =
                new Rehearsal(dir, OLD_PG.newDatabase(), NEW_PG.newDatabase(), OLD_REDIS.url(), NEW_REDIS.url())) {
            WriteCheck check;
            MigrationReport report;
            try (WriteDriver driver = WriteDriver.start(URI.create(r.gateway.url()), new Rate(100), 4000)) {
                await().atMost(Duration.ofSeconds(30)).until(() -> driver.acknowledged() >= 50);
                r.oldApp.stopWorker();
                Process child = start(r);
                Path journal = r.config().journalFile();
                try {
                    // polled often: the kill should land in the step it was aimed at, not several steps later
                    await().atMost(Duration.ofSeconds(60))
                            .pollInterval(Duration.ofMillis(10))
                            .until(() -> Files.exists(journal)
                                    && Files.readString(journal).contains(killWhenJournalHas));
                } finally {
                    child.destroyForcibly().waitFor();
                }
                report = Migration.run(
                        r.config(),
                        r.env,
                        log::add,
                        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
                r.newApp.startWorker();
                long atSwitch = driver.acknowledged();
                await().atMost(Duration.ofSeconds(30)).until(() -> driver.acknowledged() >= atSwitch + 50);
                driver.stop(Duration.ofSeconds(30));
                check = WriteChecker.check(driver.acks(), r.newDb, Optional.empty(), Optional.empty());
            }
            assertThat(report.completed()).as("%s", log).isTrue();
            // a kill can land inside the phase (it runs again: a second attempt) or just after it ended (the next
            // phase's first attempt); either way the rerun resumed rather than starting over
            assertThat(log).as("%s", log).anyMatch(line -> line.startsWith("resuming at "));
            assertThat(report.phases().getFirst().attempts()).isEqualTo(1);
            assertThat(check.passed()).as("%s", check).isTrue();
        }
    }

    private Process start(Rehearsal r) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                MigrateRunMain.class.getName(),
                r.yaml.toString());
        pb.environment().putAll(r.env);
        pb.redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile());
        return pb.start();
    }
}
