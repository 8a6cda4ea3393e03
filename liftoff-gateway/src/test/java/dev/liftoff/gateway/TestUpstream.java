package dev.liftoff.gateway;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A real HTTP upstream on a free loopback port (the JDK's server, a virtual thread per exchange), answering with its own
 * name so tests can tell which upstream served a request. Routes: {@code /} (its name), {@code /headers} (the request
 * headers it got, one per line), {@code /gate} (waits for {@link #openGate()}), {@code /stream} (sends a first chunk,
 * waits for the gate, sends the rest), {@code /upload} (counts the body, signalling the first bytes).
 */
final class TestUpstream implements AutoCloseable {
    final String name;
    final AtomicLong requests = new AtomicLong();
    final AtomicReference<Headers> lastHeaders = new AtomicReference<>();
    final CountDownLatch firstUploadBytes = new CountDownLatch(1);
    final Map<String, AtomicLong> byPath = new ConcurrentHashMap<>();
    private volatile CountDownLatch gate = new CountDownLatch(1);
    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    private TestUpstream(String name) throws IOException {
        this.name = name;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    static TestUpstream start(String name) {
        try {
            return new TestUpstream(name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Upstream upstream() {
        return Upstream.parse("http://127.0.0.1:" + port(), "test upstream");
    }

    int port() {
        return server.getAddress().getPort();
    }

    void openGate() {
        gate.countDown();
    }

    void closeGate() {
        gate = new CountDownLatch(1);
    }

    private void handle(HttpExchange ex) throws IOException {
        requests.incrementAndGet();
        lastHeaders.set(ex.getRequestHeaders());
        String path = ex.getRequestURI().getPath();
        byPath.computeIfAbsent(path, p -> new AtomicLong()).incrementAndGet();
        try (ex) {
            switch (path) {
                case "/headers" -> {
                    StringBuilder b = new StringBuilder();
                    ex.getRequestHeaders().forEach((k, v) -> b.append(k.toLowerCase())
                            .append(": ")
                            .append(String.join(",", v))
                            .append('\n'));
                    b.append("uri: ").append(ex.getRequestURI()).append('\n');
                    reply(ex, 200, b.toString());
                }
                case "/gate" -> {
                    await();
                    reply(ex, 200, name);
                }
                case "/stream" -> {
                    ex.sendResponseHeaders(200, 0);
                    OutputStream os = ex.getResponseBody();
                    os.write("first-chunk\n".getBytes(StandardCharsets.UTF_8));
                    os.flush();
                    await();
                    os.write("rest\n".getBytes(StandardCharsets.UTF_8));
                }
                case "/upload" -> {
                    InputStream in = ex.getRequestBody();
                    byte[] buf = new byte[65536];
                    long total = 0;
                    int n;
                    while ((n = in.read(buf)) > 0) {
                        total += n;
                        firstUploadBytes.countDown();
                    }
                    reply(ex, 200, Long.toString(total));
                }
                default -> reply(ex, 200, name);
            }
        }
    }

    private void await() {
        try {
            if (!gate.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("gate never opened");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void reply(HttpExchange ex, int code, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "text/plain");
        ex.sendResponseHeaders(code, b.length);
        ex.getResponseBody().write(b);
    }

    @Override
    public void close() {
        openGate();
        server.stop(0);
        executor.shutdownNow();
    }
}
