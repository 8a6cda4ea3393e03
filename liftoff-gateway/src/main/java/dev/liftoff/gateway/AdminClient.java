package dev.liftoff.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import dev.liftoff.core.LiftoffException;
import dev.liftoff.core.report.Json;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * Talks to a running gateway's admin API (what {@code liftoff gateway mode|switch|status|wait-idle} use). Thread-safe;
 * the creator closes it. Every failure is a {@link LiftoffException} whose message names the admin URL (never the
 * token) and the fix.
 */
public final class AdminClient implements AutoCloseable {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);

    private final URI base;
    private final AdminToken token;
    private final HttpClient http;

    /** @param base the admin listener's URL, e.g. {@code http://127.0.0.1:9090} (see {@link #parseUrl}) */
    public AdminClient(URI base, AdminToken token) {
        this.base = base;
        this.token = token;
        this.http = HttpClient.newBuilder()
                .connectTimeout(CONNECT_TIMEOUT)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    /**
     * Parses the admin address as given to {@code --admin}: a URL ({@code http://127.0.0.1:9090}) or just
     * {@code HOST:PORT}.
     */
    public static URI parseUrl(String text, String what) {
        String t = text == null ? "" : text.strip();
        if (!t.contains("://")) {
            HostPort hp = HostPort.parse(t, what);
            t = "http://" + hp;
        }
        try {
            URI uri = new URI(t);
            if (!"http".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null || uri.getPort() < 0) {
                throw LiftoffException.usage(
                        what + ": '" + text + "' is not the admin address; write for example http://127.0.0.1:9090");
            }
            return new URI("http", null, uri.getHost(), uri.getPort(), null, null, null);
        } catch (URISyntaxException e) {
            throw LiftoffException.usage(
                    what + ": '" + text + "' is not a URL; write for example http://127.0.0.1:9090");
        }
    }

    public GatewayStatus status() {
        return parse(send(get("/_admin/status", REQUEST_TIMEOUT)), GatewayStatus.class);
    }

    /** Sets the mode; returns the status right after the change. */
    public GatewayStatus mode(Mode mode) {
        return parse(send(post("/_admin/mode", Map.of("mode", mode.wireName()))), GatewayStatus.class);
    }

    /** Switches the upstream; returns the status right after the switch. */
    public GatewayStatus switchTo(Upstream upstream) {
        return parse(send(post("/_admin/switch", Map.of("to", upstream.toString()))), GatewayStatus.class);
    }

    /** Blocks until nothing is in flight or {@code timeout} passes; {@code idle()} tells which. */
    public WaitIdleResult waitIdle(Duration timeout) {
        String t = timeout.toMillis() + "ms";
        HttpResponse<String> r = send(get(
                "/_admin/wait-idle?timeout=" + URLEncoder.encode(t, StandardCharsets.UTF_8),
                timeout.plus(REQUEST_TIMEOUT)));
        return parse(r, WaitIdleResult.class);
    }

    private HttpRequest get(String path, Duration timeout) {
        return HttpRequest.newBuilder(base.resolve(path))
                .timeout(timeout)
                .header("Authorization", token.authorization())
                .GET()
                .build();
    }

    private HttpRequest post(String path, Map<String, String> body) {
        return HttpRequest.newBuilder(base.resolve(path))
                .timeout(REQUEST_TIMEOUT)
                .header("Authorization", token.authorization())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.toJson(body)))
                .build();
    }

    private HttpResponse<String> send(HttpRequest req) {
        HttpResponse<String> r;
        try {
            r = http.send(req, HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            throw LiftoffException.environment(
                    "gateway admin at " + base + " is not reachable (connection refused);"
                            + " check --admin is the admin address 'liftoff gateway serve' printed",
                    e);
        } catch (HttpTimeoutException e) {
            throw LiftoffException.environment(
                    "gateway admin at " + base + " did not answer in time; check --admin"
                            + " is the admin address 'liftoff gateway serve' printed",
                    e);
        } catch (IOException e) {
            throw LiftoffException.environment(
                    "gateway admin at " + base + " failed: " + e.getClass().getSimpleName() + " " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw LiftoffException.environment("interrupted while talking to the gateway admin at " + base, e);
        }
        int code = r.statusCode();
        if (code == 401) {
            throw LiftoffException.usage("gateway admin at " + base + " refused the token; check --admin-token-file is"
                    + " the file given to 'liftoff gateway serve'");
        }
        if (code == 400) {
            throw LiftoffException.usage("gateway admin at " + base + " refused the request: " + message(r));
        }
        boolean waitIdleTimeout = code == 503 && req.uri().getPath().endsWith("/wait-idle");
        if (code != 200 && !waitIdleTimeout) {
            throw LiftoffException.environment("gateway admin at " + base + " answered " + code + " to "
                    + req.uri().getPath() + "; is that address the admin listener of 'liftoff gateway serve'?");
        }
        return r;
    }

    private static String message(HttpResponse<String> r) {
        try {
            JsonNode n = Json.mapper().readTree(r.body());
            return n.path("message").asText(r.body());
        } catch (IOException e) {
            return r.body();
        }
    }

    private <T> T parse(HttpResponse<String> r, Class<T> type) {
        try {
            return Json.mapper().readValue(r.body(), type);
        } catch (IOException e) {
            throw LiftoffException.environment(
                    "gateway admin at " + base + " sent an answer liftoff cannot read ("
                            + e.getClass().getSimpleName() + "); is it the same liftoff version?",
                    e);
        }
    }

    @Override
    public void close() {
        http.close();
    }
}
