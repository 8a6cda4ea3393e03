package dev.liftoff.migrate.phases;

import static org.assertj.core.api.Assertions.assertThat;

import dev.liftoff.core.PostgresUrl;
import dev.liftoff.core.Rate;
import dev.liftoff.migrate.config.LoadTestSettings;
import dev.liftoff.migrate.runbook.Journal;
import dev.liftoff.migrate.runbook.Runbook;
import dev.liftoff.migrate.runbook.RunbookResult;
import dev.liftoff.migrate.sampleapp.SampleApp;
import dev.liftoff.migrate.sampleapp.SampleAppConfig;
import dev.liftoff.migrate.sampleapp.SampleSchema;
import dev.liftoff.testkit.PostgresExtension;
import dev.liftoff.testkit.RedisExtension;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class LoadTestPhaseIT {
    @RegisterExtension
    static final PostgresExtension PG = PostgresExtension.create();

    @RegisterExtension
    static final RedisExtension REDIS = RedisExtension.create();

    static SampleApp app;

    @TempDir
    Path dir;

    @BeforeAll
    static void newPlatform() {
        PostgresUrl db = PG.newDatabase();
        SampleSchema.apply(db);
        app = SampleApp.start(SampleAppConfig.of("new", db, REDIS.url()));
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    private RunbookResult run(String slo) {
        LoadTestSettings settings = new LoadTestSettings(
                app.baseUri().resolve("/health").toString(), new Rate(50), Duration.ofSeconds(1), Optional.of(slo));
        try (Journal journal = Journal.open(dir.resolve("j.jsonl"))) {
            return new Runbook(List.of(new LoadTestPhase(settings, app.baseUri())))
                    .run(journal, l -> {}, Clock.systemUTC());
        }
    }

    @Test
    void passesWhenTheNewPlatformMeetsItsSlos() {
        RunbookResult r = run("errors<1%");
        assertThat(r.completed()).isTrue();
        assertThat(r.phase("loadtest").metrics())
                .containsEntry("slo_passed", true)
                .containsKey("p95_ms");
    }

    @Test
    void stopsBeforeTheCutoverWhenAnSloBreaks() {
        RunbookResult r = run("rps>=100000");
        assertThat(r.abandonedBy()).contains("loadtest");
        assertThat(r.phase("loadtest").detail()).startsWith("the new platform broke its SLOs (");
    }
}
