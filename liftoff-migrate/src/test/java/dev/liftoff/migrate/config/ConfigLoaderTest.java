package dev.liftoff.migrate.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.liftoff.core.ErrorCode;
import dev.liftoff.core.LiftoffException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    private static final String FULL = """
            source:
              postgres: ${env:OLD_DB}
              redis: ${env:OLD_REDIS}
            target:
              postgres: ${env:NEW_DB}
              redis: ${env:NEW_REDIS}
            gateway:
              admin: http://127.0.0.1:9091
              token_file: gateway.token
              new_upstream: http://127.0.0.1:8081
            loadtest:
              scenario: checkout.har
              rate: 300/s
              duration: 30s
              slo: p95<300ms
            cutover:
              mode: maintenance
              max_write_freeze: 5s
              wait_in_flight: 20s
              max_lag: 500ms
              verify: after_switch
            """;

    @TempDir
    Path dir;

    private MigrateConfig load(String yaml) throws IOException {
        Path file = dir.resolve("liftoff.yaml");
        Files.writeString(file, yaml);
        return ConfigLoader.load(file);
    }

    private LiftoffException failure(String yaml) {
        return (LiftoffException) org.assertj.core.api.Assertions.catchThrowable(() -> load(yaml));
    }

    @Test
    void readsEveryField() throws IOException {
        MigrateConfig c = load(FULL);
        assertThat(c.source().postgres().variable()).isEqualTo("OLD_DB");
        assertThat(c.target().redis().orElseThrow().variable()).isEqualTo("NEW_REDIS");
        assertThat(c.gateway().admin()).isEqualTo(URI.create("http://127.0.0.1:9091"));
        assertThat(c.gateway().tokenFile()).isEqualTo(dir.resolve("gateway.token"));
        assertThat(c.loadTest().orElseThrow().rate().perSecond()).isEqualTo(300);
        assertThat(c.loadTest().orElseThrow().scenario())
                .isEqualTo(dir.resolve("checkout.har").toString());
        assertThat(c.cutover())
                .isEqualTo(new CutoverPolicy(
                        Duration.ofSeconds(5),
                        FreezeMode.MAINTENANCE,
                        Duration.ofSeconds(20),
                        Duration.ofMillis(500),
                        CutoverPolicy.DEFAULT.catchUp(),
                        VerifyTiming.AFTER_SWITCH));
        assertThat(c.journalFile()).isEqualTo(dir.resolve("liftoff.journal.jsonl"));
    }

    @Test
    void readsTheExampleThatMigrateHelpShows() throws IOException {
        MigrateConfig c = load("""
                source:
                  postgres: ${env:HEROKU_DATABASE_URL}
                  redis: ${env:HEROKU_REDIS_URL}          # optional; then on both ends
                target:
                  postgres: ${env:RDS_DATABASE_URL}
                  redis: ${env:ELASTICACHE_URL}
                gateway:
                  admin: http://127.0.0.1:9091
                  token_file: gateway.token             # relative to liftoff.yaml
                  new_upstream: http://new-platform:8080
                loadtest:                               # optional
                  {scenario: checkout.har, rate: 300/s, duration: 60s, slo: 'p95<300ms,errors<1%'}
                cutover:                                # optional; the defaults
                  {mode: hold, max_write_freeze: 10s, wait_in_flight: 30s, max_lag: 2s, verify: before_switch}
                """);
        assertThat(c.cutover()).isEqualTo(CutoverPolicy.DEFAULT);
        assertThat(c.loadTest().orElseThrow().slo()).contains("p95<300ms,errors<1%");
    }

    @Test
    void defaultsTheCutoverPolicyAndLeavesRedisAndLoadTestOut() throws IOException {
        MigrateConfig c = load("""
                source: {postgres: "${env:OLD_DB}"}
                target: {postgres: "${env:NEW_DB}"}
                gateway: {admin: "http://127.0.0.1:9091", token_file: t, new_upstream: "http://127.0.0.1:8081"}
                """);
        assertThat(c.cutover()).isEqualTo(CutoverPolicy.DEFAULT);
        assertThat(c.movesRedis()).isFalse();
        assertThat(c.loadTest()).isEmpty();
    }

    @Test
    void resolvesUrlsFromTheEnvironment() throws IOException {
        Endpoints e = load(FULL)
                .endpoints(Map.of(
                        "OLD_DB", "postgres://u:secret@old:5432/app",
                        "NEW_DB", "postgres://u:secret@new:5432/app",
                        "OLD_REDIS", "redis://:secret@old:6379",
                        "NEW_REDIS", "redis://new:6379/2"));
        assertThat(e.sourcePostgres().host()).isEqualTo("old");
        assertThat(e.targetRedis().orElseThrow().database()).isEqualTo(2);
    }

    @Test
    void namesTheUnsetVariableAndWhereItIsUsed() throws IOException {
        MigrateConfig c = load(FULL);
        assertThatThrownBy(() -> c.endpoints(Map.of("OLD_DB", "postgres://u@old/app")))
                .isInstanceOf(LiftoffException.class)
                .hasMessage(
                        "%s:5: target.postgres: environment variable NEW_DB is not set;"
                                + " export it with the URL before running liftoff",
                        dir.resolve("liftoff.yaml"));
    }

    @Test
    void refusesALiteralUrlWithAPasswordWithoutRepeatingIt() {
        LiftoffException e = failure(FULL.replace("${env:NEW_DB}", "postgres://u:hunter2@db/app"));
        assertThat(e.code()).isEqualTo(ErrorCode.USAGE);
        assertThat(e.getMessage())
                .contains("liftoff.yaml:5: target.postgres: a literal URL with credentials does not belong")
                .contains("${env:VARIABLE}")
                .doesNotContain("hunter2");
    }

    @Test
    void namesTheLineOfABadDuration() {
        assertThat(failure(FULL.replace("max_write_freeze: 5s", "max_write_freeze: soon"))
                        .getMessage())
                .contains("liftoff.yaml:18: cutover.max_write_freeze: 'soon' is not a duration");
    }

    @Test
    void refusesAnUnknownFieldSoATypoIsNotIgnored() {
        assertThat(failure(FULL.replace("max_lag:", "max_lags:")).getMessage())
                .contains("liftoff.yaml:20: cutover.max_lags: unknown field; expected one of");
    }

    @Test
    void refusesAMissingField() {
        assertThat(failure(FULL.replace("  token_file: gateway.token\n", "")).getMessage())
                .contains("gateway.token_file: missing");
    }

    @Test
    void refusesRedisOnOneEndOnly() {
        assertThat(failure(FULL.replace("  redis: ${env:NEW_REDIS}\n", "")).getMessage())
                .contains("target.redis: missing; name a Redis on both ends");
    }

    @Test
    void checksTheSloSyntaxUpFront() {
        assertThat(failure(FULL.replace("slo: p95<300ms", "slo: fast please")).getMessage())
                .contains("liftoff.yaml:15: loadtest.slo:");
    }

    @Test
    void refusesAnUnknownFreezeMode() {
        assertThat(failure(FULL.replace("mode: maintenance", "mode: pause")).getMessage())
                .contains("liftoff.yaml:17: cutover.mode: expected hold or maintenance");
    }

    @Test
    void refusesAnUnknownVerifyTiming() {
        assertThat(failure(FULL.replace("verify: after_switch", "verify: never"))
                        .getMessage())
                .contains("liftoff.yaml:21: cutover.verify: expected before_switch or after_switch");
    }

    @Test
    void reportsBrokenYamlWithItsLine() {
        assertThat(failure("source:\n  postgres: [\n").getMessage())
                .contains("liftoff.yaml:")
                .contains("not valid YAML");
    }

    @Test
    void refusesCredentialsInTheAdminUrl() {
        assertThat(failure(FULL.replace("http://127.0.0.1:9091", "http://admin:pw@127.0.0.1:9091"))
                        .getMessage())
                .contains("gateway.admin: credentials do not belong in this URL")
                .doesNotContain("pw@");
    }

    @Test
    void saysWhenTheFileIsMissing() {
        assertThatThrownBy(() -> ConfigLoader.load(dir.resolve("nope.yaml")))
                .hasMessageContaining("nope.yaml: no such file");
    }
}
