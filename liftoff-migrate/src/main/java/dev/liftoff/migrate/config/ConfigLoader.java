package dev.liftoff.migrate.config;

import dev.liftoff.core.Durations;
import dev.liftoff.core.LiftoffException;
import dev.liftoff.core.Rate;
import dev.liftoff.loadtest.slo.Slo;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads {@code liftoff.yaml}. Connection URLs appear only as {@code ${env:NAME}}; a literal URL is refused, because
 * the file is meant to be committed and the URLs carry passwords. Every error is a usage error
 * ({@code FILE:LINE: field: problem; fix}) that never repeats a URL from the file. Stateless and thread-safe.
 *
 * <pre>
 * source:
 *   postgres: ${env:HEROKU_DATABASE_URL}
 *   redis: ${env:HEROKU_REDIS_URL}
 * target:
 *   postgres: ${env:RDS_DATABASE_URL}
 *   redis: ${env:ELASTICACHE_URL}
 * gateway:
 *   admin: http://127.0.0.1:9091
 *   token_file: gateway.token
 *   new_upstream: http://new-platform.internal:8080
 * loadtest:                      # optional
 *   scenario: checkout.har
 *   rate: 300/s
 *   duration: 60s
 *   slo: p95&lt;300ms,errors&lt;1%
 * cutover:                       # optional; these are the defaults
 *   mode: hold                   # hold | maintenance
 *   max_write_freeze: 10s
 *   wait_in_flight: 30s
 *   max_lag: 2s
 *   catch_up: 60s                # how long to wait for a higher lag to come down before giving up
 *   verify: before_switch        # before_switch | after_switch (exact comparison of snapshots taken in the freeze)
 * </pre>
 */
public final class ConfigLoader {
    private static final Pattern ENV_REF = Pattern.compile("\\$\\{env:([^}]*)}");

    private ConfigLoader() {}

