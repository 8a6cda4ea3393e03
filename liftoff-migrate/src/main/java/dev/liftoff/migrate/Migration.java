package dev.liftoff.migrate;

import dev.liftoff.core.LiftoffException;
import dev.liftoff.core.RedisUrl;
import dev.liftoff.migrate.config.Endpoints;
import dev.liftoff.migrate.config.MigrateConfig;
import dev.liftoff.migrate.phases.Links;
import dev.liftoff.migrate.phases.LoadTestPhase;
import dev.liftoff.migrate.phases.PgSyncPhase;
import dev.liftoff.migrate.phases.PostVerifyPhase;
import dev.liftoff.migrate.phases.RedisLink;
import dev.liftoff.migrate.phases.RedisSyncPhase;
import dev.liftoff.migrate.preflight.Preflight;
import dev.liftoff.migrate.preflight.PreflightPhase;
import dev.liftoff.migrate.report.MigrationReport;
import dev.liftoff.migrate.report.ReportRenderer;
import dev.liftoff.migrate.runbook.CutoverPhase;
import dev.liftoff.migrate.runbook.History;
import dev.liftoff.migrate.runbook.Journal;
import dev.liftoff.migrate.runbook.Phase;
import dev.liftoff.migrate.runbook.PhaseRecord;
import dev.liftoff.migrate.runbook.Runbook;
import dev.liftoff.migrate.runbook.RunbookResult;
import dev.liftoff.postgres.PgSync;
import dev.liftoff.postgres.PgSyncStatus;
import dev.liftoff.redis.RedisSync;
import dev.liftoff.redis.SyncStatus;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code liftoff migrate}: the facade the CLI calls. {@link #plan} and {@link #status} change nothing; the journal
 * lives beside {@code liftoff.yaml} ({@link MigrateConfig#journalFile()}). Stateless and thread-safe.
 */
public final class Migration {
    private Migration() {}

    /**
     * The runbook's phases for a configuration, in order. Building them connects to nothing: {@code links} opens each
     * connection when a phase first needs it.
     */
    public static Runbook runbook(MigrateConfig config, Map<String, String> env, Links links) {
        List<Phase> phases = new ArrayList<>();
        phases.add(new PreflightPhase(config, env));
        phases.add(new PgSyncPhase(links::postgres));
        if (config.movesRedis()) {
            phases.add(new RedisSyncPhase(() -> links.redis().orElseThrow()));
        }
        config.loadTest()
                .ifPresent(
                        lt -> phases.add(new LoadTestPhase(lt, config.gateway().newUpstream())));
        phases.add(new CutoverPhase(links, links, config.cutover()));
        phases.add(new PostVerifyPhase(
                config.gateway(),
                links,
                links::stopSyncs,
                links,
                config.cutover().verify()));
        return new Runbook(phases);
    }

    /**
     * Runs the migration from where its journal says it stands, then writes the report beside {@code liftoff.yaml}
     * ({@link MigrateConfig#reportFile}) whatever the outcome. Blocks until done.
     *
     * @param log receives a line per phase start, end and step
     * @param status receives the syncs' notices; the caller owns it
     * @return the report of a completed migration
     * @throws LiftoffException {@code CHECK_FAILED} when a phase refused to go on (a policy, a broken SLO), with its
     *     reason; what a phase threw otherwise. The report is written in every case.
     */
    public static MigrationReport run(
            MigrateConfig config, Map<String, String> env, Consumer<String> log, PrintStream status) {
        try (Journal journal = Journal.open(config.journalFile());
                Links links = new Links(config, env, status)) {
            Runbook runbook = runbook(config, env, links);
            RunbookResult result;
            try {
                result = runbook.run(journal, log, Clock.systemUTC());
            } finally {
                writeReport(
                        config,
                        MigrationReport.of(runbook.history(journal.entries()).phases()));
            }
            MigrationReport report = MigrationReport.of(result.phases());
            if (result.abandonedBy().isPresent()) {
                throw LiftoffException.checkFailed(report.reason());
            }
            return report;
        }
    }

    /** The runbook for listing only: its links are never opened. */
    private static Runbook described(MigrateConfig config, Map<String, String> env) {
        return runbook(config, env, new Links(config, env, new PrintStream(OutputStream.nullOutputStream())));
    }

    private static void writeReport(MigrateConfig config, MigrationReport report) {
        ReportRenderer.writeJson(report, config.reportFile("json"));
        ReportRenderer.writeHtml(report, config.reportFile("html"));
    }

    /**
     * The steps and every preflight finding, without changing anything.
     *
     * @param env where {@code ${env:NAME}} references are looked up (the process environment, for the CLI)
     */
    public static MigrationPlan plan(MigrateConfig config, Map<String, String> env) {
        Runbook runbook = described(config, env);
        History history = runbook.history(Journal.read(config.journalFile()));
        boolean resuming = history.phases().stream().anyMatch(r -> r.attempts() > 0);
        List<MigrationPlan.Step> steps = runbook.phases().stream()
                .map(p -> new MigrationPlan.Step(p.name(), p.description(), status(history.phase(p.name()))))
                .toList();
        String resumeAt = resuming ? history.next().map(PhaseRecord::name).orElse(null) : null;
        return new MigrationPlan(steps, resumeAt, Preflight.inspect(config, env, resuming));
    }

    /**
     * Where the migration stands: the journal (which a running {@code migrate run} keeps writing) and each sync's lag,
     * read from the servers when they can be reached (a missing figure says why).
     */
    public static MigrationStatus status(MigrateConfig config, Map<String, String> env) {
        Runbook runbook = described(config, env);
        MigrationReport journal = MigrationReport.of(
                runbook.history(Journal.read(config.journalFile())).phases());
        List<SyncLag> syncs = new ArrayList<>();
        Endpoints endpoints;
        try {
            endpoints = config.endpoints(env);
        } catch (LiftoffException e) {
            syncs.add(new SyncLag("postgres", "unknown", false, null, e.getMessage()));
            return new MigrationStatus(journal, syncs);
        }
        try {
            PgSyncStatus pg = PgSync.status(endpoints.sourcePostgres(), endpoints.targetPostgres());
            syncs.add(new SyncLag("postgres", pg.phase(), pg.running(), pg.lagSeconds(), null));
        } catch (LiftoffException e) {
            syncs.add(new SyncLag("postgres", "unknown", false, null, e.getMessage()));
        }
        if (endpoints.sourceRedis().isPresent()) {
            RedisUrl source = endpoints.sourceRedis().get();
            RedisUrl target = endpoints.targetRedis().orElseThrow();
            try {
                SyncStatus redis = RedisSync.status(
                        new dev.liftoff.redis.Endpoints(source, target, false), RedisLink.databases(source, target));
                syncs.add(new SyncLag("redis", redis.phase(), redis.running(), redis.lagSeconds(), null));
            } catch (LiftoffException e) {
                syncs.add(new SyncLag("redis", "unknown", false, null, e.getMessage()));
            }
        }
        return new MigrationStatus(journal, syncs);
    }

    private static String status(PhaseRecord r) {
        return r.status()
                .map(s -> s.name().toLowerCase(Locale.ROOT))
                .orElse(r.interrupted() ? "interrupted" : "pending");
    }
}
