package dev.liftoff.migrate.demo;

import dev.liftoff.core.Durations;
import dev.liftoff.core.LiftoffException;
import dev.liftoff.core.PostgresUrl;
import dev.liftoff.core.Rate;
import dev.liftoff.gateway.AdminToken;
import dev.liftoff.gateway.Gateway;
import dev.liftoff.gateway.GatewayConfig;
import dev.liftoff.gateway.HostPort;
import dev.liftoff.gateway.RunningGateway;
import dev.liftoff.gateway.Upstream;
import dev.liftoff.migrate.Migration;
import dev.liftoff.migrate.RedisUris;
import dev.liftoff.migrate.config.ConfigLoader;
import dev.liftoff.migrate.config.MigrateConfig;
import dev.liftoff.migrate.report.MigrationReport;
import dev.liftoff.migrate.sampleapp.SampleApp;
import dev.liftoff.migrate.sampleapp.SampleAppConfig;
import dev.liftoff.migrate.sampleapp.SampleSchema;
import dev.liftoff.migrate.traffic.DriverStats;
import dev.liftoff.migrate.traffic.WriteCheck;
import dev.liftoff.migrate.traffic.WriteChecker;
import dev.liftoff.migrate.traffic.WriteDriver;
import dev.liftoff.postgres.PgSync;
import dev.liftoff.postgres.PgSyncStatus;
import dev.liftoff.postgres.schema.PgDump;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * {@code liftoff demo}: the whole move rehearsed on this machine under live traffic. It starts an "old" and a "new"
 * platform (an embedded PostgreSQL and Redis each), the sample app on both (web process and worker), the gateway in
 * front of the old one, and steady writes through the gateway that record every acknowledgement; it runs
 * {@link Migration#run} (the runbook {@code liftoff migrate run} runs) while the writes flow; then it checks every
 * acknowledged write on the new platform: none lost, none duplicated, none stored under another id, and how long
 * writes stalled. It removes every server before returning.
 *
 * <p>Thread-safe: each call starts its own servers on free ports.
 */
public final class Demo {
    /** Traffic before the migration starts, so that the sync has live changes to catch up on. */
    private static final Duration TRAFFIC_BEFORE = Duration.ofSeconds(2);

    /** Traffic after the switch, so that the new platform is seen taking writes. */
    private static final Duration TRAFFIC_AFTER = Duration.ofSeconds(3);

    private static final Duration TICK = Duration.ofSeconds(5);

    private Demo() {}

    /**
     * Runs the rehearsal, printing each phase and the migration's progress on {@code progress} (which the caller
     * owns). Blocks until the servers are removed.
     *
     * @throws LiftoffException with {@code ENVIRONMENT} when pg_dump is missing or a server cannot start
     */
    public static DemoResult run(DemoConfig config, PrintStream progress) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(progress, "progress");
        long start = System.nanoTime();
        // The embedded binaries hold only the server; the schema copy needs the client's pg_dump. Say so up front.
        try {
            PgDump.locate(Optional.empty());
        } catch (LiftoffException e) {
            throw LiftoffException.environment(
                    "pg_dump not found on PATH: the demo's schema copy needs the PostgreSQL"
                            + " 15+ client (apt-get install postgresql-client), the one thing the embedded servers do not bring");
        }
        Context ctx = new Context(config, progress);
        List<DemoResult.Phase> phases = new ArrayList<>();
        try {
            for (Step step : steps()) {
                progress.println("== " + step.name());
                long t0 = System.nanoTime();
                String summary = step.run(ctx);
                DemoResult.Phase phase = new DemoResult.Phase(step.name(), (System.nanoTime() - t0) / 1e9, summary);
                phases.add(phase);
                progress.println("   " + summary + " (" + human(phase.seconds()) + ")");
            }
        } finally {
            ctx.close();
        }
        List<DemoResult.Check> checks = checks(ctx);
        boolean ok = checks.stream().allMatch(DemoResult.Check::passed);
        WriteCheck w = ctx.writes;
        DemoResult result = new DemoResult(
                ok,
                (System.nanoTime() - start) / 1e9,
                w.writesTotal(),
                w.lostWrites(),
                w.duplicateWrites(),
                w.changedIds(),
                w.writeDowntimeMs(),
                ctx.migration.writeFreezeMs(),
                ctx.unprocessed,
                phases,
                checks,
                ctx.traffic,
                ctx.migration,
                config.htmlReport().map(Path::toString).orElse(null));
        config.htmlReport().ifPresent(file -> DemoReport.writeHtml(result, ctx.ackTimes, file));
        return result;
    }

    private static List<DemoResult.Check> checks(Context ctx) {
        WriteCheck w = ctx.writes;
        long maxDowntime = ctx.config.maxDowntime().toMillis();
        List<DemoResult.Check> checks = new ArrayList<>();
        checks.add(new DemoResult.Check(
                "migration completed",
                ctx.migration.completed(),
                ctx.migration.completed()
                        ? "traffic on the new platform"
                        : ctx.migration.outcome() + ": " + ctx.migration.reason()));
        checks.add(new DemoResult.Check(
                "lost_writes == 0",
                w.lostWrites() == 0,
                w.lostWrites() + " of " + w.writesTotal() + examples(w, "lost ")));
        checks.add(new DemoResult.Check(
                "duplicate_writes == 0", w.duplicateWrites() == 0, w.duplicateWrites() + examples(w, "duplicated ")));
        checks.add(new DemoResult.Check(
                "every write under the id acknowledged",
                w.changedIds() == 0,
                w.changedIds() + " differ" + examples(w, "order ")));
        checks.add(new DemoResult.Check(
                "every write answered",
                ctx.traffic.unanswered() == 0,
                ctx.traffic.unanswered() + " writes never answered"));
        checks.add(new DemoResult.Check(
                "write_downtime_ms < " + maxDowntime, w.writeDowntimeMs() < maxDowntime, w.writeDowntimeMs() + " ms"));
        checks.add(new DemoResult.Check(
                "every order processed by the new worker",
                ctx.unprocessed == 0,
                ctx.unprocessed + " orders still 'new'"));
        return checks;
    }

    /** The checker's examples of one kind (they start with {@code prefix}), for a check's detail. */
    private static String examples(WriteCheck w, String prefix) {
        List<String> mine =
                w.examples().stream().filter(e -> e.startsWith(prefix)).toList();
        return mine.isEmpty() ? "" : " (" + String.join("; ", mine) + ")";
    }

    /** One phase of the rehearsal. */
    interface Step {
        String name();

        /** Runs the phase and returns its one-line summary. */
        String run(Context ctx);
    }

    /** What the phases share: servers, apps, gateway, traffic and results. Closing it removes every server. */
    static final class Context implements AutoCloseable {
        final DemoConfig config;
        final PrintStream progress;
        EmbeddedCluster oldPg;
        EmbeddedCluster newPg;
        EmbeddedRedis oldRedis;
        EmbeddedRedis newRedis;
        PostgresUrl oldDb;
        PostgresUrl newDb;
        SampleApp oldApp;
        SampleApp newApp;
        RunningGateway gateway;
        WriteDriver driver;
        Path dir;
        Instant migrationStart;
        Instant migrationEnd;
        long acksAtSwitch;
        MigrationReport migration;
        DriverStats traffic;
        WriteCheck writes;
        long unprocessed;
        List<Instant> ackTimes = List.of();

        Context(DemoConfig config, PrintStream progress) {
            this.config = config;
            this.progress = progress;
        }

        @Override
        public void close() {
            // Each in its own step, so that one failing to stop does not leave the others running.
            List<AutoCloseable> all = new ArrayList<>();
            all.add(driver);
            all.add(gateway);
            all.add(newApp);
            all.add(oldApp);
            all.add(newRedis);
            all.add(oldRedis);
            all.add(newPg);
            all.add(oldPg);
            RuntimeException failure = null;
            for (AutoCloseable c : all) {
                if (c == null) {
                    continue;
                }
                try {
                    c.close();
                } catch (Exception e) {
                    if (failure == null) {
                        failure = new IllegalStateException("cannot stop a demo server: " + e.getMessage(), e);
                    } else {
                        failure.addSuppressed(e);
                    }
                }
            }
            if (dir != null) {
                deleteTree(dir);
            }
            if (failure != null) {
                throw failure;
            }
        }
    }

    static List<Step> steps() {
        return List.of(
                new StartServers(),
                new SeedOldPlatform(),
                new StartApps(),
                new TrafficOnOld(),
                new Migrate(),
                new TrafficOnNew(),
                new CheckWrites());
    }

    static final class StartServers implements Step {
        @Override
        public String name() {
            return "start servers";
        }

        @Override
        public String run(Context ctx) {
            // Four servers start faster side by side than one after the other.
            ExecutorService pool = Executors.newFixedThreadPool(4, r -> {
                Thread t = new Thread(r, "liftoff-demo-start");
                t.setDaemon(true);
                return t;
            });
            try {
                Future<EmbeddedCluster> oldPg = pool.submit(() -> EmbeddedCluster.start("old"));
                Future<EmbeddedCluster> newPg = pool.submit(() -> EmbeddedCluster.start("new"));
                Future<EmbeddedRedis> oldRedis = pool.submit(() -> EmbeddedRedis.start("old"));
                Future<EmbeddedRedis> newRedis = pool.submit(() -> EmbeddedRedis.start("new"));
                // Each is kept as soon as it is up, so that close() stops it even when another failed to start.
                RuntimeException failure = null;
                try {
                    ctx.oldPg = oldPg.get();
                } catch (ExecutionException e) {
                    failure = cause(e);
                }
                try {
                    ctx.newPg = newPg.get();
                } catch (ExecutionException e) {
                    failure = failure == null ? cause(e) : failure;
                }
                try {
                    ctx.oldRedis = oldRedis.get();
                } catch (ExecutionException e) {
                    failure = failure == null ? cause(e) : failure;
                }
                try {
                    ctx.newRedis = newRedis.get();
                } catch (ExecutionException e) {
                    failure = failure == null ? cause(e) : failure;
                }
                if (failure != null) {
                    throw failure;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw LiftoffException.environment("interrupted while starting the demo's servers", e);
            } finally {
                pool.shutdown();
            }
            execute(ctx.oldPg.url("postgres"), "CREATE DATABASE shop");
            execute(ctx.newPg.url("postgres"), "CREATE DATABASE shop");
            ctx.oldDb = ctx.oldPg.url("shop");
            ctx.newDb = ctx.newPg.url("shop");
            String redis = ctx.oldRedis.binary().startsWith("/usr") ? "redis-server" : "bundled redis-server 6.2";
            return "old platform: PostgreSQL 127.0.0.1:" + ctx.oldPg.port() + ", Redis 127.0.0.1:"
                    + ctx.oldRedis.port() + "; new platform: PostgreSQL 127.0.0.1:" + ctx.newPg.port()
                    + ", Redis 127.0.0.1:" + ctx.newRedis.port() + " (embedded PostgreSQL 15, " + redis + ")";
        }

        private static RuntimeException cause(ExecutionException e) {
            return e.getCause() instanceof RuntimeException r
                    ? r
                    : LiftoffException.environment("cannot start a demo server: " + e.getCause(), e.getCause());
        }
    }

    static final class SeedOldPlatform implements Step {
        /** Cache entries the old Redis holds before traffic, as a busy app's would. */
        private static final int CACHED_ORDERS = 20_000;

        @Override
        public String name() {
            return "seed the old platform";
        }

        @Override
        public String run(Context ctx) {
            SampleSchema.apply(ctx.oldDb);
            long rows = ctx.config.rows();
            // Processed history: the copy has rows to move, the worker nothing to redo.
            execute(
                    ctx.oldDb,
                    "INSERT INTO orders (request_id, item, quantity, status, created_at, processed_at)"
                            + " SELECT gen_random_uuid(), 'item-' || (g % 100), 1 + g % 5, 'processed',"
                            + " now() - make_interval(secs => " + rows + " - g), now() - make_interval(secs => " + rows
                            + " - g) FROM generate_series(1, " + rows + ") g; ANALYZE orders");
            int cached = (int) Math.min(rows, CACHED_ORDERS);
            RedisClient client = RedisClient.create(RedisUris.uri(ctx.oldRedis.url()));
            try (StatefulRedisConnection<String, String> c = client.connect()) {
                Map<String, String> batch = new LinkedHashMap<>();
                for (long id = rows - cached + 1; id <= rows; id++) {
                    batch.put("order:" + id, "{\"id\":" + id + ",\"status\":\"processed\"}");
                    if (batch.size() == 1_000) {
                        c.sync().mset(batch);
                        batch.clear();
                    }
                }
                if (!batch.isEmpty()) {
                    c.sync().mset(batch);
                }
            } finally {
                client.shutdown();
            }
            return String.format(Locale.ROOT, "%,d orders in PostgreSQL, %,d cached orders in Redis", rows, cached);
        }
    }

    static final class StartApps implements Step {
        @Override
        public String name() {
            return "start the apps and the gateway";
        }

        @Override
        public String run(Context ctx) {
            ctx.oldApp = SampleApp.start(SampleAppConfig.of("old", ctx.oldDb, ctx.oldRedis.url()));
            // The new platform's worker stays scaled to zero until traffic moves there: it must not write to a
            // database the sync is still filling.
            ctx.newApp = SampleApp.start(
                    SampleAppConfig.of("new", ctx.newDb, ctx.newRedis.url()).withWorker(false));
            String token = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
            ctx.gateway = Gateway.start(
                    GatewayConfig.builder(
                                    HostPort.parse("127.0.0.1:0", "listen"),
                                    Upstream.parse(ctx.oldApp.baseUri().toString(), "old"),
                                    HostPort.parse("127.0.0.1:0", "admin"),
                                    AdminToken.of(token, "demo"))
                            .holdTimeout(Duration.ofSeconds(30))
                            .build(),
                    event -> ctx.progress.println("   gateway: " + event));
            try {
                ctx.dir = Files.createTempDirectory("liftoff-demo-");
                Files.writeString(ctx.dir.resolve("gateway.token"), token + "\n");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return "sample app (web + worker) on the old platform at " + ctx.oldApp.baseUri()
                    + ", on the new one at " + ctx.newApp.baseUri() + " (worker off); gateway at "
                    + ctx.gateway.url() + " -> old";
        }
    }

    static final class TrafficOnOld implements Step {
        @Override
        public String name() {
            return "traffic on the old platform";
        }

        @Override
        public String run(Context ctx) {
            ctx.driver = WriteDriver.start(URI.create(ctx.gateway.url()), new Rate(ctx.config.rate()), 2_000);
            long want = Math.max(1, Math.round(ctx.config.rate() * TRAFFIC_BEFORE.toMillis() / 1000.0));
            awaitOrFail(
                    () -> ctx.driver.acknowledged() >= want,
                    Duration.ofSeconds(30),
                    "the old platform acknowledged no writes through the gateway within 30s");
            return String.format(
                    Locale.ROOT,
                    "%,d writes acknowledged at %s through the gateway",
                    ctx.driver.acknowledged(),
                    Rate.human(ctx.config.rate()));
        }
    }

    static final class Migrate implements Step {
        @Override
        public String name() {
            return "migrate";
        }

        @Override
        public String run(Context ctx) {
            Path yaml = ctx.dir.resolve("liftoff.yaml");
            try {
                Files.writeString(yaml, """
                        # written by liftoff demo: the file a real move commits beside its code
                        source:
                          postgres: ${env:OLD_DATABASE_URL}
                          redis: ${env:OLD_REDIS_URL}
                        target:
                          postgres: ${env:NEW_DATABASE_URL}
                          redis: ${env:NEW_REDIS_URL}
                        gateway:
                          admin: %s
                          token_file: gateway.token
                          new_upstream: %s
                        cutover:
                          mode: hold
                          max_write_freeze: 10s
                          wait_in_flight: 5s
                          max_lag: 5s
                        """.formatted(ctx.gateway.adminUrl(), ctx.newApp.baseUri()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Map<String, String> env = Map.of(
                    "OLD_DATABASE_URL", ctx.oldDb.toString(),
                    "NEW_DATABASE_URL", ctx.newDb.toString(),
                    "OLD_REDIS_URL", ctx.oldRedis.url().toString(),
                    "NEW_REDIS_URL", ctx.newRedis.url().toString());
            MigrateConfig config = ConfigLoader.load(yaml);
            // As before a real move: the old worker scales to zero, its queued jobs move with Redis.
            ctx.oldApp.stopWorker();
            ctx.progress.println("   scaled the old worker to zero; its queued jobs move with Redis");
            ctx.migrationStart = Instant.now();
            Thread ticker =
                    Thread.ofPlatform().daemon().name("liftoff-demo-ticker").start(() -> tick(ctx));
            try {
                ctx.migration =
                        Migration.run(config, env, line -> ctx.progress.println("   migrate: " + line), indent(ctx));
            } catch (LiftoffException e) {
                if (e.code() != dev.liftoff.core.ErrorCode.CHECK_FAILED) {
                    throw e;
                }
                // Abandoned by the cutover policy: traffic stays on the old platform; the checks say so.
                ctx.migration = Migration.status(config, env).journal();
            } finally {
                ticker.interrupt();
                ctx.migrationEnd = Instant.now();
            }
            ctx.acksAtSwitch = ctx.driver.acknowledged();
            if (ctx.migration.completed()) {
                ctx.newApp.startWorker();
                ctx.progress.println("   scaled the new worker to one");
            }
            return "migration " + ctx.migration.outcome()
                    + (ctx.migration.writeFreezeMs() == null
                            ? ""
                            : "; writes held at the gateway for " + ctx.migration.writeFreezeMs() + " ms");
        }

        /** The syncs' notices and progress, indented under the step. */
        private static PrintStream indent(Context ctx) {
            return new PrintStream(ctx.progress, true) {
                @Override
                public void println(String x) {
                    super.println("   " + x);
                }
            };
        }

        /** Every few seconds: the traffic and the PostgreSQL sync's lag, so that a watcher sees both flow. */
        private static void tick(Context ctx) {
            try {
                while (true) {
                    Thread.sleep(TICK.toMillis());
                    String lag = "";
                    try {
                        PgSyncStatus s = PgSync.status(ctx.oldDb, ctx.newDb);
                        lag = "; pg sync " + s.phase()
                                + (s.lagSeconds() == null
                                        ? ""
                                        : String.format(Locale.ROOT, ", lag %.1fs", s.lagSeconds()))
                                + String.format(Locale.ROOT, ", %,d changes applied", s.appliedChanges());
                    } catch (RuntimeException e) {
                        // not installed yet, or finished: the traffic line alone says enough
                    }
                    DriverStats d = ctx.driver.stats();
                    ctx.progress.println(String.format(
                            Locale.ROOT,
                            "   traffic: %,d writes acknowledged, %,d retried%s",
                            d.acknowledged(),
                            d.retries(),
                            lag));
                }
            } catch (InterruptedException e) {
                // the migration ended
            }
        }
    }

    static final class TrafficOnNew implements Step {
        @Override
        public String name() {
            return "traffic on the new platform";
        }

        @Override
        public String run(Context ctx) {
            if (ctx.migration.completed()) {
                long want = ctx.acksAtSwitch
                        + Math.max(1, Math.round(ctx.config.rate() * TRAFFIC_AFTER.toMillis() / 1000.0));
                awaitOrFail(
                        () -> ctx.driver.acknowledged() >= want,
                        Duration.ofSeconds(30),
                        "the new platform acknowledged no writes through the gateway within 30s");
            }
            ctx.traffic = ctx.driver.stop(Duration.ofSeconds(20));
            ctx.ackTimes = ctx.driver.acks().stream()
                    .map(a -> a.ackedAt())
                    .sorted(Comparator.naturalOrder())
                    .toList();
            return String.format(
                    Locale.ROOT,
                    "%,d writes acknowledged in all (%,d after the switch), %,d retried, %,d unanswered",
                    ctx.traffic.acknowledged(),
                    ctx.traffic.acknowledged() - ctx.acksAtSwitch,
                    ctx.traffic.retries(),
                    ctx.traffic.unanswered());
        }
    }

    static final class CheckWrites implements Step {
        @Override
        public String name() {
            return "check every write on the new platform";
        }

        @Override
        public String run(Context ctx) {
            if (ctx.migration.completed()) {
                // The new worker drains the jobs the old one left queued and those queued since.
                awaitQuietly(
                        () -> count(ctx.newDb, "SELECT count(*) FROM orders WHERE status = 'new'") == 0,
                        Duration.ofSeconds(30));
            }
            ctx.unprocessed = count(ctx.newDb, "SELECT count(*) FROM orders WHERE status = 'new'");
            ctx.config.beforeCheck().accept(ctx.newDb);
            ctx.writes = WriteChecker.check(
                    ctx.driver.acks(), ctx.newDb, Optional.of(ctx.migrationStart), Optional.of(ctx.migrationEnd));
            WriteCheck w = ctx.writes;
            return String.format(
                    Locale.ROOT,
                    "%,d acknowledged writes checked: %,d lost, %,d duplicated, %,d under another id; longest gap"
                            + " between acknowledgements during the migration %,d ms; %,d orders unprocessed",
                    w.writesTotal(),
                    w.lostWrites(),
                    w.duplicateWrites(),
                    w.changedIds(),
                    w.writeDowntimeMs(),
                    ctx.unprocessed);
        }
    }

    private static void awaitOrFail(BooleanSupplier condition, Duration timeout, String failure) {
        if (!awaitQuietly(condition, timeout)) {
            throw LiftoffException.checkFailed(failure);
        }
    }

    private static boolean awaitQuietly(BooleanSupplier condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    static String human(double seconds) {
        return Durations.human(Duration.ofMillis(Math.round(seconds * 1000)));
    }

    static void execute(PostgresUrl url, String sql) {
        try (Connection c = DriverManager.getConnection(url.jdbcUrl(), url.jdbcProperties());
                Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw LiftoffException.environment("demo server " + url.shortName() + ": " + e.getMessage(), e);
        }
    }

    static long count(PostgresUrl url, String sql) {
        try (Connection c = DriverManager.getConnection(url.jdbcUrl(), url.jdbcProperties());
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw LiftoffException.environment("demo server " + url.shortName() + ": " + e.getMessage(), e);
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // A temporary directory left behind is harmless; the OS cleans /tmp.
        }
    }
}
