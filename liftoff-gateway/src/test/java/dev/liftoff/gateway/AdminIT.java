package dev.liftoff.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.liftoff.core.ErrorCode;
import dev.liftoff.core.LiftoffException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AdminIT {
    static TestUpstream old;
    static TestUpstream next;
    static RunningGateway gw;
    static HttpClient http;

    @BeforeAll
    static void start() {
        old = TestUpstream.start("old");
        next = TestUpstream.start("new");
        gw = TestGateways.start(old.upstream());
        http = TestGateways.client();
    }

    @AfterAll
    static void stop() {
        gw.close();
        old.close();
        next.close();
        http.close();
    }

    private static HttpResponse<String> admin(String method, String path, String authorization) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(gw.adminUrl() + path))
                .method(
                        method,
                        method.equals("POST")
                                ? HttpRequest.BodyPublishers.ofString(
                                        "{\"mode\":\"maintenance\",\"to\":\"http://x:1\"}")
                                : HttpRequest.BodyPublishers.noBody());
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void everyRouteAnswers401WithoutTheRightBearerToken() throws Exception {
        List<String[]> routes = List.of(
                new String[] {"GET", "/_admin/status"},
                new String[] {"POST", "/_admin/mode"},
                new String[] {"POST", "/_admin/switch"},
                new String[] {"GET", "/_admin/wait-idle?timeout=1s"},
                new String[] {"GET", "/_admin/no-such-route"},
                new String[] {"GET", "/metrics"},
                new String[] {"GET", "/"});
        List<String> wrong = java.util.Arrays.asList(
                null,
                "",
                "Bearer",
                "Bearer ",
                "Basic " + TestGateways.TOKEN,
                "Bearer " + TestGateways.TOKEN + "x",
                "Bearer " + TestGateways.TOKEN.substring(1),
                "Bearer " + TestGateways.TOKEN.toUpperCase());
        for (String[] route : routes) {
            for (String auth : wrong) {
                HttpResponse<String> r = admin(route[0], route[1], auth);
                assertThat(r.statusCode())
                        .as(route[0] + " " + route[1] + " with " + auth)
                        .isEqualTo(401);
                assertThat(r.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
                assertThat(r.body()).doesNotContain(TestGateways.TOKEN);
            }
        }
        // Nothing changed behind the refusals.
        assertThat(gw.status().mode()).isEqualTo(Mode.PASS);
        assertThat(gw.status().upstream()).isEqualTo(old.upstream().toString());
        assertThat(admin("GET", "/_admin/status", "Bearer " + TestGateways.TOKEN)
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void theAdminApiIsNotOnTheProxyListener() throws Exception {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create(gw.url() + "/_admin/status"))
                        .header("Authorization", "Bearer " + TestGateways.TOKEN)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        // Forwarded to the app like any path: the gateway keeps no routes of its own on the public side.
        assertThat(r.body()).isEqualTo("old");
    }

    @Test
    void theClientDrivesModeSwitchAndWaitIdle() throws Exception {
        try (TestUpstream a = TestUpstream.start("a");
                TestUpstream b = TestUpstream.start("b");
                RunningGateway g = TestGateways.start(a.upstream());
                AdminClient client =
                        new AdminClient(URI.create(g.adminUrl()), AdminToken.of(TestGateways.TOKEN, "test"))) {
            assertThat(client.status().mode()).isEqualTo(Mode.PASS);
            assertThat(client.mode(Mode.HOLD).mode()).isEqualTo(Mode.HOLD);
            GatewayStatus switched = client.switchTo(b.upstream());
            assertThat(switched.upstream()).isEqualTo(b.upstream().toString());
            WaitIdleResult idle = client.waitIdle(Duration.ofSeconds(5));
            assertThat(idle.idle()).isTrue();
            assertThat(client.mode(Mode.PASS).mode()).isEqualTo(Mode.PASS);
            HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(URI.create(g.url() + "/")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.body()).isEqualTo("b");
        }
    }

    @Test
    void waitIdleTimesOutWhileARequestIsInFlight() throws Exception {
        try (TestUpstream slow = TestUpstream.start("slow");
                RunningGateway g = TestGateways.start(slow.upstream());
                AdminClient client =
                        new AdminClient(URI.create(g.adminUrl()), AdminToken.of(TestGateways.TOKEN, "test"))) {
            var pending = http.sendAsync(
                    HttpRequest.newBuilder(URI.create(g.url() + "/gate")).build(),
                    HttpResponse.BodyHandlers.ofString());
            org.awaitility.Awaitility.await()
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> g.status().inFlight() == 1);
            WaitIdleResult r = client.waitIdle(Duration.ofMillis(200));
            assertThat(r.idle()).isFalse();
            assertThat(r.status().inFlight()).isEqualTo(1);
            slow.openGate();
            assertThat(pending.get().statusCode()).isEqualTo(200);
            assertThat(client.waitIdle(Duration.ofSeconds(10)).idle()).isTrue();
        }
    }

    @Test
    void clientErrorsNameTheProblemAndNeverTheToken() throws Exception {
        try (AdminClient wrongToken =
                new AdminClient(URI.create(gw.adminUrl()), AdminToken.of("another-token-0123456789", "test"))) {
            assertThatThrownBy(wrongToken::status)
                    .isInstanceOfSatisfying(
                            LiftoffException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.USAGE))
                    .hasMessageContaining("refused the token")
                    .hasMessageNotContaining("another-token");
        }
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        try (AdminClient unreachable = new AdminClient(
                URI.create("http://127.0.0.1:" + closedPort), AdminToken.of(TestGateways.TOKEN, "test"))) {
            assertThatThrownBy(unreachable::status)
                    .isInstanceOfSatisfying(
                            LiftoffException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.ENVIRONMENT))
                    .hasMessageContaining("not reachable");
        }
    }

    @Test
    void metricsArePrometheusText() throws Exception {
        http.send(HttpRequest.newBuilder(URI.create(gw.url() + "/")).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> r = admin("GET", "/metrics", "Bearer " + TestGateways.TOKEN);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("text/plain; version=0.0.4"));
        assertThat(r.body())
                .contains("# TYPE liftoff_gateway_requests_total counter\n")
                .contains("liftoff_gateway_mode{mode=\"pass\"} 1\n")
                .contains("liftoff_gateway_in_flight 0\n")
                .containsPattern("liftoff_gateway_requests_total\\{outcome=\"proxied\"} [1-9]");
        // Every sample line is NAME[{labels}] NUMBER.
        assertThat(r.body().lines().filter(l -> !l.startsWith("#")))
                .allMatch(l -> l.matches("[a-z_]+(\\{[a-z_]+=\"[a-z_]+\"})? \\d+"));
    }

    @Test
    void metricsCanBePublicWhileTheApiStaysGuarded() throws Exception {
        try (RunningGateway g = TestGateways.start(old.upstream(), b -> b.metricsPublic(true))) {
            HttpResponse<String> m = http.send(
                    HttpRequest.newBuilder(URI.create(g.adminUrl() + "/metrics"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(m.statusCode()).isEqualTo(200);
            HttpResponse<String> s = http.send(
                    HttpRequest.newBuilder(URI.create(g.adminUrl() + "/_admin/status"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(s.statusCode()).isEqualTo(401);
        }
    }
}
