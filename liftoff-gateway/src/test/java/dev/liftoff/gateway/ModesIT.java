package dev.liftoff.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModesIT {
    TestUpstream oldApp;
    TestUpstream newApp;
    HttpClient client;

    @BeforeEach
    void start() {
        oldApp = TestUpstream.start("old");
        newApp = TestUpstream.start("new");
        client = TestGateways.client();
    }

    @AfterEach
    void stop() {
        oldApp.close();
        newApp.close();
        client.close();
    }

    private HttpResponse<String> get(RunningGateway gw, String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(gw.url() + path));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private CompletableFuture<HttpResponse<String>> getAsync(RunningGateway gw, String path) {
        return client.sendAsync(
                HttpRequest.newBuilder(URI.create(gw.url() + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void maintenanceAnswersHtmlToBrowsersAndJsonToApiClients() throws Exception {
        try (RunningGateway gw = TestGateways.start(oldApp.upstream())) {
            gw.mode(Mode.MAINTENANCE);
            HttpResponse<String> browser =
                    get(gw, "/", "Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
            assertThat(browser.statusCode()).isEqualTo(503);
            assertThat(browser.headers().firstValue("Retry-After")).contains("30");
            assertThat(browser.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(v -> assertThat(v).startsWith("text/html"));
            assertThat(browser.body()).contains("Down for maintenance");
            HttpResponse<String> api = get(gw, "/api/orders", "Accept", "application/json");
            assertThat(api.statusCode()).isEqualTo(503);
            assertThat(api.headers().firstValue("Retry-After")).contains("30");
            assertThat(api.headers().firstValue("Content-Type")).contains("application/json");
            assertThat(api.body()).contains("\"error\":\"maintenance\"").contains("\"retry_after_seconds\":30");
            assertThat(oldApp.requests.get()).isZero();
            gw.mode(Mode.PASS);
            assertThat(get(gw, "/").body()).isEqualTo("old");
        }
    }

    @Test
    void maintenanceServesTheOperatorsPage(@TempDir Path dir) throws Exception {
        Path page = Files.writeString(dir.resolve("down.html"), "<h1>Back at 10:00 UTC</h1>");
        try (RunningGateway gw = TestGateways.start(oldApp.upstream(), b -> b.maintenancePage(page))) {
            gw.mode(Mode.MAINTENANCE);
            assertThat(get(gw, "/").body()).isEqualTo("<h1>Back at 10:00 UTC</h1>");
        }
    }

    @Test
    void holdReleasesWaitingRequestsToTheUpstreamThatIsCurrentOnPass() throws Exception {
        try (RunningGateway gw = TestGateways.start(oldApp.upstream())) {
            gw.mode(Mode.HOLD);
            List<CompletableFuture<HttpResponse<String>>> waiting = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                waiting.add(getAsync(gw, "/"));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> gw.status().held() == 20);
            assertThat(oldApp.requests.get()).isZero();
            gw.switchTo(newApp.upstream());
            gw.mode(Mode.PASS);
            for (CompletableFuture<HttpResponse<String>> f : waiting) {
                HttpResponse<String> r = f.get(10, TimeUnit.SECONDS);
                assertThat(r.statusCode()).isEqualTo(200);
                assertThat(r.body()).isEqualTo("new");
            }
            assertThat(oldApp.requests.get()).isZero();
            assertThat(newApp.requests.get()).isEqualTo(20);
            assertThat(gw.status().held()).isZero();
        }
    }

    @Test
    void aRequestHeldPastItsDeadlineGets503WithRetryAfter() throws Exception {
        try (RunningGateway gw = TestGateways.start(oldApp.upstream(), b -> b.holdTimeout(Duration.ofMillis(200)))) {
            gw.mode(Mode.HOLD);
            HttpResponse<String> r = get(gw, "/", "Accept", "application/json");
            assertThat(r.statusCode()).isEqualTo(503);
            assertThat(r.headers().firstValue("Retry-After")).contains("5");
            assertThat(r.body()).contains("\"error\":\"hold_timeout\"");
            assertThat(gw.status().held()).isZero();
            assertThat(oldApp.requests.get()).isZero();
        }
    }

    @Test
    void requestsBeyondHoldMaxGet503AtOnce() throws Exception {
        try (RunningGateway gw = TestGateways.start(oldApp.upstream(), b -> b.holdMax(3))) {
            gw.mode(Mode.HOLD);
            List<CompletableFuture<HttpResponse<String>>> waiting = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                waiting.add(getAsync(gw, "/"));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> gw.status().held() == 3);
            HttpResponse<String> overflow = get(gw, "/", "Accept", "application/json");
            assertThat(overflow.statusCode()).isEqualTo(503);
            assertThat(overflow.headers().firstValue("Retry-After")).isPresent();
            assertThat(overflow.body()).contains("hold_full");
            gw.mode(Mode.PASS);
            for (CompletableFuture<HttpResponse<String>> f : waiting) {
                assertThat(f.get(10, TimeUnit.SECONDS).body()).isEqualTo("old");
            }
        }
    }

    @Test
    void holdLetsInFlightRequestsFinishOnTheOldUpstream() throws Exception {
        oldApp.closeGate();
        try (RunningGateway gw = TestGateways.start(oldApp.upstream())) {
            CompletableFuture<HttpResponse<String>> slow = getAsync(gw, "/gate");
            await().atMost(Duration.ofSeconds(10)).until(() -> gw.status().inFlight() == 1);
            gw.mode(Mode.HOLD);
            CompletableFuture<HttpResponse<String>> held = getAsync(gw, "/");
            await().atMost(Duration.ofSeconds(10)).until(() -> gw.status().held() == 1);
            assertThat(gw.awaitIdle(Duration.ofMillis(50)).idle()).isFalse();
            gw.switchTo(newApp.upstream());
            oldApp.openGate();
            assertThat(gw.awaitIdle(Duration.ofSeconds(10)).idle()).isTrue();
            assertThat(slow.get(10, TimeUnit.SECONDS).body()).isEqualTo("old");
            gw.mode(Mode.PASS);
            assertThat(held.get(10, TimeUnit.SECONDS).body()).isEqualTo("new");
        }
    }

    /**
     * The cutover itself: steady traffic from many clients; hold, wait for idle, switch, pass. No request may fail and
     * none may reach the old upstream once the switch is made.
     */
    @Test
    void cutoverUnderLoadLosesNoRequestAndSendsNoneToTheOldUpstream() throws Exception {
        try (RunningGateway gw = TestGateways.start(oldApp.upstream());
                ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicLong sent = new AtomicLong();
            AtomicLong answeredOld = new AtomicLong();
            AtomicLong answeredNew = new AtomicLong();
            ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
            List<Future<?>> workers = new ArrayList<>();
            for (int c = 0; c < 16; c++) {
                workers.add(clients.submit(() -> {
                    while (running.get()) {
                        sent.incrementAndGet();
                        try {
                            HttpResponse<String> r = get(gw, "/");
                            if (r.statusCode() != 200) {
                                failures.add(r.statusCode() + " " + r.body());
                            } else if (r.body().equals("old")) {
                                answeredOld.incrementAndGet();
                            } else {
                                answeredNew.incrementAndGet();
                            }
                        } catch (Exception e) {
                            failures.add(e.toString());
                        }
                    }
                    return null;
                }));
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> oldApp.requests.get() > 500);

            gw.mode(Mode.HOLD);
            assertThat(gw.awaitIdle(Duration.ofSeconds(10)).idle()).isTrue();
            long oldAtSwitch = oldApp.requests.get();
            gw.switchTo(newApp.upstream());
            gw.mode(Mode.PASS);

            await().atMost(Duration.ofSeconds(20)).until(() -> newApp.requests.get() > 500);
            running.set(false);
            for (Future<?> w : workers) {
                w.get(30, TimeUnit.SECONDS);
            }
            assertThat(failures).isEmpty();
            assertThat(oldApp.requests.get()).isEqualTo(oldAtSwitch);
            assertThat(answeredOld.get()).isEqualTo(oldAtSwitch);
            assertThat(answeredNew.get()).isEqualTo(newApp.requests.get());
            assertThat(answeredOld.get() + answeredNew.get()).isEqualTo(sent.get());
            assertThat(gw.status().inFlight()).isZero();
        }
    }

    /** Without a hold: every request a client sends after switch() returned must reach the new upstream. */
    @Test
    void switchUnderLoadSendsEveryLaterRequestToTheNewUpstream() throws Exception {
        try (RunningGateway gw = TestGateways.start(oldApp.upstream());
                ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            AtomicBoolean switched = new AtomicBoolean();
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicLong lateToOld = new AtomicLong();
            AtomicLong lateToNew = new AtomicLong();
            ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
            List<Future<?>> workers = new ArrayList<>();
            for (int c = 0; c < 16; c++) {
                workers.add(clients.submit(() -> {
                    while (running.get()) {
                        boolean afterSwitch = switched.get();
                        try {
                            HttpResponse<String> r = get(gw, "/");
                            if (r.statusCode() != 200) {
                                failures.add(r.statusCode() + " " + r.body());
                            } else if (afterSwitch) {
                                (r.body().equals("old") ? lateToOld : lateToNew).incrementAndGet();
                            }
                        } catch (Exception e) {
                            failures.add(e.toString());
                        }
                    }
                    return null;
                }));
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> oldApp.requests.get() > 500);
            gw.switchTo(newApp.upstream());
            switched.set(true);
            await().atMost(Duration.ofSeconds(20)).until(() -> lateToNew.get() > 500);
            running.set(false);
            for (Future<?> w : workers) {
                w.get(30, TimeUnit.SECONDS);
            }
            assertThat(failures).isEmpty();
            assertThat(lateToOld.get()).isZero();
        }
    }

    @Test
    void countsActiveUsersBySessionCookieElseByAddress() throws Exception {
        try (RunningGateway gw = TestGateways.start(oldApp.upstream(), b -> b.sessionCookie("_shop_session"))) {
            get(gw, "/", "Cookie", "theme=dark; _shop_session=alice");
            get(gw, "/", "Cookie", "_shop_session=bob");
            get(gw, "/", "Cookie", "_shop_session=alice; theme=light");
            assertThat(gw.status().activeUsers()).isEqualTo(2);
            get(gw, "/");
            assertThat(gw.status().activeUsers()).isEqualTo(3);
        }
        try (RunningGateway byAddress = TestGateways.start(oldApp.upstream())) {
            get(byAddress, "/", "Cookie", "_shop_session=alice");
            get(byAddress, "/", "Cookie", "_shop_session=bob");
            assertThat(byAddress.status().activeUsers()).isEqualTo(1);
        }
    }

    @Test
    void drainingLetsInFlightRequestsFinishAndRefusesNewConnections() throws Exception {
        oldApp.closeGate();
        RunningGateway gw = TestGateways.start(oldApp.upstream());
        CompletableFuture<HttpResponse<String>> slow = getAsync(gw, "/gate");
        await().atMost(Duration.ofSeconds(10)).until(() -> gw.status().inFlight() == 1);
        ExecutorService drainer = Executors.newSingleThreadExecutor();
        Future<Long> drained = drainer.submit(() -> gw.drain(Duration.ofSeconds(20)));
        int port = gw.address().getPort();
        await().atMost(Duration.ofSeconds(10)).until(() -> !accepts(port));
        oldApp.openGate();
        HttpResponse<String> r = slow.get(10, TimeUnit.SECONDS);
        assertThat(r.body()).isEqualTo("old");
        assertThat(r.headers().firstValue("Connection")).contains("close");
        assertThat(drained.get(20, TimeUnit.SECONDS)).isZero();
        drainer.shutdown();
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
