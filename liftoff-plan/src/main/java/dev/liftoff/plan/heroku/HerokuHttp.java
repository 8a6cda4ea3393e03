package dev.liftoff.plan.heroku;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.liftoff.core.LiftoffException;
import dev.liftoff.core.report.Json;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The Heroku APIs over the JDK's HTTP client: version 3 of the Platform API's media type, the key as a bearer token,
 * list pagination through {@code Range}/{@code Next-Range}, failures as one-line {@link LiftoffException}s naming the
 * request (never the key). One per export; not thread-safe; closing closes the HTTP client.
 */
final class HerokuHttp implements AutoCloseable {
    static final String ACCEPT = "application/vnd.heroku+json; version=3";

    private final HttpClient http;
    private final ApiKey key;
    private final Duration timeout;

    HerokuHttp(ApiKey key, Duration timeout) {
        this.key = key;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    /** GETs a resource; a list is followed through every page. */
    JsonNode get(URI base, String path, Map<String, String> headers) {
        return fetch(base, path, headers, false).orElseThrow();
    }

    /** GETs a resource that may not exist: empty on 404. */
    Optional<JsonNode> getIfPresent(URI base, String path, Map<String, String> headers) {
        return fetch(base, path, headers, true);
    }

    private Optional<JsonNode> fetch(URI base, String path, Map<String, String> headers, boolean absentOk) {
        URI uri = URI.create(base.toString().replaceAll("/+$", "") + path);
        String range = null;
        JsonNode result = null;
        for (int page = 0; page < 100; page++) {
            HttpRequest.Builder req = HttpRequest.newBuilder(uri)
                    .timeout(timeout)
                    .header("Accept", ACCEPT)
                    .header("Authorization", key.bearer())
                    .header("User-Agent", "liftoff")
                    .GET();
            headers.forEach(req::header);
            if (range != null) {
                req.header("Range", range);
            }
            HttpResponse<String> resp = send(req.build(), uri);
            int status = resp.statusCode();
            if (status == 404 && absentOk) {
                return Optional.empty();
            }
            if (status != 200 && status != 206) {
                throw failure(uri, status, resp.body());
            }
            JsonNode body = parse(uri, resp.body());
            if (result == null) {
                result = body;
            } else if (result instanceof ArrayNode all && body.isArray()) {
                all.addAll((ArrayNode) body);
            }
            Optional<String> next = resp.headers().firstValue("Next-Range");
            if (status != 206 || next.isEmpty() || !body.isArray()) {
                return Optional.of(result);
            }
            range = next.get();
        }
        throw LiftoffException.environment("GET " + uri + ": more than 100 pages; the API keeps paginating");
    }

    private HttpResponse<String> send(HttpRequest req, URI uri) {
        try {
            return http.send(req, HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw LiftoffException.environment(
                    "GET " + uri + ": no answer within " + timeout.toSeconds() + " s; check the network or --api-url",
                    e);
        } catch (ConnectException e) {
            throw LiftoffException.environment(
                    "GET " + uri + ": cannot connect (" + e.getMessage() + "); check --api-url and the network", e);
        } catch (IOException e) {
            throw LiftoffException.environment("GET " + uri + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw LiftoffException.environment("GET " + uri + ": interrupted", e);
        }
    }

    private static JsonNode parse(URI uri, String body) {
        try {
            return Json.mapper().readTree(body);
        } catch (IOException e) {
            throw LiftoffException.environment("GET " + uri + ": the answer is not JSON; is --api-url a Heroku API?");
        }
    }

    private static LiftoffException failure(URI uri, int status, String body) {
        String message = "";
        try {
            JsonNode err = Json.mapper().readTree(body);
            message = err.path("message").asText("");
        } catch (IOException | RuntimeException e) {
            // not Heroku's error body: the status says enough
        }
        String detail = message.isBlank() ? "" : " (" + message + ")";
        String fix =
                switch (status) {
                    case 401 -> "; check " + ApiKey.ENV + " ('heroku auth:token' prints a valid key)";
                    case 403 -> "; the key's account has no access to it: ask the app's owner for access";
                    case 404 -> "; check the app name ('heroku apps' lists yours)";
                    case 429 -> "; Heroku's rate limit (4,500 requests an hour): wait and run it again";
                    default -> "";
                };
        return LiftoffException.environment("GET " + uri + ": HTTP " + status + detail + fix);
    }

    @Override
    public void close() {
        http.close();
    }
}
