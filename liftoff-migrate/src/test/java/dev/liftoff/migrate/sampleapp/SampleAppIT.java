package dev.liftoff.migrate.sampleapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.liftoff.core.LiftoffException;
import dev.liftoff.core.PostgresUrl;
import dev.liftoff.testkit.PostgresExtension;
import dev.liftoff.testkit.RedisExtension;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SampleAppIT {
    @RegisterExtension
    static final PostgresExtension PG = PostgresExtension.create();

    @RegisterExtension
    static final RedisExtension REDIS = RedisExtension.create();

    final HttpClient http = HttpClient.newHttpClient();
    PostgresUrl db;
    SampleApp app;

    @BeforeEach
    void start() {
        db = PG.newDatabase();
        SampleSchema.apply(db);
        flushRedis();
        app = SampleApp.start(SampleAppConfig.of("test", db, REDIS.url()));
    }

    @AfterEach
    void stop() {
        app.close();
    }

    private static void flushRedis() {
        RedisClient client = RedisClient.create(dev.liftoff.migrate.RedisUris.uri(REDIS.url()));
        try (StatefulRedisConnection<String, String> c = client.connect()) {
            c.sync().flushall();
        } finally {
            client.shutdown();
        }
    }

    private HttpResponse<String> post(String body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(app.baseUri().resolve("/orders"))
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(app.baseUri().resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private String status(long id) throws Exception {
        try (Connection c = PG.server().connect(db.database());
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT status FROM orders WHERE id = " + id)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    @Test
    void storesAnOrderAndAnswersWithItsIdOnceCommitted() throws Exception {
        HttpResponse<String> r =
                post("{\"request_id\":\"" + UUID.randomUUID() + "\",\"item\":\"book\",\"quantity\":2}");
        assertThat(r.statusCode()).isEqualTo(201);
        long id = Long.parseLong(r.body().replaceAll("\\D", ""));
        assertThat(status(id)).isNotNull();
        assertThat(get("/orders/" + id).body()).contains("\"item\":\"book\"");
    }

    @Test
    void answersARetriedRequestWithTheSameOrderInsteadOfASecondOne() throws Exception {
        String body = "{\"request_id\":\"" + UUID.randomUUID() + "\",\"item\":\"pen\",\"quantity\":1}";
        HttpResponse<String> first = post(body);
        HttpResponse<String> retry = post(body);
        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(retry.statusCode()).isEqualTo(200);
        assertThat(retry.body()).isEqualTo(first.body());
    }

    @Test
    void theWorkerProcessesQueuedOrders() throws Exception {
        HttpResponse<String> r =
                post("{\"request_id\":\"" + UUID.randomUUID() + "\",\"item\":\"lamp\",\"quantity\":1}");
        long id = Long.parseLong(r.body().replaceAll("\\D", ""));
        await().atMost(Duration.ofSeconds(10)).until(() -> "processed".equals(status(id)));
        assertThat(app.processedJobs()).isEqualTo(1);
    }

    @Test
    void refusesABadOrder() throws Exception {
        assertThat(post("not json").statusCode()).isEqualTo(400);
        assertThat(post("{\"request_id\":\"x\",\"item\":\"a\",\"quantity\":1}").statusCode())
                .isEqualTo(400);
        assertThat(get("/orders/999999").statusCode()).isEqualTo(404);
    }

    @Test
    void answers503WhileItsDatabaseIsGoneSoClientsRetry() throws Exception {
        PG.server().execute("postgres", "ALTER DATABASE " + db.database() + " ALLOW_CONNECTIONS false");
        PG.server()
                .execute(
                        "postgres",
                        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + db.database()
                                + "' AND pid <> pg_backend_pid()");
        try {
            assertThat(post("{\"request_id\":\"" + UUID.randomUUID() + "\",\"item\":\"a\",\"quantity\":1}")
                            .statusCode())
                    .isEqualTo(503);
        } finally {
            PG.server().execute("postgres", "ALTER DATABASE " + db.database() + " ALLOW_CONNECTIONS true");
        }
    }

    @Test
    void readsItsSettingsLikeAHerokuDyno() {
        SampleAppConfig c = SampleAppConfig.fromEnvironment(
                "web",
                Map.of("DATABASE_URL", db.toString(), "REDIS_URL", REDIS.url().toString(), "PORT", "0"));
        assertThat(c.database().database()).isEqualTo(db.database());
        assertThatThrownBy(() -> SampleAppConfig.fromEnvironment("web", Map.of()))
                .isInstanceOf(LiftoffException.class)
                .hasMessageContaining("set DATABASE_URL and REDIS_URL");
        assertThat(URI.create(app.baseUri().toString()).getHost()).isEqualTo("127.0.0.1");
    }
}
