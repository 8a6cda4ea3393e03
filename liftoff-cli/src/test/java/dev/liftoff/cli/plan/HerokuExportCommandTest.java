package dev.liftoff.cli.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code liftoff heroku export} end to end against a local server answering like the Platform API. The key comes from
 * a {@code ~/.netrc} in a temporary home, as {@code heroku login} leaves it (the test cannot set HEROKU_API_KEY).
 */
class HerokuExportCommandTest {
    private static final Map<String, String> ANSWERS = Map.of(
            "/dyno-sizes", "[]",
            "/apps/shop", "{\"id\": \"app-1\", \"name\": \"shop\", \"region\": {\"name\": \"us\"}}",
            "/apps/shop/formation", "[{\"type\": \"web\", \"quantity\": 1, \"size\": \"Basic\", \"command\": \"x\"}]",
            "/apps/shop/addons", "[]",
            "/apps/shop/config-vars", "{\"SECRET\": \"export-cli-secret\"}");

    @TempDir
    Path dir;

    HttpServer server;
    String home;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", ex -> {
            boolean authorized =
                    "Bearer netrc-key".equals(ex.getRequestHeaders().getFirst("Authorization"));
            String body = authorized ? ANSWERS.get(ex.getRequestURI().getPath()) : null;
            int status = !authorized ? 401 : body == null ? 404 : 200;
            byte[] bytes = (body == null ? "{\"id\": \"not_found\", \"message\": \"Not found.\"}" : body)
                    .getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(status, bytes.length);
            ex.getResponseBody().write(bytes);
            ex.close();
        });
        server.start();
        home = System.getProperty("user.home");
        Files.writeString(
                dir.resolve(".netrc"), "machine api.heroku.com\n  login me@example.com\n  password netrc-key\n");
        System.setProperty("user.home", dir.toString());
    }

    @AfterEach
    void stop() {
        System.setProperty("user.home", home);
        server.stop(0);
    }

    @Test
    void exportsAnAppThatPlanThenPrices() throws Exception {
        String url = "http://127.0.0.1:" + server.getAddress().getPort();
        Path out = dir.resolve("export");
        Cli.Run r = Cli.run(
                "heroku", "export", "--app", "shop", "--out", out.toString(), "--api-url", url, "--metrics-url", url);
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out())
                .contains("exported shop to " + out.resolve("shop"))
                .contains("1 config vars, values in config.json only")
                .contains("next: liftoff plan --heroku " + out)
                .doesNotContain("export-cli-secret", "netrc-key");
        Cli.Run plan = Cli.run("plan", "--heroku", out.toString());
        assertThat(plan.exit()).as(plan.err()).isZero();
        assertThat(plan.out()).contains("Heroku: $7.00 a month");
    }

    @Test
    void saysWhichRequestTheApiRefused() {
        String url = "http://127.0.0.1:" + server.getAddress().getPort();
        Cli.Run r = Cli.run("heroku", "export", "--app", "nope", "--out", dir.toString(), "--api-url", url);
        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.err()).contains("liftoff heroku export: GET " + url + "/apps/nope: HTTP 404");
    }

    @Test
    void asksForACommandWhenHerokuIsRunAlone() {
        Cli.Run r = Cli.run("heroku");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("missing command");
    }
}
