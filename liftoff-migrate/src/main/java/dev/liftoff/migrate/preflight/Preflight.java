package dev.liftoff.migrate.preflight;

import dev.liftoff.core.LiftoffException;
import dev.liftoff.core.PostgresUrl;
import dev.liftoff.core.Redaction;
import dev.liftoff.core.RedisUrl;
import dev.liftoff.gateway.AdminClient;
import dev.liftoff.gateway.AdminToken;
import dev.liftoff.gateway.GatewayStatus;
import dev.liftoff.migrate.RedisUris;
import dev.liftoff.migrate.config.EnvRef;
import dev.liftoff.migrate.config.GatewaySettings;
import dev.liftoff.migrate.config.MigrateConfig;
import dev.liftoff.migrate.phases.GatewaySwitch;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Looks at every endpoint of a migration without changing anything and says what stands in the way. Each check
 * reports on its own, so one unreachable server does not hide the other findings. Stateless and thread-safe; every
 * connection it opens is closed before it returns.
 */
public final class Preflight {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final Pattern PG_DUMP_VERSION = Pattern.compile("\\(PostgreSQL\\) (\\d+)");

    private Preflight() {}

    /**
     * Runs every check.
     *
     * @param env where the {@code ${env:NAME}} references are looked up
     * @param resuming whether the journal shows the run has begun writing to the target, which is then allowed to hold
     *     data
     */
    public static List<Finding> inspect(MigrateConfig config, Map<String, String> env, boolean resuming) {
        List<Finding> out = new ArrayList<>();
        Optional<PostgresUrl> sourcePg =
                resolve(out, "source postgres", config.source().postgres(), env, PostgresUrl::parse);
        Optional<PostgresUrl> targetPg =
                resolve(out, "target postgres", config.target().postgres(), env, PostgresUrl::parse);
        Optional<PgFacts> source = sourcePg.flatMap(url -> facts(out, "source postgres", url));
        Optional<PgFacts> target = targetPg.flatMap(url -> facts(out, "target postgres", url));
        if (sourcePg.isPresent() && targetPg.isPresent()) {
            comparePostgres(out, sourcePg.get(), targetPg.get(), source, target, resuming);
        }
        source.ifPresent(s -> pgDump(out, s));
        if (config.movesRedis()) {
            Optional<RedisUrl> sourceRedis =
                    resolve(out, "source redis", config.source().redis().orElseThrow(), env, RedisUrl::parse);
            Optional<RedisUrl> targetRedis =
                    resolve(out, "target redis", config.target().redis().orElseThrow(), env, RedisUrl::parse);
            sourceRedis.ifPresent(url -> redis(out, "source redis", url, true));
            targetRedis.ifPresent(url -> redis(out, "target redis", url, resuming));
            if (sourceRedis.isPresent() && targetRedis.isPresent() && sameRedis(sourceRedis.get(), targetRedis.get())) {
                out.add(Finding.blocker(
                        "redis ends",
                        "source and target name the same Redis database (" + targetRedis.get()
                                + "); point target.redis at the new server"));
            }
        }
        gateway(out, config.gateway());
        config.loadTest().ifPresent(lt -> {
            if (!lt.scenario().startsWith("http://") && !lt.scenario().startsWith("https://")) {
                Path scenario = Path.of(lt.scenario());
                out.add(
                        Files.isReadable(scenario)
                                ? Finding.ok("load test", "scenario " + scenario.getFileName() + " at " + lt.rate())
                                : Finding.blocker(
                                        "load test",
                                        "scenario " + scenario + " is not readable; fix loadtest.scenario"));
            }
        });
        return List.copyOf(out);
    }

    /** Whether any finding blocks the migration. */
    public static boolean blocked(List<Finding> findings) {
        return findings.stream().anyMatch(f -> f.severity() == Finding.Severity.BLOCKER);
    }

