package dev.liftoff.cli.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.liftoff.cli.Main;
import dev.liftoff.core.report.Json;
import dev.liftoff.loadtest.scenario.ImportOptions;
import dev.liftoff.loadtest.scenario.Scenario;
import dev.liftoff.loadtest.scenario.Scenarios;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoadtestCommandIT {
    @TempDir
    Path tmp;

    private HttpServer server;
    private String url;

    /** What one CLI run printed and returned. */
    private record Run(int code, String out, String err) {}

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", ex -> {
            ex.getRequestBody().readAllBytes();
            int status = ex.getRequestURI().getPath().equals("/fail") ? 500 : 200;
            byte[] body = "{\"token\":\"t-1\"}".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(status, body.length);
            try (OutputStream o = ex.getResponseBody()) {
                o.write(body);
            }
        });
        server.start();
        url = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private static Run liftoff(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new PrintStream(out, true), new PrintStream(err, true), args);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void exitsZeroWhenTheSlosHoldAndWritesJsonAndHtml() throws Exception {
        Path json = tmp.resolve("r.json");
        Path html = tmp.resolve("r.html");

        Run r = liftoff(
                "loadtest",
                "run",
                "--url",
                url + "/ok",
                "--rate",
                "50/s",
                "--duration",
                "1s",
                "--slo",
                "p99<5s,errors<1%",
                "--json",
                json.toString(),
                "--report",
                html.toString());

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("50 requests, 0 errors").contains("slo ok     p99<5s");
        JsonNode result = Json.mapper().readTree(json.toFile());
        assertThat(result.path("requests").asLong()).isEqualTo(50);
        assertThat(result.path("slo").path("passed").asBoolean()).isTrue();
        assertThat(result.path("by_request").has("GET /ok")).isTrue();
        assertThat(Files.readString(html)).startsWith("<!DOCTYPE html>").contains("<svg");
    }

    @Test
    void exitsOneNamingTheBrokenChecks() {
        Run r = liftoff(
                "loadtest",
                "run",
                "--url",
                url + "/fail",
                "--connections",
                "2",
                "--duration",
                "1s",
                "--slo",
                "errors<1%,p99<10s,GET /fail:errors<=5%");

        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err())
                .contains("liftoff loadtest run: SLO broken: errors<1% (measured 100%); GET /fail:errors<=5% (measured"
                        + " 100%)")
                .doesNotContain("p99<10s (measured");
    }

    @Test
    void exitsTwoForBadInputNamingWhereItIs() throws IOException {
        assertThat(liftoff("loadtest", "run", "--url", url, "--rate", "10/s", "--duration", "1s", "--slo", "p95<3x"))
                .satisfies(r -> {
                    assertThat(r.code()).isEqualTo(2);
                    assertThat(r.err()).contains("--slo 'p95<3x': at character 5 expected a duration");
                });
        Path yaml = tmp.resolve("bad.yaml");
        Files.writeString(yaml, "steps:\n  - name: a\n    url: http://127.0.0.1/\n    method: 'GET X'\n");
        assertThat(liftoff("loadtest", "run", yaml.toString(), "--rate", "10/s", "--duration", "1s"))
                .satisfies(r -> {
                    assertThat(r.code()).isEqualTo(2);
                    assertThat(r.err())
                            .contains(yaml + ":4: 'GET X' is not an HTTP method")
                            .doesNotContain("\tat ");
                });
        assertThat(liftoff("loadtest", "run", "--url", url, "--rate", "fast", "--duration", "1s")
                        .err())
                .contains("--rate: 'fast' is not a rate");
        assertThat(liftoff("loadtest", "run", "--url", url, "--rate", "3x", "--duration", "1s")
                        .err())
                .contains("add --heroku EXPORT_DIR/APP");
        assertThat(liftoff("loadtest", "run", "--url", url, "--duration", "1s").code())
                .isEqualTo(2);
        assertThat(liftoff("loadtest", "run", "--duration", "1s", "--connections", "1")
                        .err())
                .contains("give a scenario file or --url");
    }

    /** A bad scenario: exit 2, one line naming the file and where in it, no stack trace. */
    private String badScenario(Path file, String... extra) {
        String[] all = new String[7 + extra.length];
        System.arraycopy(
                new String[] {"loadtest", "run", file.toString(), "--rate", "10/s", "--duration", "1s"}, 0, all, 0, 7);
        System.arraycopy(extra, 0, all, 7, extra.length);
        Run r = liftoff(all);
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.err().strip()).doesNotContain("\n").doesNotContain("\tat ").startsWith("liftoff loadtest run: ");
        return r.err();
    }

    @Test
    void exitsTwoForUnreadableScenariosNamingTheFileAndThePlace() throws IOException {
        Path har = tmp.resolve("broken.har");
        Files.writeString(har, "{\"log\": {\"entries\": [\n  {\"request\": {\"method\": \"GET\" \"url\": 1}}\n]}}\n");
        assertThat(badScenario(har)).contains(har + ":2:").contains("not valid JSON");

        Path noUrl = tmp.resolve("no-url.har");
        Files.writeString(noUrl, "{\"log\": {\"entries\": [{\"request\": {\"method\": \"GET\"}}]}}");
        assertThat(badScenario(noUrl)).contains(noUrl + ": log.entries[0]: request.url is missing");

        Path beacons = tmp.resolve("beacons.har");
        Files.writeString(beacons, """
                {"log": {"entries": [
                  {"request": {"method": "GET", "url": "https://www.google-analytics.com/collect?v=1"}},
                  {"request": {"method": "GET", "url": "https://shop.example.com/"}}
                ]}}
                """);
        assertThat(badScenario(beacons, "--host", "api.example.com"))
                .contains(beacons + ": no requests left for host 'api.example.com'")
                .contains("shop.example.com=1");
        Files.writeString(beacons, """
                {"log": {"entries": [
                  {"request": {"method": "GET", "url": "https://www.google-analytics.com/collect?v=1"}}
                ]}}
                """);
        assertThat(badScenario(beacons)).contains(beacons + ": no requests left after skipping third-party hosts");

        Path jmx = tmp.resolve("broken.jmx");
        Files.writeString(jmx, "<?xml version=\"1.0\"?>\n<jmeterTestPlan>\n  <hashTree>\n  </jmeterTestPlan>\n");
        assertThat(badScenario(jmx)).contains(jmx + ":4: not valid XML");

        Path yaml = tmp.resolve("bad-path.yaml");
        Files.writeString(yaml, """
                steps:
                  - name: a
                    url: %s/
                    extract:
                      x: {jsonpath: "$.a[b"}
                """.formatted(url));
        assertThat(badScenario(yaml)).contains(yaml + ":5: JSONPath '$.a[b' at character 4");

        assertThat(badScenario(tmp.resolve("missing.har"))).contains("missing.har: no such file");
    }

    @Test
    void replaysTheAppsOwnRequestsOfAHarAtTheBaseUrl() throws IOException {
        Path har = tmp.resolve("page.har");
        Files.writeString(har, """
                {"log": {"entries": [
                  {"_resourceType": "document",
                   "request": {"method": "GET", "url": "https://shop.example.com/products?page=2", "headers": []}},
                  {"request": {"method": "GET", "url": "https://www.google-analytics.com/analytics.js"}},
                  {"request": {"method": "POST", "url": "https://shop.example.com/api/cart",
                               "postData": {"mimeType": "application/json", "text": "{\\"sku\\":1}"}}}
                ]}}
                """);
        Path json = tmp.resolve("har.json");

        Run r = liftoff(
                "loadtest",
                "run",
                har.toString(),
                "--base-url",
                url,
                "--connections",
                "1",
                "--duration",
                "1s",
                "--json",
                json.toString());

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).contains("skipped requests to other hosts: {www.google-analytics.com=1}");
        JsonNode result = Json.mapper().readTree(json.toFile());
        assertThat(result.path("errors").asLong()).isZero();
        assertThat(result.path("by_request").has("GET /products")).isTrue();
        assertThat(result.path("by_request").has("POST /api/cart")).isTrue();
        assertThat(result.path("by_request")
                        .path("POST /api/cart")
                        .path("requests")
                        .asLong())
                .isPositive();
    }

    @Test
    void takesARateRelativeToTheHerokuPeak() throws Exception {
        Path app = Files.createDirectories(tmp.resolve("export/shop"));
        Files.writeString(
                app.resolve("metrics.json"),
                "{\"window_days\":30,\"processes\":{\"web\":{\"requests_per_second_peak\":12}}}");
        Path json = tmp.resolve("peak.json");

        Run r = liftoff(
                "loadtest",
                "run",
                "--url",
                url + "/",
                "--rate",
                "3x",
                "--heroku",
                app.toString(),
                "--duration",
                "1s",
                "--json",
                json.toString());

        assertThat(r.code()).as(r.err()).isZero();
        JsonNode result = Json.mapper().readTree(json.toFile());
        assertThat(result.path("target_rate").asDouble()).isEqualTo(36.0);
        assertThat(result.path("rate_source").asText()).contains("3x the peak of 12 requests/s");
    }

    @Test
    void exportsAJmeterPlanThatReadsBackAsTheSameScenario() throws IOException {
        Path yaml = tmp.resolve("flow.yaml");
        Files.writeString(yaml, """
                steps:
                  - name: login
                    method: POST
                    url: %s/login
                    headers: {Content-Type: application/json}
                    body: '{"user":"a"}'
                    extract: {token: {jsonpath: $.token}}
                  - name: me
                    url: %s/me?x=1
                    headers: {Authorization: 'Bearer ${token}'}
                    think: 250ms
                """.formatted(url, url));
        Path jmx = tmp.resolve("flow.jmx");

        Run r = liftoff(
                "loadtest",
                "export",
                yaml.toString(),
                "--format",
                "jmx",
                "--out",
                jmx.toString(),
                "--rate",
                "20/s",
                "--connections",
                "8",
                "--duration",
                "2m");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("2 HTTP sampler(s), 8 thread(s), paced to 20 sessions/s");
        Scenario original = Scenarios.load(yaml, ImportOptions.DEFAULTS);
        Scenario back = Scenarios.load(jmx, ImportOptions.DEFAULTS);
        assertThat(back.steps()).isEqualTo(original.steps());
        assertThat(Files.readString(jmx))
                .contains("<ConstantThroughputTimer")
                .contains("<stringProp" + " name=\"ThreadGroup.duration\">120</stringProp>");
    }

    @Test
    void exportsAPlanPacedToAMultipleOfTheHerokuPeak() throws Exception {
        Path app = Files.createDirectories(tmp.resolve("export/shop"));
        Files.writeString(
                app.resolve("metrics.json"),
                "{\"window_days\":30,\"processes\":{\"web\":{\"requests_per_second_peak\":12}}}");
        Path yaml = tmp.resolve("two.yaml");
        Files.writeString(yaml, """
                steps:
                  - {name: home, url: %s/}
                  - {name: cart, url: %s/cart}
                """.formatted(url, url));
        Path jmx = tmp.resolve("two.jmx");

        Run r = liftoff(
                "loadtest",
                "export",
                yaml.toString(),
                "--format",
                "jmx",
                "--out",
                jmx.toString(),
                "--rate",
                "3x",
                "--heroku",
                app.toString(),
                "--json",
                "-");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).contains("3x the peak of 12 requests/s").contains("2 request(s) per session");
        // 3 x 12 requests/s at 2 requests per session: 18 sessions/s.
        assertThat(Json.mapper().readTree(r.out()).path("sessions_per_second").asDouble())
                .isEqualTo(18.0);
        assertThat(liftoff(
                                "loadtest",
                                "export",
                                yaml.toString(),
                                "--format",
                                "jmx",
                                "--out",
                                jmx.toString(),
                                "--rate",
                                "3x")
                        .err())
                .contains("add --heroku EXPORT_DIR/APP");
    }

    @Test
    void documentsItsOptionsWithExamples() {
        for (String command : new String[] {"run", "export"}) {
            Run r = liftoff("loadtest", command, "--help");
            assertThat(r.code()).isZero();
            assertThat(r.out()).contains("--rate").contains("--connections").contains("Examples:");
            assertThat(r.err()).isEmpty();
        }
        Run group = liftoff("loadtest", "--help");
        assertThat(group.out()).contains("p95<300ms,errors<1%'");
        assertThat(group.err()).isEmpty();
    }
}
