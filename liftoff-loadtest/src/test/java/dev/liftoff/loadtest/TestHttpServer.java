package dev.liftoff.loadtest;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A real HTTP/1.1 server on a free loopback port for load tests: keep-alive, one virtual thread per exchange (so a
 * stall holds hundreds of requests at once), every request recorded. Paths: {@code POST /login} answers
 * {@code {"token":"abc123","user":{"id":42}}}; {@code /orders/42} wants {@code Authorization: Bearer abc123} (401
 * otherwise); {@code /status/N} answers N; anything else 200 {@code ok}. {@link #freezeAt} makes the server stall.
 */
final class TestHttpServer implements AutoCloseable {
    record Received(String method, String target, Map<String, List<String>> headers, String body, int remotePort) {
        String header(String name) {
            List<String> v = headers.get(name.toLowerCase(java.util.Locale.ROOT));
            return v == null ? null : v.get(0);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final Queue<Received> received = new ConcurrentLinkedQueue<>();
    private final AtomicLong count = new AtomicLong();
    private volatile long freezeAt = Long.MAX_VALUE;
    private volatile long freezeNanos;
    private volatile long frozenUntil;

    private TestHttpServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    static TestHttpServer start() {
        try {
            return new TestHttpServer();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    int port() {
        return server.getAddress().getPort();
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    long count() {
        return count.get();
    }

    /** From the {@code n}-th request on, every request waits until {@code stall} after that one arrived. */
    void freezeAt(long n, Duration stall) {
        freezeNanos = stall.toNanos();
        freezeAt = n;
    }

    private void handle(HttpExchange ex) throws IOException {
        long n = count.incrementAndGet();
        if (n == freezeAt) {
            frozenUntil = System.nanoTime() + freezeNanos;
        }
        long wait = frozenUntil - System.nanoTime();
        if (wait > 0) {
            try {
                Thread.sleep(Duration.ofNanos(wait));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, List<String>> headers = new TreeMap<>();
        ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), v));
        String target = ex.getRequestURI().getRawPath()
                + (ex.getRequestURI().getRawQuery() == null
                        ? ""
                        : "?" + ex.getRequestURI().getRawQuery());
        received.add(new Received(
                ex.getRequestMethod(),
                target,
                headers,
                body,
                ex.getRemoteAddress().getPort()));
        String path = ex.getRequestURI().getPath();
        if (path.equals("/login") && ex.getRequestMethod().equals("POST")) {
            reply(ex, 200, "{\"token\":\"abc123\",\"user\":{\"id\":42}}", "application/json");
        } else if (path.equals("/orders/42")) {
            boolean ok = "Bearer abc123".equals(ex.getRequestHeaders().getFirst("Authorization"));
            reply(ex, ok ? 200 : 401, ok ? "<p>order id=42</p>" : "no", "text/html");
        } else if (path.startsWith("/status/")) {
            reply(ex, Integer.parseInt(path.substring(8)), "status", "text/plain");
        } else {
            reply(ex, 200, "ok", "text/plain");
        }
    }

    private static void reply(HttpExchange ex, int status, String body, String type) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