    /**
     * Reads and validates a file.
     *
     * @throws LiftoffException a usage error for an unreadable, malformed or invalid file
     */
    public static MigrateConfig load(Path file) {
        String name = file.toString();
        Node root;
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            options.setMaxAliasesForCollections(10);
            root = new Yaml(new SafeConstructor(options)).compose(reader);
        } catch (NoSuchFileException e) {
            throw LiftoffException.usage(name + ": no such file; write a liftoff.yaml (see 'liftoff migrate --help')");
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
            throw LiftoffException.usage(
                    name + ":" + line + ": not valid YAML: " + e.getProblem() + "; check the indentation and quoting");
        } catch (YAMLException e) {
            throw LiftoffException.usage(name + ": not valid YAML: " + e.getMessage());
        } catch (IOException e) {
            throw LiftoffException.usage(name + ": cannot read: " + e.getMessage());
        }
        if (root == null) {
            throw LiftoffException.usage(name + ": the file is empty; it needs source, target and gateway");
        }
        YamlSection top = new YamlSection(name, "", root);
        top.allowOnly(Set.of("source", "target", "gateway", "loadtest", "cutover"));
        Path dir = file.toAbsolutePath().getParent();
        Platform source = platform(top.section("source"));
        Platform target = platform(top.section("target"));
        if (source.redis().isPresent() != target.redis().isPresent()) {
            YamlSection lacking = source.redis().isPresent() ? top.section("target") : top.section("source");
            throw LiftoffException.usage(lacking.where("redis")
                    + ": missing; name a Redis on both ends, or on neither when the app has none");
        }
        return new MigrateConfig(
                file,
                source,
                target,
                gateway(top.section("gateway"), dir),
                top.optionalSection("loadtest").map(s -> loadTest(s, dir)),
                top.optionalSection("cutover").map(ConfigLoader::cutover).orElse(CutoverPolicy.DEFAULT));
    }

    private static Platform platform(YamlSection s) {
        s.allowOnly(Set.of("postgres", "redis"));
        return new Platform(
                envRef(s, "postgres", s.scalar("postgres")),
                s.optionalScalar("redis").map(v -> envRef(s, "redis", v)));
    }

    private static EnvRef envRef(YamlSection s, String key, String value) {
        Matcher m = ENV_REF.matcher(value);
        if (m.matches()) {
            return new EnvRef(m.group(1).strip(), s.where(key));
        }
        String problem = value.contains("://") && value.contains("@")
                ? "a literal URL with credentials does not belong in this file"
                : "connection URLs are named by environment variable here";
        throw LiftoffException.usage(s.where(key) + ": " + problem + "; export the URL in a variable and write " + key
                + ": ${env:VARIABLE}");
    }

    private static GatewaySettings gateway(YamlSection s, Path dir) {
        s.allowOnly(Set.of("admin", "token_file", "new_upstream"));
        return new GatewaySettings(
                httpUri(s, "admin"), dir.resolve(s.scalar("token_file")), httpUri(s, "new_upstream"));
    }

    private static URI httpUri(YamlSection s, String key) {
        String value = s.scalar(key);
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw LiftoffException.usage(s.where(key) + ": not a URL; write for example http://127.0.0.1:9091");
        }
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
            throw LiftoffException.usage(s.where(key) + ": expected an http:// or https:// URL with a host");
        }
        if (uri.getUserInfo() != null) {
            throw LiftoffException.usage(s.where(key)
                    + ": credentials do not belong in this URL; the gateway's token goes in gateway.token_file");
        }
        return uri;
    }

    private static LoadTestSettings loadTest(YamlSection s, Path dir) {
        s.allowOnly(Set.of("scenario", "rate", "duration", "slo"));
        String scenario = s.scalar("scenario");
        if (!scenario.startsWith("http://") && !scenario.startsWith("https://")) {
            scenario = dir.resolve(scenario).toString();
        }
        Rate rate = Rate.parse(s.scalar("rate"), s.where("rate"));
        if (rate.perSecond() <= 0) {
            throw LiftoffException.usage(s.where("rate") + ": must be above 0/s");
        }
        Optional<String> slo = s.optionalScalar("slo");
        slo.ifPresent(text -> {
            try {
                Slo.parse(text);
            } catch (LiftoffException e) {
                throw LiftoffException.usage(s.where("slo") + ": " + e.getMessage());
            }
        });
        return new LoadTestSettings(scenario, rate, positive(s, "duration", Duration.ofSeconds(60)), slo);
    }

    private static CutoverPolicy cutover(YamlSection s) {
        s.allowOnly(Set.of("mode", "max_write_freeze", "wait_in_flight", "max_lag", "catch_up", "verify"));
        CutoverPolicy d = CutoverPolicy.DEFAULT;
        return new CutoverPolicy(
                positive(s, "max_write_freeze", d.maxWriteFreeze()),
                choice(s, "mode", FreezeMode.class, d.mode(), "hold or maintenance"),
                positive(s, "wait_in_flight", d.waitInFlight()),
                positive(s, "max_lag", d.maxLag()),
                s.optionalScalar("catch_up")
                        .map(text -> Durations.parse(text, s.where("catch_up")))
                        .orElse(d.catchUp()),
                choice(s, "verify", VerifyTiming.class, d.verify(), "before_switch or after_switch"));
    }

    /** An enum constant written in lower case, or {@code fallback} when the key is absent. */
    private static <E extends Enum<E>> E choice(YamlSection s, String key, Class<E> type, E fallback, String expected) {
        Optional<String> text = s.optionalScalar(key);
        if (text.isEmpty()) {
            return fallback;
        }
        try {
            return Enum.valueOf(type, text.get().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw LiftoffException.usage(s.where(key) + ": expected " + expected);
        }
    }

    private static Duration positive(YamlSection s, String key, Duration fallback) {
        Optional<String> text = s.optionalScalar(key);
        if (text.isEmpty()) {
            return fallback;
        }
        Duration d = Durations.parse(text.get(), s.where(key));
        if (d.isZero()) {
            throw LiftoffException.usage(s.where(key) + ": must be longer than 0s");
        }
        return d;
    }
}
