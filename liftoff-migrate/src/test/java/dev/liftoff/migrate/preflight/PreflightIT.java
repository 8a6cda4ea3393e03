package dev.liftoff.migrate.preflight;

import static org.assertj.core.api.Assertions.assertThat;

import dev.liftoff.core.PostgresUrl;
import dev.liftoff.migrate.config.ConfigLoader;
import dev.liftoff.migrate.config.MigrateConfig;
import dev.liftoff.testkit.PostgresExtension;
import dev.liftoff.testkit.RedisExtension;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class PreflightIT {
    @RegisterExtension
    static final PostgresExtension PG = PostgresExtension.create();

    @RegisterExtension
    static final RedisExtension REDIS = RedisExtension.create();

    @TempDir
    Path dir;

    MigrateConfig config;
    PostgresUrl source;
    PostgresUrl target;
    final Map<String, String> env = new HashMap<>();

    @BeforeEach
    void setUp() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        Files.writeString(dir.resolve("token"), "0123456789abcdef0123\n");
        Files.writeString(dir.resolve("liftoff.yaml"), """
                source: {postgres: "${env:OLD_DB}", redis: "${env:OLD_REDIS}"}
                target: {postgres: "${env:NEW_DB}", redis: "${env:NEW_REDIS}"}
                gateway:
                  admin: http://127.0.0.1:%d
                  token_file: token
                  new_upstream: http://127.0.0.1:%d
                """.formatted(closedPort, closedPort));
        config = ConfigLoader.load(dir.resolve("liftoff.yaml"));
        source = PG.newDatabase();
        target = PG.newDatabase();
        PG.server().execute(source.database(), "CREATE TABLE t (id int PRIMARY KEY)");
        env.put("OLD_DB", source.toString());
        env.put("NEW_DB", target.toString());
        env.put("OLD_REDIS", REDIS.url().withDatabase(1).toString());
        env.put("NEW_REDIS", REDIS.url().withDatabase(2).toString());
    }

    private Finding finding(List<Finding> findings, String check) {
        return findings.stream()
                .filter(f -> f.check().equals(check))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no finding for " + check + " in " + findings));
    }

    @Test
    void findsReachableDistinctEndsAndAnEmptyTarget() {
        List<Finding> findings = Preflight.inspect(config, env, false);
        assertThat(finding(findings, "source postgres").severity()).isEqualTo(Finding.Severity.OK);
        assertThat(finding(findings, "source postgres").message()).contains("1 tables");
        assertThat(finding(findings, "target empty").severity()).isEqualTo(Finding.Severity.OK);
        assertThat(finding(findings, "target redis").severity()).isEqualTo(Finding.Severity.OK);
        assertThat(finding(findings, "pg_dump").severity()).isEqualTo(Finding.Severity.OK);
    }

    @Test
    void blocksANonEmptyTargetUnlessTheRunIsResuming() {
        PG.server().execute(target.database(), "CREATE TABLE leftover (id int)");
        assertThat(finding(Preflight.inspect(config, env, false), "target empty")
                        .message())
                .contains("is not empty (1 tables)");
        assertThat(finding(Preflight.inspect(config, env, true), "target empty").severity())
                .isEqualTo(Finding.Severity.OK);
    }

    @Test
    void blocksTheSameDatabaseOnBothEnds() {
        env.put("NEW_DB", source.toString());
        assertThat(finding(Preflight.inspect(config, env, false), "postgres ends")
                        .message())
                .contains("source and target are the same database");
    }

    @Test
    void blocksAnUnsetVariableAndStillChecksTheRest() {
        env.remove("NEW_DB");
        List<Finding> findings = Preflight.inspect(config, env, false);
        assertThat(finding(findings, "target postgres").message())
                .contains("liftoff.yaml:2: target.postgres")
                .contains("environment variable NEW_DB is not set");
        assertThat(finding(findings, "source postgres").severity()).isEqualTo(Finding.Severity.OK);
        assertThat(Preflight.blocked(findings)).isTrue();
    }

    @Test
    void blocksAnUnreachableGatewayAndWarnsOfAMissingNewUpstream() {
        List<Finding> findings = Preflight.inspect(config, env, false);
        assertThat(finding(findings, "gateway admin").severity()).isEqualTo(Finding.Severity.BLOCKER);
        assertThat(finding(findings, "gateway admin").message()).contains("http://127.0.0.1:");
        assertThat(finding(findings, "new upstream").severity()).isEqualTo(Finding.Severity.WARNING);
    }

    @Test
    void blocksAnUnreachableDatabaseWithoutPrintingItsPassword() {
        env.put("NEW_DB", "postgres://u:hunter2@127.0.0.1:1/app");
        Finding f = finding(Preflight.inspect(config, env, false), "target postgres");
        assertThat(f.severity()).isEqualTo(Finding.Severity.BLOCKER);
        assertThat(f.message()).contains("cannot connect").doesNotContain("hunter2");
    }
}
