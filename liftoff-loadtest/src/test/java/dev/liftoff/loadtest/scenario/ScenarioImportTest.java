package dev.liftoff.loadtest.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.liftoff.core.ErrorCode;
import dev.liftoff.core.LiftoffException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioImportTest {
    private static final Path DIR = Path.of("src/test/resources/scenarios");

    private static Map<String, String> headers(Step s) {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        s.headers().forEach(h -> m.put(h.name(), h.value().raw()));
        return m;
    }

    @Test
    void replaysTheAppHostOfAHarAndCountsThirdPartyHosts() {
        Scenario s = Scenarios.load(DIR.resolve("shop.har"), ImportOptions.DEFAULTS);

        assertThat(s.steps())
                .extracting(Step::name)
                .containsExactly("GET /products", "GET /api/orders/{id}", "POST /api/cart");
        assertThat(s.skippedHosts())
                .containsEntry("www.google-analytics.com", 2)
                .containsEntry("cdn.example.net", 1);
        Step page = s.steps().get(0);
        assertThat(page.url()).isEqualTo("https://shop.example.com/products?page=2");
        assertThat(headers(page)).containsOnlyKeys("accept", "cookie");
        Step cart = s.steps().get(2);
        assertThat(cart.method()).isEqualTo("POST");
        assertThat(cart.body()).map(Template::raw).contains("{\"sku\":\"A-1\",\"qty\":2}");
        assertThat(headers(cart)).containsOnlyKeys("Content-Type");
    }

    @Test
    void retargetsAHarAtABaseUrlAndDropsCookiesWhenAsked() {
        ImportOptions options = new ImportOptions(
                Optional.of(BaseUrl.parse("http://127.0.0.1:8080/staging/", "--base-url")),
                Optional.empty(),
                Set.of("cdn.example.net"),
                false);

        Scenario s = Scenarios.load(DIR.resolve("shop.har"), options);

        assertThat(s.steps())
                .extracting(Step::url)
                .containsExactly(
                        "http://127.0.0.1:8080/staging/products?page=2",
                        "http://127.0.0.1:8080/staging/app.css",
                        "http://127.0.0.1:8080/staging/api/orders/1234",
                        "http://127.0.0.1:8080/staging/api/cart");
        assertThat(headers(s.steps().get(0))).doesNotContainKey("cookie");
        assertThat(s.skippedHosts()).containsOnlyKeys("www.google-analytics.com");
    }

    @Test
    void readsJmeterSamplersHeadersTimersDataAndExtractors() {
        Scenario s = Scenarios.load(DIR.resolve("plan.jmx"), ImportOptions.DEFAULTS);

        assertThat(s.steps()).extracting(Step::name).containsExactly("home", "login", "order");
        Step home = s.steps().get(0);
        assertThat(home.url()).isEqualTo("https://shop.example.com:8443/?q=red+shoes");
        assertThat(headers(home)).containsEntry("Accept-Language", "en");
        assertThat(home.think()).isEqualTo(Think.constant(Duration.ofMillis(200)));
        Step login = s.steps().get(1);
        assertThat(login.method()).isEqualTo("POST");
        assertThat(login.body()).map(Template::raw).contains("{\"user\":\"${user}\",\"pass\":\"${pass}\"}");
        assertThat(headers(login)).containsEntry("Content-Type", "application/json");
        assertThat(login.think())
                .isEqualTo(new Think(Think.Kind.UNIFORM, Duration.ofMillis(300), Duration.ofMillis(50)));
        assertThat(login.extractions()).containsExactly(new Extraction("token", Extraction.Kind.JSONPATH, "$.token"));
        Step order = s.steps().get(2);
        assertThat(headers(order)).containsEntry("Authorization", "Bearer ${token}");
        assertThat(order.extractions()).containsExactly(new Extraction("order", Extraction.Kind.REGEX, "id=(\\d+)"));
        assertThat(s.dataSets()).singleElement().satisfies(d -> {
            assertThat(d.variables()).containsExactly("user", "pass");
            assertThat(d.rows()).containsExactly(List.of("alice", "a1"), List.of("bob", "b2"));
        });
        assertThat(s.variables()).containsEntry("HOST", "shop.example.com");
        assertThat(s.threads()).hasValue(25);
        assertThat(s.warnings())
                .anySatisfy(w -> assertThat(w).contains("ResponseAssertion 'Is 200' is not supported"))
                .anySatisfy(w -> assertThat(w).contains("only the first thread group"));
    }

    @Test
    void readsYamlStepsWithExtractionsAndThinkTimes() {
        ImportOptions options = new ImportOptions(
                Optional.of(BaseUrl.parse("http://127.0.0.1:9999", "--base-url")), Optional.empty(), Set.of(), true);

        Scenario s = Scenarios.load(DIR.resolve("checkout.yaml"), options);

        assertThat(s.steps()).extracting(Step::name).containsExactly("login", "order", "again");
        Step login = s.steps().get(0);
        assertThat(login.body()).map(Template::raw).contains("{\"user\":\"${user}\",\"password\":\"hunter2\"}");
        assertThat(headers(login))
                .containsEntry("Accept", "application/json")
                .containsEntry("Content-Type", "application/json");
        assertThat(login.extractions()).extracting(Extraction::variable).containsExactly("token", "uid");
        assertThat(s.steps().get(1).think()).isEqualTo(Think.constant(Duration.ofMillis(10)));
        assertThat(s.steps().get(1).target().raw()).isEqualTo("/orders/${uid}");
        assertThat(s.variables()).containsEntry("user", "alice");
    }

    @Test
    void exportedJmeterPlansReadBackAsTheSameRequests(@TempDir Path tmp) throws Exception {
        ImportOptions options = new ImportOptions(
                Optional.of(BaseUrl.parse("http://127.0.0.1:9999", "--base-url")), Optional.empty(), Set.of(), true);
        for (Scenario original : List.of(
                Scenarios.load(DIR.resolve("checkout.yaml"), options),
                Scenarios.load(DIR.resolve("shop.har"), ImportOptions.DEFAULTS),
                Scenarios.load(DIR.resolve("plan.jmx"), ImportOptions.DEFAULTS))) {
            Path jmx = tmp.resolve("export.jmx");
            java.nio.file.Files.writeString(
                    jmx, JmxWriter.write(original, 10, Duration.ofMinutes(5), Duration.ZERO, OptionalDouble.of(20)));

            Scenario back = Scenarios.load(jmx, ImportOptions.DEFAULTS);

            assertThat(back.steps()).isEqualTo(original.steps());
            assertThat(back.variables()).isEqualTo(original.variables());
            assertThat(back.dataSets()).isEqualTo(original.dataSets());
            assertThat(back.threads()).hasValue(10);
            assertThat(back.warnings()).allSatisfy(w -> assertThat(w).doesNotContain("not supported"));
        }
    }

    private static String usageError(String file) {
        return usageError(file, ImportOptions.DEFAULTS);
    }

    private static String usageError(String file, ImportOptions options) {
        Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> Scenarios.load(DIR.resolve(file), options));
        assertThat(t).isInstanceOf(LiftoffException.class);
        assertThat(((LiftoffException) t).code()).isEqualTo(ErrorCode.USAGE);
        assertThat(t.getMessage()).doesNotContain("\n");
        return t.getMessage();
    }

    @Test
    void badFilesAreNamedWithTheLineOrEntry() {
        assertThat(usageError("bad/broken-json.har"))
                .contains("broken-json.har:3:")
                .contains("not valid JSON");
        assertThat(usageError("bad/no-url.har")).contains("no-url.har: log.entries[1]: request.url is missing");
        assertThat(usageError(
                        "bad/only-third-party.har",
                        new ImportOptions(Optional.empty(), Optional.of("shop.example.com"), Set.of(), true)))
                .contains("no requests left for host 'shop.example.com'")
                .contains("www.google-analytics.com=1");
        assertThat(usageError("bad/only-third-party.har"))
                .contains("only-third-party.har: no requests left after skipping third-party hosts")
                .contains("www.google-analytics.com=1");
        assertThat(usageError("bad/broken.jmx")).contains("broken.jmx:5: not valid XML");
        assertThat(usageError("bad/unknown-key.yaml")).contains("unknown-key.yaml:6: unknown key 'thinks'");
        assertThat(usageError("bad/bad-jsonpath.yaml")).contains("bad-jsonpath.yaml:5: JSONPath '$.a[b'");
        assertThat(usageError("bad/broken.yaml")).contains("broken.yaml:").contains("not valid YAML");
        assertThat(usageError("bad/missing.har")).contains("missing.har: no such file");
    }

    @Test
    void refusesAUrlThatIsNotHttp() {
        assertThatThrownBy(() -> Scenarios.url("ftp://x/", ImportOptions.DEFAULTS))
                .hasMessageContaining("--url: 'ftp://x/' is not an http(s) URL");
    }

    @Test
    void namesRequestsByPathTemplate() {
        assertThat(RequestNames.of("GET", "/api/orders/1234/items/9f1c2b3a-1111-2222-3333-444455556666"))
                .isEqualTo("GET /api/orders/{id}/items/{id}");
        assertThat(RequestNames.of("GET", "/assets/app-3f9a8b7c6d5e4f3a2b1c.js"))
                .isEqualTo("GET /assets/app-3f9a8b7c6d5e4f3a2b1c.js");
        assertThat(RequestNames.of("GET", "/products")).isEqualTo("GET /products");
    }
}