    private static <T> Optional<T> resolve(
            List<Finding> out, String check, EnvRef ref, Map<String, String> env, Function<String, T> parse) {
        try {
            return Optional.of(parse.apply(ref.resolve(env)));
        } catch (LiftoffException e) {
            String message = e.getMessage().startsWith(ref.where())
                    ? e.getMessage().substring(ref.where().length() + 2)
                    : "$" + ref.variable() + ": " + e.getMessage();
            out.add(Finding.blocker(check, ref.where() + ": " + message));
            return Optional.empty();
        }
    }

    /** What preflight needs to know of one PostgreSQL database. */
    record PgFacts(
            int versionNum,
            String version,
            String database,
            Optional<String> systemId,
            long tables,
            TreeSet<String> extensions,
            TreeSet<String> available) {}

    private static Optional<PgFacts> facts(List<Finding> out, String check, PostgresUrl url) {
        Properties props = url.jdbcProperties();
        props.setProperty("ApplicationName", "liftoff");
        props.setProperty("connectTimeout", Long.toString(TIMEOUT.toSeconds()));
        try (Connection c = DriverManager.getConnection(url.jdbcUrl(), props);
                Statement st = c.createStatement()) {
            int versionNum = Integer.parseInt(one(st, "SHOW server_version_num"));
            String version = one(st, "SHOW server_version");
            String database = one(st, "SELECT current_database()");
            long tables = Long.parseLong(one(
                    st,
                    "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                            + " WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema',"
                            + " '_liftoff') AND n.nspname NOT LIKE 'pg_toast%'"));
            TreeSet<String> extensions = set(st, "SELECT extname FROM pg_extension WHERE extname <> 'plpgsql'");
            TreeSet<String> available = set(st, "SELECT name FROM pg_available_extensions");
            Optional<String> systemId;
            try {
                systemId = Optional.of(one(st, "SELECT system_identifier::text FROM pg_control_system()"));
            } catch (SQLException e) {
                // managed servers may not grant it; host, port and name decide sameness then
                systemId = Optional.empty();
            }
            out.add(Finding.ok(
                    check,
                    url.shortName() + ": PostgreSQL " + version + ", " + tables + " tables"
                            + (extensions.isEmpty() ? "" : ", extensions " + String.join(", ", extensions))));
            return Optional.of(new PgFacts(versionNum, version, database, systemId, tables, extensions, available));
        } catch (SQLException | RuntimeException e) {
            out.add(Finding.blocker(
                    check,
                    Redaction.maskUserInfo(url.shortName() + ": cannot connect: " + firstLine(e.getMessage())
                            + "; check the server is up and the URL is right")));
            return Optional.empty();
        }
    }

    private static void comparePostgres(
            List<Finding> out,
            PostgresUrl sourceUrl,
            PostgresUrl targetUrl,
            Optional<PgFacts> source,
            Optional<PgFacts> target,
            boolean resuming) {
        boolean sameAddress = sourceUrl.host().equals(targetUrl.host())
                && sourceUrl.port() == targetUrl.port()
                && sourceUrl.database().equals(targetUrl.database());
        boolean sameServer = source.isPresent()
                && target.isPresent()
                && source.get().systemId().isPresent()
                && source.get().systemId().equals(target.get().systemId())
                && source.get().database().equals(target.get().database());
        if (sameAddress || sameServer) {
            out.add(Finding.blocker(
                    "postgres ends",
                    "source and target are the same database (" + targetUrl.shortName()
                            + "); point target.postgres at the new database"));
            return;
        }
        if (source.isEmpty() || target.isEmpty()) {
            return;
        }
        PgFacts s = source.get();
        PgFacts t = target.get();
        if (t.tables() > 0 && !resuming) {
            out.add(Finding.blocker(
                    "target empty",
                    "target database '" + t.database() + "' is not empty (" + t.tables() + " tables); point"
                            + " target.postgres at an empty database, or drop its tables"));
        } else {
            out.add(Finding.ok(
                    "target empty", resuming ? "the journal shows this run filling the target" : "no tables"));
        }
        if (t.versionNum() / 10_000 < s.versionNum() / 10_000) {
            out.add(Finding.warning(
                    "versions",
                    "target runs PostgreSQL " + t.version() + ", older than the source's " + s.version()
                            + "; a schema using newer features will not restore"));
        }
        TreeSet<String> missing = new TreeSet<>(s.extensions());
        missing.removeAll(t.available());
        if (!missing.isEmpty()) {
            out.add(Finding.blocker(
                    "extensions",
                    "the target cannot install " + String.join(", ", missing) + ", which the source uses; install"
                            + " them on the target server (or choose a target that offers them)"));
        } else if (!s.extensions().isEmpty()) {
            out.add(Finding.ok("extensions", "the target offers " + String.join(", ", s.extensions())));
        }
    }

