package dev.liftoff.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ProxyIT {
    static TestUpstream up;
    static RunningGateway gw;
    static HttpClient client;

    @BeforeAll
    static void start() {
        up = TestUpstream.start("old");
        gw = TestGateways.start(up.upstream());
        client = TestGateways.client();
    }

    @AfterAll
    static void stop() {
        gw.close();
        up.close();
        client.close();
    }

    private static HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(gw.url() + path));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void forwardsRequestsAndResponses() throws Exception {
        HttpResponse<String> r = get("/");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("old");
    }

    @Test
    void setsForwardedHeadersAndPreservesHostByDefault() throws Exception {
        HttpResponse<String> r = get("/headers?x=1", "X-Forwarded-For", "203.0.113.7");
        assertThat(r.body())
                .contains("x-forwarded-for: 203.0.113.7, 127.0.0.1\n")
                .contains("x-forwarded-proto: http\n")
                .contains("x-forwarded-host: 127.0.0.1:" + gw.address().getPort() + "\n")
                .contains("host: 127.0.0.1:" + gw.address().getPort() + "\n")
                .contains("uri: /headers?x=1\n");
    }

    @Test
    void rewritesHostToTheUpstreamsWhenAsked() throws Exception {
        try (RunningGateway rewriting = TestGateways.start(up.upstream(), b -> b.hostHeader(HostHeader.UPSTREAM))) {
            HttpResponse<String> r = client.send(
                    HttpRequest.newBuilder(URI.create(rewriting.url() + "/headers"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.body())
                    .contains("host: 127.0.0.1:" + up.port() + "\n")
                    .contains(
                            "x-forwarded-host: 127.0.0.1:" + rewriting.address().getPort() + "\n");
        }
    }

    @Test
    void removesHopByHopHeaders() throws Exception {
        String answer = TestGateways.raw(
                gw,
                "GET /headers HTTP/1.1\r\nHost: example.test\r\nConnection: close, X-Secret-Hop\r\n"
                        + "X-Secret-Hop: 1\r\nKeep-Alive: timeout=5\r\nProxy-Authorization: Basic Zm9vOmJhcg==\r\n"
                        + "TE: trailers\r\nX-End-To-End: kept\r\n\r\n");
        assertThat(answer).startsWith("HTTP/1.1 200").contains("x-end-to-end: kept");
        assertThat(answer.toLowerCase())
                .doesNotContain("x-secret-hop")
                .doesNotContain("keep-alive: timeout")
                .doesNotContain("proxy-authorization")
                .doesNotContain("\nte: ");
    }

    @Test
    void refusesAbsoluteFormTargetsForOtherHosts() throws Exception {
        String answer = TestGateways.raw(
                gw, "GET http://example.org/ HTTP/1.1\r\nHost: example.org.evil\r\nConnection: close\r\n\r\n");
        assertThat(answer).startsWith("HTTP/1.1 403").contains("not forward requests to other hosts");
        String other = TestGateways.raw(
                gw, "GET http://203.0.113.9:25/ HTTP/1.1\r\nHost: 203.0.113.9:25\r\nConnection: close\r\n\r\n");
        assertThat(other).startsWith("HTTP/1.1 200").endsWith("old");
    }

    @Test
    void acceptsAbsoluteFormForItsOwnHostAsOriginForm() throws Exception {
        String answer = TestGateways.raw(
                gw, "GET http://shop.test/headers?q=2 HTTP/1.1\r\nHost: shop.test\r\nConnection: close\r\n\r\n");
        assertThat(answer).startsWith("HTTP/1.1 200").contains("uri: /headers?q=2");
    }

    @Test
    void refusesConnect() throws Exception {
        String answer = TestGateways.raw(
                gw, "CONNECT example.org:443 HTTP/1.1\r\nHost: example.org:443\r\nConnection: close\r\n\r\n");
        assertThat(answer).startsWith("HTTP/1.1 405").containsIgnoringCase("Allow: GET");
    }

    @Test
    void answers502WithAPageWhenTheUpstreamIsDown() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        try (RunningGateway down = TestGateways.start(Upstream.parse("http://127.0.0.1:" + closedPort, "u"))) {
            HttpResponse<String> html = client.send(
                    HttpRequest.newBuilder(URI.create(down.url() + "/")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(html.statusCode()).isEqualTo(502);
            assertThat(html.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(v -> assertThat(v).startsWith("text/html"));
            assertThat(html.body()).contains("Bad gateway").doesNotContain(Integer.toString(closedPort));
            HttpResponse<String> json = client.send(
                    HttpRequest.newBuilder(URI.create(down.url() + "/"))
                            .header("Accept", "application/json")
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(json.statusCode()).isEqualTo(502);
            assertThat(json.body()).contains("\"error\":\"bad_gateway\"");
            assertThat(down.status().inFlight()).isZero();
        }
    }

    @Test
    void streamsTheResponseBeforeTheUpstreamHasFinished() throws Exception {
        up.closeGate();
        try {
            HttpResponse<InputStream> r = client.send(
                    HttpRequest.newBuilder(URI.create(gw.url() + "/stream")).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            InputStream in = r.body();
            byte[] first = in.readNBytes("first-chunk\n".length());
            // The upstream is still blocked on the gate: these bytes can only have come through while it streams.
            assertThat(new String(first, StandardCharsets.UTF_8)).isEqualTo("first-chunk\n");
            assertThat(gw.status().inFlight()).isEqualTo(1);
            up.openGate();
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("rest\n");
        } finally {
            up.openGate();
        }
    }

    @Test
    void streamsARequestBodyBeforeTheClientHasFinished() throws Exception {
        PipedOutputStream feed = new PipedOutputStream();
        PipedInputStream body = new PipedInputStream(feed, 1 << 16);
        CompletableFuture<HttpResponse<String>> r = client.sendAsync(
                HttpRequest.newBuilder(URI.create(gw.url() + "/upload"))
                        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        byte[] block = new byte[64 * 1024];
        feed.write(block);
        feed.flush();
        // The client has not finished its body, yet the upstream already reads it.
        assertThat(up.firstUploadBytes.await(10, TimeUnit.SECONDS)).isTrue();
        for (int i = 0; i < 159; i++) {
            feed.write(block);
        }
        feed.close();
        HttpResponse<String> done = r.get(30, TimeUnit.SECONDS);
        assertThat(done.statusCode()).isEqualTo(200);
        assertThat(done.body()).isEqualTo(Long.toString(160L * 64 * 1024));
    }

    @Test
    void forwardsAFixedLengthUpload() throws Exception {
        byte[] payload = new byte[3_000_000];
        HttpResponse<String> r = client.send(
                HttpRequest.newBuilder(URI.create(gw.url() + "/upload"))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(payload))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.body()).isEqualTo("3000000");
    }

    @Test
    void answersPipelinedRequestsInOrder() throws Exception {
        String answer = TestGateways.raw(
                gw,
                "GET /headers?n=1 HTTP/1.1\r\nHost: a\r\n\r\nGET /headers?n=2 HTTP/1.1\r\nHost: a\r\n\r\n"
                        + "GET / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n");
        assertThat(answer.indexOf("uri: /headers?n=1")).isPositive();
        assertThat(answer.indexOf("uri: /headers?n=2")).isGreaterThan(answer.indexOf("uri: /headers?n=1"));
        assertThat(answer).endsWith("old");
    }

    @Test
    void keepsUpstreamConnectionsAlive() throws Exception {
        for (int i = 0; i < 20; i++) {
            assertThat(get("/").statusCode()).isEqualTo(200);
        }
        String metrics = client.send(
                        HttpRequest.newBuilder(URI.create(gw.adminUrl() + "/metrics"))
                                .header("Authorization", "Bearer " + TestGateways.TOKEN)
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        long connects = metrics.lines()
                .filter(l -> l.startsWith("liftoff_gateway_upstream_connects_total "))
                .mapToLong(l -> Long.parseLong(l.substring(l.indexOf(' ') + 1)))
                .findFirst()
                .orElseThrow();
        assertThat(connects).isLessThan(20);
    }

    @Test
    void sendsHeadResponsesWithoutABody() throws Exception {
        HttpResponse<String> r = client.send(
                HttpRequest.newBuilder(URI.create(gw.url() + "/"))
                        .method("HEAD", HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEmpty();
        assertThat(get("/").body()).isEqualTo("old");
    }
}
