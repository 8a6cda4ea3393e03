package dev.liftoff.cli.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.liftoff.cli.Main;
import dev.liftoff.core.report.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code liftoff gateway serve} runs in a thread through {@link Main#run}, against real JDK HTTP servers; the control
 * commands then talk to it through the same entry point a user's shell reaches.
 */
class GatewayCommandIT {
    record Run(int exit, String out, String err) {}

    /** A real upstream that answers its name; {@code /slow} waits for {@link #release}. */
    static final class Upstream {
        final HttpServer server;
        volatile CountDownLatch release = new CountDownLatch(1);

        Upstream(String name) throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
            server.createContext("/", ex -> {
                try (ex) {
                    if (ex.getRequestURI().getPath().equals("/slow")) {
                        release.await(20, TimeUnit.SECONDS);
                    }
                    byte[] body = name.getBytes(StandardCharsets.UTF_8);
                    ex.sendResponseHeaders(200, body.length);
                    ex.getResponseBody().write(body);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }
    }

    @TempDir
    static Path dir;

    static Upstream old;
    static Upstream next;
    static Path token;
    static Thread serve;
    static CompletableFuture<Integer> serveExit = new CompletableFuture<>();
    static final ByteArrayOutputStream serveOut = new ByteArrayOutputStream();
    static String proxyUrl;
    static String adminUrl;
    static HttpClient http;

    @BeforeAll
    static void start() throws Exception {
        old = new Upstream("old");
        next = new Upstream("new");
        token = dir.resolve("gateway.token");
        Files.writeString(token, "cli-test-token-0123456789abcdef\n");
        PrintStream out = new PrintStream(synchronizedStream(serveOut), true, StandardCharsets.UTF_8);
        String[] serveArgs = {
            "gateway",
            "serve",
            "--listen",
            "127.0.0.1:0",
            "--upstream",
            old.url(),
            "--admin",
            "127.0.0.1:0",
            "--admin-token-file",
            token.toString(),
            "--hold-timeout",
            "20s",
            "--io-threads",
            "1",
            "--drain-timeout",
            "5s"
        };
        serve = Thread.ofPlatform().name("gateway-serve").start(() -> {
            try {
                serveExit.complete(Main.run(out, out, serveArgs));
            } catch (RuntimeException | Error e) {
                serveExit.completeExceptionally(e);
            }
        });
        Pattern addresses = Pattern.compile(
                "gateway proxying (http://[0-9.:]+) -> .*\\Radmin API and /metrics on (http://[0-9.:]+)");
        await().atMost(Duration.ofSeconds(20))
                .until(() -> addresses.matcher(serveOutput()).find() || serveExit.isDone());
        if (serveExit.isCompletedExceptionally()) {
            serveExit.join(); // rethrows what stopped serve from starting
        }
        Matcher m = addresses.matcher(serveOutput());
        assertThat(m.find()).as(serveOutput()).isTrue();
        proxyUrl = m.group(1);
        adminUrl = m.group(2);
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    @AfterAll
    static void stop() throws Exception {
        serve.interrupt();
        assertThat(serveExit.get(20, TimeUnit.SECONDS)).isZero();
        assertThat(serveOutput()).contains("stopped");
        http.close();
        old.server.stop(0);
        next.server.stop(0);
    }

    private static OutputStream synchronizedStream(ByteArrayOutputStream b) {
        return new OutputStream() {
            @Override
            public void write(int x) {
                synchronized (b) {
                    b.write(x);
                }
            }

            @Override
            public void write(byte[] bytes, int off, int len) {
                synchronized (b) {
                    b.write(bytes, off, len);
                }
            }
        };
    }

    private static String serveOutput() {
        synchronized (serveOut) {
            return serveOut.toString(StandardCharsets.UTF_8);
        }
    }

    static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Main.run(
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                args);
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** A control command against the gateway under test. */
    static Run admin(String... args) {
        String[] all = new String[args.length + 4];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--admin";
        all[args.length + 1] = adminUrl;
        all[args.length + 2] = "--admin-token-file";
        all[args.length + 3] = token.toString();
        return run(all);
    }

    /** A number from {@code gateway status --json}: the JSON alone on standard output. */
    static long statusField(String name) throws IOException {
        Run r = admin("gateway", "status", "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        return Json.mapper().readTree(r.out()).path(name).asLong(-1);
    }

    static String get(String path) throws Exception {
        return http.send(
                        HttpRequest.newBuilder(URI.create(proxyUrl + path)).build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }

    @Test
    void holdSwitchPassMovesTrafficWithoutLosingTheHeldRequest() throws Exception {
        assertThat(get("/")).isEqualTo("old");
        Run hold = admin("gateway", "mode", "hold");
        assertThat(hold.exit()).as(hold.err()).isZero();
        assertThat(hold.out()).startsWith("mode hold");
        CompletableFuture<HttpResponse<String>> held = http.sendAsync(
                HttpRequest.newBuilder(URI.create(proxyUrl + "/")).build(), HttpResponse.BodyHandlers.ofString());
        await().atMost(Duration.ofSeconds(10)).until(() -> statusField("held") == 1);
        Run idle = admin("gateway", "wait-idle", "--timeout", "5s");
        assertThat(idle.exit()).as(idle.err()).isZero();
        assertThat(idle.out()).startsWith("idle after").contains("1 held");
        Run sw = admin("gateway", "switch", "--to", next.url());
        assertThat(sw.exit()).as(sw.err()).isZero();
        assertThat(sw.out()).startsWith("upstream " + next.url());
        assertThat(admin("gateway", "mode", "pass").exit()).isZero();
        assertThat(held.get(10, TimeUnit.SECONDS).body()).isEqualTo("new");
        assertThat(get("/")).isEqualTo("new");
        Run status = admin("gateway", "status");
        assertThat(status.out())
                .contains("mode          pass")
                .contains("upstream      " + next.url())
                .contains("held          0");
        assertThat(serveOutput()).contains("mode pass -> hold").contains("upstream " + old.url() + " -> " + next.url());
        // Leave the gateway as the other tests expect it.
        assertThat(admin("gateway", "switch", "--to", old.url()).exit()).isZero();
    }

    @Test
    void waitIdleFailsWithExit1WhileARequestIsStuck() throws Exception {
        old.release = new CountDownLatch(1);
        next.release = old.release;
        CompletableFuture<HttpResponse<String>> slow = http.sendAsync(
                HttpRequest.newBuilder(URI.create(proxyUrl + "/slow")).build(), HttpResponse.BodyHandlers.ofString());
        await().atMost(Duration.ofSeconds(10)).until(() -> statusField("in_flight") == 1);
        Run r = admin("gateway", "wait-idle", "--timeout", "100ms");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).contains("still 1 request(s) in flight");
        old.release.countDown();
        assertThat(slow.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    }

    @Test
    void statusJsonGoesToAFile() throws Exception {
        Path out = dir.resolve("status.json");
        Run r = admin("gateway", "status", "--json", out.toString());
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("mode");
        assertThat(Files.readString(out))
                .containsPattern("\"mode\"\\s*:\\s*\"pass\"")
                .doesNotContain("cli-test-token");
    }

    @Test
    void aWrongTokenIsOneLineAndExit2() throws Exception {
        Path wrong = dir.resolve("wrong.token");
        Files.writeString(wrong, "not-the-token-0123456789\n");
        Run r = run("gateway", "status", "--admin", adminUrl, "--admin-token-file", wrong.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).contains("refused the token").doesNotContain("not-the-token");
    }

    @Test
    void aMissingOrShortTokenFileIsOneLineAndExit2() throws Exception {
        Run missing = run("gateway", "mode", "hold", "--admin", adminUrl, "--admin-token-file", "/nonexistent/token");
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err().strip().lines()).hasSize(1);
        assertThat(missing.err()).contains("--admin-token-file /nonexistent/token cannot be read");
        Path shortToken = dir.resolve("short.token");
        Files.writeString(shortToken, "abc\n");
        Run weak = run("gateway", "status", "--admin", adminUrl, "--admin-token-file", shortToken.toString());
        assertThat(weak.exit()).isEqualTo(2);
        assertThat(weak.err()).contains("at least 16");
    }

    @Test
    void anUnreachableAdminIsOneLineAndExit3() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        Run r = run(
                "gateway",
                "switch",
                "--to",
                next.url(),
                "--admin",
                "http://127.0.0.1:" + closedPort,
                "--admin-token-file",
                token.toString());
        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).contains("not reachable");
    }

    @Test
    void badServeArgumentsAreOneLineAndTheRightExitCode() throws Exception {
        Run badListen = run(
                "gateway",
                "serve",
                "--listen",
                "8080",
                "--upstream",
                old.url(),
                "--admin",
                "127.0.0.1:0",
                "--admin-token-file",
                token.toString());
        assertThat(badListen.exit()).isEqualTo(2);
        assertThat(badListen.err().strip().lines()).hasSize(1);
        assertThat(badListen.err()).contains("--listen: '8080' is not HOST:PORT");

        Run badUpstream = run(
                "gateway",
                "serve",
                "--listen",
                "127.0.0.1:0",
                "--upstream",
                "ftp://x",
                "--admin",
                "127.0.0.1:0",
                "--admin-token-file",
                token.toString());
        assertThat(badUpstream.exit()).isEqualTo(2);
        assertThat(badUpstream.err()).contains("--upstream");

        String busy = proxyUrl.substring("http://".length());
        Run inUse = run(
                "gateway",
                "serve",
                "--listen",
                busy,
                "--upstream",
                old.url(),
                "--admin",
                "127.0.0.1:0",
                "--admin-token-file",
                token.toString());
        assertThat(inUse.exit()).isEqualTo(3);
        assertThat(inUse.err().strip().lines()).hasSize(1);
        assertThat(inUse.err()).contains("cannot listen on " + busy);

        Run halfTls = run(
                "gateway",
                "serve",
                "--listen",
                "127.0.0.1:0",
                "--upstream",
                old.url(),
                "--admin",
                "127.0.0.1:0",
                "--admin-token-file",
                token.toString(),
                "--tls-cert",
                token.toString());
        assertThat(halfTls.exit()).isEqualTo(2);
        assertThat(halfTls.err()).contains("give both --tls-cert and --tls-key");

        Run badHold = run(
                "gateway",
                "serve",
                "--listen",
                "127.0.0.1:0",
                "--upstream",
                old.url(),
                "--admin",
                "127.0.0.1:0",
                "--admin-token-file",
                token.toString(),
                "--hold-timeout",
                "soon");
        assertThat(badHold.exit()).isEqualTo(2);
        assertThat(badHold.err()).contains("--hold-timeout: 'soon' is not a duration");

        Run badMode = admin("gateway", "mode", "sideways");
        assertThat(badMode.exit()).isEqualTo(2);
        assertThat(badMode.err()).contains("not one of pass, hold, maintenance");
    }

    @Test
    void helpShowsExamples() {
        for (String cmd : new String[] {"serve", "mode", "switch", "status", "wait-idle"}) {
            Run r = run("gateway", cmd, "--help");
            assertThat(r.exit()).isZero();
            assertThat(r.out()).contains("Example").contains("liftoff gateway " + cmd);
        }
    }
}