    private static void pgDump(List<Finding> out, PgFacts source) {
        int sourceMajor = source.versionNum() / 10_000;
        try {
            Process p = new ProcessBuilder("pg_dump", "--version")
                    .redirectErrorStream(true)
                    .start();
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
            Matcher m = PG_DUMP_VERSION.matcher(text);
            int major = m.find() ? Integer.parseInt(m.group(1)) : 0;
            out.add(
                    major >= sourceMajor
                            ? Finding.ok("pg_dump", text)
                            : Finding.blocker(
                                    "pg_dump",
                                    "'" + text + "' is older than the source (PostgreSQL " + sourceMajor
                                            + "); install pg_dump "
                                            + sourceMajor + " or newer (e.g. apt-get install postgresql-client-"
                                            + sourceMajor + ")"));
        } catch (IOException e) {
            out.add(Finding.blocker(
                    "pg_dump",
                    "pg_dump is not on PATH; install the PostgreSQL " + sourceMajor + " client tools (e.g. apt-get"
                            + " install postgresql-client-" + sourceMajor + ")"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            out.add(Finding.blocker("pg_dump", "interrupted while asking pg_dump for its version"));
        }
    }

    private static void redis(List<Finding> out, String check, RedisUrl url, boolean mayHoldKeys) {
        RedisClient client = RedisClient.create(RedisUris.uri(url));
        try (StatefulRedisConnection<String, String> c = client.connect()) {
            long keys = c.sync().dbsize();
            if (keys > 0 && !mayHoldKeys) {
                out.add(Finding.blocker(
                        check, url + " holds " + keys + " keys; point target.redis at an empty database, or flush it"));
            } else {
                out.add(Finding.ok(check, url + ": " + keys + " keys"));
            }
        } catch (RuntimeException e) {
            out.add(Finding.blocker(
                    check,
                    Redaction.maskUserInfo(url + ": cannot connect: " + firstLine(e.getMessage())
                            + "; check the server is up and the URL is right")));
        } finally {
            client.shutdown(0, 2, TimeUnit.SECONDS);
        }
    }

    private static boolean sameRedis(RedisUrl a, RedisUrl b) {
        return a.host().equals(b.host()) && a.port() == b.port() && a.database() == b.database();
    }

    private static void gateway(List<Finding> out, GatewaySettings gateway) {
        AdminToken token;
        try {
            token = GatewaySwitch.token(gateway);
        } catch (LiftoffException e) {
            out.add(Finding.blocker("gateway token", e.getMessage()));
            return;
        }
        try (AdminClient admin = new AdminClient(gateway.admin(), token)) {
            GatewayStatus status = admin.status();
            out.add(Finding.ok(
                    "gateway admin",
                    gateway.admin() + ": mode " + status.mode() + ", upstream " + status.upstream() + ", "
                            + status.inFlight() + " in flight"));
        } catch (LiftoffException e) {
            out.add(Finding.blocker("gateway admin", e.getMessage()));
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
        try {
            http.send(
                    HttpRequest.newBuilder(gateway.newUpstream())
                            .timeout(TIMEOUT)
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
            out.add(Finding.ok("new upstream", gateway.newUpstream() + " answers"));
        } catch (IOException e) {
            out.add(Finding.warning(
                    "new upstream",
                    "nothing answers at " + gateway.newUpstream() + " yet; the new platform's web process must be up"
                            + " before the cutover"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String one(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static TreeSet<String> set(Statement st, String sql) throws SQLException {
        TreeSet<String> out = new TreeSet<>();
        try (ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        int nl = message.indexOf('\n');
        return (nl < 0 ? message : message.substring(0, nl)).strip();
    }
}
