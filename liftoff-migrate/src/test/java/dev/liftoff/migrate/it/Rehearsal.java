package dev.liftoff.migrate.it;

import dev.liftoff.core.PostgresUrl;
import dev.liftoff.core.RedisUrl;
import dev.liftoff.gateway.AdminToken;
import dev.liftoff.gateway.Gateway;
import dev.liftoff.gateway.GatewayConfig;
import dev.liftoff.gateway.HostPort;
import dev.liftoff.gateway.RunningGateway;
import dev.liftoff.gateway.Upstream;
import dev.liftoff.migrate.RedisUris;
import dev.liftoff.migrate.config.ConfigLoader;
import dev.liftoff.migrate.config.MigrateConfig;
import dev.liftoff.migrate.sampleapp.SampleApp;
import dev.liftoff.migrate.sampleapp.SampleAppConfig;
import dev.liftoff.migrate.sampleapp.SampleSchema;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;

/**
 * An old and a new platform (the sample app on its own PostgreSQL and Redis each), the gateway in front of the old
 * one, and a {@code liftoff.yaml} naming them through environment variables: what a migration test runs against.
 */
final class Rehearsal implements AutoCloseable {
    static final String TOKEN = "rehearsal-admin-token-0123456789";

    final PostgresUrl oldDb;
    final PostgresUrl newDb;
    final RedisUrl oldRedis;
    final RedisUrl newRedis;
    final SampleApp oldApp;
    final SampleApp newApp;
    final RunningGateway gateway;
    final Path yaml;
    final Map<String, String> env;

    Rehearsal(Path dir, PostgresUrl oldDb, PostgresUrl newDb, RedisUrl oldRedis, RedisUrl newRedis) {
        this.oldDb = oldDb;
        this.newDb = newDb;
        this.oldRedis = oldRedis;
        this.newRedis = newRedis;
        flush(oldRedis);
        flush(newRedis);
        SampleSchema.apply(oldDb);
        oldApp = SampleApp.start(SampleAppConfig.of("old", oldDb, oldRedis));
        newApp = SampleApp.start(SampleAppConfig.of("new", newDb, newRedis).withWorker(false));
        gateway = Gateway.start(GatewayConfig.builder(
                        HostPort.parse("127.0.0.1:0", "listen"),
                        Upstream.parse(oldApp.baseUri().toString(), "old"),
                        HostPort.parse("127.0.0.1:0", "admin"),
                        AdminToken.of(TOKEN, "test"))
                .holdTimeout(Duration.ofSeconds(30))
                .build());
        try {
            Files.writeString(dir.resolve("gateway.token"), TOKEN + "\n");
            yaml = dir.resolve("liftoff.yaml");
            Files.writeString(yaml, """
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
                      max_write_freeze: 20s
                      max_lag: 5s
                    """.formatted(gateway.adminUrl(), newApp.baseUri()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        env = Map.of(
                "OLD_DATABASE_URL", oldDb.toString(),
                "NEW_DATABASE_URL", newDb.toString(),
                "OLD_REDIS_URL", oldRedis.toString(),
                "NEW_REDIS_URL", newRedis.toString());
    }

    MigrateConfig config() {
        return ConfigLoader.load(yaml);
    }

    /** Orders on the new platform that its worker has not processed yet. */
    long unprocessed() {
        return count(newDb, "SELECT count(*) FROM orders WHERE status = 'new'");
    }

    static long count(PostgresUrl db, String sql) {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.jdbcProperties());
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void flush(RedisUrl url) {
        RedisClient client = RedisClient.create(RedisUris.uri(url));
        try (StatefulRedisConnection<String, String> c = client.connect()) {
            c.sync().flushall();
        } finally {
            client.shutdown();
        }
    }

    @Override
    public void close() {
        gateway.close();
        newApp.close();
        oldApp.close();
    }
}
