package dev.liftoff.loadtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.liftoff.core.report.Json;
import dev.liftoff.loadtest.report.LoadTestResult;
import dev.liftoff.loadtest.report.Schedule;
import dev.liftoff.loadtest.scenario.BaseUrl;
import dev.liftoff.loadtest.scenario.ImportOptions;
import dev.liftoff.loadtest.slo.Slo;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LoadTestIT {
    private static final Path DIR = Path.of("src/test/resources/scenarios");
    private final TestHttpServer server = TestHttpServer.start();

    @AfterEach
    void stop() {
        server.close();
    }

    private static LoadTestConfig url(String url, Model model, Duration duration, String slo) {
        return new LoadTestConfig(
                Optional.empty(),
                Optional.of(url),
                ImportOptions.DEFAULTS,
                model,
                duration,
                Duration.ofSeconds(5),
                slo == null ? Slo.none() : Slo.parse(slo),
                2,
                false);
    }

    private LoadTestConfig file(String name, Model model, Duration duration) {
        ImportOptions options = new ImportOptions(
                Optional.of(BaseUrl.parse(server.url(""), "--base-url")), Optional.empty(), Set.of(), true);
        return new LoadTestConfig(
                Optional.of(DIR.resolve(name)),
                Optional.empty(),
                options,
                model,
                duration,
                Duration.ofSeconds(5),
                Slo.none(),
                2,
                false);
    }

    private static LoadTestResult run(LoadTestConfig config) {
        return LoadTest.run(config, new LoadTest.Listener() {});
    }

    @Test
    void startsSessionsAtTheRequestedRate() {
        LoadTestResult r =
                run(url(server.url("/ok"), new Model.Open(200, Duration.ZERO, 1000), Duration.ofSeconds(3), null));

        assertThat(r.schedule().sessionsDue()).isEqualTo(600);
        assertThat((double) r.schedule().sessionsStarted()).isCloseTo(600, within(12.0));
        assertThat(r.schedule().achievedRate()).isCloseTo(200, within(4.0));
        assertThat(r.schedule().sessionsQueued()).isZero();
        // Falling behind here can only mean this machine starved the generator, and then the lag says so.
        assertThat(r.schedule().fellBehind())
                .as(r.schedule().reason())
                .isEqualTo(r.schedule().startLagP99Ms() > Schedule.LATE_START_MS);
        assertThat(r.schedule().startLagMaxMs())
                .isGreaterThanOrEqualTo(r.schedule().startLagP99Ms());
        assertThat(r.requests()).isEqualTo(r.schedule().sessionsStarted()).isEqualTo(server.count());
        assertThat(r.errors()).isZero();
        assertThat(r.series()).hasSizeGreaterThanOrEqualTo(3);
    }

    @Test
    void chargesAServerStallToTheSessionsItHeldBack() {
        server.freezeAt(150, Duration.ofSeconds(1));

        LoadTestResult r = run(
                url(server.url("/ok"), new Model.Open(200, Duration.ZERO, 1000), Duration.ofSeconds(3), "p90<100ms"));

        // Sessions keep arriving during the stall (about 200 of 600), each charged from its intended start.
        assertThat((double) r.schedule().sessionsStarted()).isCloseTo(600, within(12.0));
        assertThat(r.latencyMs().p90()).isGreaterThanOrEqualTo(300);
        assertThat(r.latencyMs().max()).isGreaterThanOrEqualTo(800);
        assertThat(r.connectionsOpened()).isGreaterThan(50);
        assertThat(r.slo().passed()).isFalse();
        assertThat(r.errors()).isZero();
    }

    @Test
    void queuesSessionsBeyondTheInFlightCapAndSaysSo() {
        server.freezeAt(1, Duration.ofMillis(1500));

        LoadTestResult r =
                run(url(server.url("/ok"), new Model.Open(100, Duration.ZERO, 4), Duration.ofSeconds(1), null));

        assertThat(r.schedule().fellBehind()).isTrue();
        assertThat(r.schedule().sessionsQueued()).isPositive();
        assertThat(r.schedule().reason()).contains("--max-in-flight");
    }

    @Test
    void keepsEachClosedModelConnectionBusy() {
        LoadTestResult r = run(url(server.url("/ok"), new Model.Closed(4), Duration.ofSeconds(2), "rps>=10"));

        assertThat(server.received().stream()
                        .map(TestHttpServer.Received::remotePort)
                        .distinct())
                .hasSize(4);
        assertThat(r.connectionsOpened()).isEqualTo(4);
        assertThat(r.requests()).isEqualTo(server.count()).isGreaterThan(100);
        assertThat(r.slo().passed()).isTrue();
        assertThat(r.schedule()).isNull();
    }

    @Test
    void passesExtractedValuesToLaterSteps() {
        LoadTestResult r = run(file("checkout.yaml", new Model.Closed(2), Duration.ofSeconds(1)));

        assertThat(r.errors()).isZero();
        assertThat(r.byRequest()).containsOnlyKeys("login", "order", "again");
        assertThat(server.received())
                .anySatisfy(q -> {
                    assertThat(q.target()).isEqualTo("/orders/42");
                    assertThat(q.header("Authorization")).isEqualTo("Bearer abc123");
                })
                .anySatisfy(q -> assertThat(q.target()).isEqualTo("/status/200?order=42"))
                .anySatisfy(q -> assertThat(q.body()).isEqualTo("{\"user\":\"alice\",\"password\":\"hunter2\"}"));
    }

    @Test
    void replaysAHarRecordingAgainstTheBaseUrl() {
        LoadTestResult r = run(file("shop.har", new Model.Closed(1), Duration.ofSeconds(1)));

        assertThat(r.skippedHosts()).containsEntry("www.google-analytics.com", 2);
        assertThat(server.received())
                .anySatisfy(q -> {
                    assertThat(q.method() + " " + q.target()).isEqualTo("GET /products?page=2");
                    assertThat(q.header("Host")).isEqualTo("127.0.0.1:" + server.port());
                    assertThat(q.header("Cookie")).isEqualTo("session=s3cr3t");
                })
                .anySatisfy(q -> assertThat(q.method() + " " + q.target()).isEqualTo("GET /api/orders/1234"))
                .anySatisfy(q -> {
                    assertThat(q.method() + " " + q.target()).isEqualTo("POST /api/cart");
                    assertThat(q.body()).isEqualTo("{\"sku\":\"A-1\",\"qty\":2}");
                })
                .noneSatisfy(q -> assertThat(q.target()).contains("analytics"));
        assertThat(r.byRequest()).containsKeys("GET /products", "GET /api/orders/{id}", "POST /api/cart");
    }

    @Test
    void replaysAJmeterPlanWithItsDataSetAndExtractors() {
        LoadTestResult r = run(file("plan.jmx", new Model.Closed(2), Duration.ofSeconds(2)));

        assertThat(r.byRequest()).containsOnlyKeys("home", "login", "order");
        assertThat(r.byRequest().get("order").errors()).isZero();
        assertThat(server.received())
                .anySatisfy(q -> assertThat(q.body()).isEqualTo("{\"user\":\"alice\",\"pass\":\"a1\"}"))
                .anySatisfy(q -> assertThat(q.body()).isEqualTo("{\"user\":\"bob\",\"pass\":\"b2\"}"))
                .anySatisfy(q -> assertThat(q.target()).isEqualTo("/?q=red+shoes"));
    }

    @Test
    void countsServerErrorsAndBreaksTheSlo() {
        LoadTestResult r = run(url(
                server.url("/status/503"),
                new Model.Closed(2),
                Duration.ofSeconds(1),
                "errors<1%,GET /status/503:p99<10s"));

        assertThat(r.errors()).isEqualTo(r.requests()).isPositive();
        assertThat(r.errorsByKind()).containsOnlyKeys("status_5xx");
        assertThat(r.statusCodes()).containsOnlyKeys("503");
        assertThat(r.slo().passed()).isFalse();
        assertThat(r.slo().broken()).singleElement().satisfies(c -> assertThat(c.check())
                .isEqualTo("errors<1%"));
        assertThat(r.byRequest().get("GET /status/503").slo().checks())
                .singleElement()
                .satisfies(c -> assertThat(c.passed()).isTrue());
    }

    @Test
    void countsRefusedConnectionsAndTimeoutsAsErrors() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        LoadTestResult refused = run(url(
                "http://127.0.0.1:" + closedPort + "/",
                new Model.Open(50, Duration.ZERO, 100),
                Duration.ofSeconds(1),
                null));
        assertThat(refused.errorsByKind()).containsKey("connect");
        assertThat(refused.errors()).isEqualTo(refused.requests()).isPositive();

        server.freezeAt(1, Duration.ofSeconds(3));
        LoadTestConfig slow = new LoadTestConfig(
                Optional.empty(),
                Optional.of(server.url("/ok")),
                ImportOptions.DEFAULTS,
                new Model.Closed(1),
                Duration.ofSeconds(1),
                Duration.ofMillis(300),
                Slo.none(),
                1,
                false);
        LoadTestResult timedOut = run(slow);
        assertThat(timedOut.errorsByKind()).containsKey("timeout");
    }

    @Test
    void writesTheJsonFieldsScriptsDependOn() {
        LoadTestResult r = run(url(
                server.url("/ok"), new Model.Open(50, Duration.ZERO, 100), Duration.ofSeconds(1), "p95<1s,errors<1%"));

        JsonNode json = Json.mapper().valueToTree(r);

        for (String f : new String[] {"requests", "errors", "throughput_rps", "duration_seconds"}) {
            assertThat(json.get(f).isNumber()).as(f).isTrue();
        }
        for (String p : new String[] {"p50", "p90", "p95", "p99", "max"}) {
            assertThat(json.path("latency_ms").get(p).isNumber()).as(p).isTrue();
        }
        assertThat(json.path("slo").path("passed").asBoolean()).isTrue();
        assertThat(json.path("slo").path("checks")).hasSize(2);
        JsonNode one = json.path("by_request").path("GET /ok");
        for (String f : new String[] {"requests", "errors", "throughput_rps", "duration_seconds"}) {
            assertThat(one.get(f).isNumber()).as(f).isTrue();
        }
        assertThat(one.path("latency_ms").path("p99").isNumber()).isTrue();
        assertThat(one.path("slo").path("passed").isBoolean()).isTrue();
        assertThat(json.path("series").get(0).path("p99_ms").isNumber()).isTrue();
        assertThat(json.path("schedule").path("achieved_rate").isNumber()).isTrue();
        assertThat(json.path("schedule").path("start_lag_p99_ms").isNumber()).isTrue();
    }

    @Test
    void takesTheRateFromTheHerokuPeak() {
        Path app = Path.of("src/test/resources/heroku/acme-shop"); // the layout of a Heroku export with metrics
        LoadTestResult r = run(
                url(server.url("/ok"), new Model.OpenAtPeak(3, app, Duration.ZERO, 1000), Duration.ofSeconds(1), null));

        assertThat(r.targetRate()).isEqualTo(105.0); // 3 x 35 requests/s, one request per session
        assertThat(r.rateSource()).contains("3x the peak of 35 requests/s");
    }
}
