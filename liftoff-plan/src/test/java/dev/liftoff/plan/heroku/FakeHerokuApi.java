package dev.liftoff.plan.heroku;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.liftoff.plan.Fixtures;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A local HTTP server that answers like Heroku's Platform API (under {@code /}) and metrics API (under
 * {@code /metrics-api}) from the recordings in {@code heroku-api/}: it checks the bearer key and the version-3 media
 * type as Heroku does, pages {@code /addons} with {@code Next-Range}, and answers 404 with Heroku's error body for
 * anything unrecorded. Records every request's path and headers.
 */
final class FakeHerokuApi implements AutoCloseable {
    static final String KEY = "test-key-0000";
    static final String APP_ID = "01234567-89ab-cdef-0123-456789abcdef";

    record Request(String path, Map<String, List<String>> headers) {
        String header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0))
                    .findFirst()
                    .orElse(null);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final Path recordings = Fixtures.resource("heroku-api");
    final List<Request> requests = new CopyOnWriteArrayList<>();
    volatile boolean metricsForbidden;

    FakeHerokuApi() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        executor = Executors.newSingleThreadExecutor(r -> new Thread(r, "fake-heroku-api"));
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    URI apiUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    URI metricsUrl() {
        return URI.create(apiUrl() + "/metrics-api");
    }

    private void handle(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        requests.add(new Request(path + (ex.getRequestURI().getQuery() == null ? "" : "?"), ex.getRequestHeaders()));
        if (!("Bearer " + KEY).equals(ex.getRequestHeaders().getFirst("Authorization"))) {
            send(ex, 401, "{\"id\": \"unauthorized\", \"message\": \"Invalid credentials provided.\"}", null);
            return;
        }
        if (path.startsWith("/metrics-api/")) {
            metrics(ex, path.substring("/metrics-api".length()));
            return;
        }
        String accept = ex.getRequestHeaders().getFirst("Accept");
        if (accept == null || !accept.contains("version=3")) {
            send(ex, 400, "{\"id\": \"bad_request\", \"message\": \"Please specify a version.\"}", null);
            return;
        }
        if (path.equals("/apps/acme-shop/addons")) {
            String range = ex.getRequestHeaders().getFirst("Range");
            if (range == null) {
                send(ex, 206, read("apps/acme-shop/addons-page1.json"), "name ]redis-flat-777..; max=2");
            } else if (range.equals("name ]redis-flat-777..; max=2")) {
                send(ex, 200, read("apps/acme-shop/addons-page2.json"), null);
            } else {
                send(ex, 416, "{\"id\": \"requested_range_not_satisfiable\", \"message\": \"bad range\"}", null);
            }
            return;
        }
        String file =
                switch (path) {
                    case "/dyno-sizes" -> "dyno-sizes.json";
                    case "/apps/acme-shop" -> "apps/acme-shop.json";
                    case "/apps/acme-shop/formation" -> "apps/acme-shop/formation.json";
                    case "/apps/acme-shop/config-vars" -> "apps/acme-shop/config-vars.json";
                    default -> null;
                };
        if (file == null) {
            send(ex, 404, "{\"id\": \"not_found\", \"message\": \"Couldn't find that app.\"}", null);
        } else {
            send(ex, 200, read(file), null);
        }
    }

    private void metrics(HttpExchange ex, String path) throws IOException {
        if (metricsForbidden) {
            send(ex, 403, "{\"id\": \"forbidden\", \"message\": \"Metrics are not available for this app.\"}", null);
            return;
        }
        String prefix = "/apps/" + APP_ID;
        String file =
                switch (path) {
                    case "/apps/" + APP_ID + "/formation/web/monitors" -> "metrics/monitors-web.json";
                    case "/apps/" + APP_ID + "/formation/web/metrics/load" -> "metrics/load-web.json";
                    case "/apps/" + APP_ID + "/formation/web/metrics/memory" -> "metrics/memory-web.json";
                    case "/apps/" + APP_ID + "/formation/worker/metrics/load" -> "metrics/load-worker.json";
                    case "/apps/" + APP_ID + "/formation/worker/metrics/memory" -> "metrics/memory-worker.json";
                    case "/apps/" + APP_ID + "/router-metrics/status" -> "metrics/router-status.json";
                    case "/apps/" + APP_ID + "/router-metrics/latency" -> "metrics/router-latency.json";
                    default -> null;
                };
        if (file == null || !path.startsWith(prefix)) {
            send(ex, 404, "{\"id\": \"not_found\", \"message\": \"Not found.\"}", null);
        } else {
            send(ex, 200, read(file), null);
        }
    }

    private String read(String file) throws IOException {
        return Files.readString(recordings.resolve(file));
    }

    private static void send(HttpExchange ex, int status, String body, String nextRange) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        if (nextRange != null) {
            ex.getResponseHeaders().set("Next-Range", nextRange);
        }
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
