package dev.liftoff.plan.heroku;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.liftoff.core.ErrorCode;
import dev.liftoff.core.LiftoffException;
import dev.liftoff.plan.PlanConfig;
import dev.liftoff.plan.PlanResult;
import dev.liftoff.plan.Planner;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code liftoff heroku export} against a local server answering like the Platform and metrics APIs. */
class HerokuExporterTest {
    @TempDir
    Path out;

    FakeHerokuApi api;

    @BeforeEach
    void start() throws Exception {
        api = new FakeHerokuApi();
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private ExportConfig config(String key) {
        return new ExportConfig(
                List.of("acme-shop"),
                out,
                api.apiUrl(),
                api.metricsUrl(),
                ApiKey.of(key),
                Duration.ofDays(7),
                Duration.ofSeconds(10));
    }

    @Test
    void writesTheLayoutOfTheSampleExport() throws Exception {
        ExportResult result = HerokuExporter.export(config(FakeHerokuApi.KEY));
        Path dir = out.resolve("acme-shop");
        assertThat(result.apps()).singleElement().satisfies(a -> {
            assertThat(a.directory()).isEqualTo(dir);
            assertThat(a.configVars()).isEqualTo(6);
            assertThat(a.files())
                    .containsExactlyInAnyOrder(
                            "apps-info.json",
                            "formation.json",
                            "addons.json",
                            "dyno-sizes.json",
                            "config.json",
                            "autoscaling.json",
                            "metrics.json");
            assertThat(a.notes()).isEmpty();
        });
        HerokuApp app = HerokuExport.readApp(dir);
        assertThat(app.name()).isEqualTo("acme-shop");
        assertThat(app.herokuRegion()).isEqualTo("eu");
        assertThat(app.buildpack()).isEqualTo("heroku/ruby");
        assertThat(app.formation())
                .extracting(f -> f.type() + "=" + f.quantity() + ":" + f.size().name())
                .containsExactly("web=2:Standard-2X", "worker=1:Standard-1X", "clock=0:Basic");
        // both pages of add-ons, plans expanded with their prices; the deprovisioned one left out
        assertThat(app.addons())
                .extracting(a -> a.plan() + " " + a.monthlyUsd())
                .containsExactly(
                        "heroku-postgresql:essential-1 9.00",
                        "heroku-redis:mini 3.00",
                        "papertrail:choklad 0.00",
                        "scheduler:standard 0.00");
        assertThat(app.configVarNames())
                .containsExactly(
                        "DATABASE_URL",
                        "REDIS_URL",
                        "REDIS_TLS_URL",
                        "SECRET_KEY_BASE",
                        "RAILS_ENV",
                        "WEB_CONCURRENCY");
        assertThat(app.autoscaling().get("web")).isEqualTo(new Autoscaling("web", 2, 6, 800));
        assertThat(app.metrics().windowDays()).isEqualTo(7);
        assertThat(app.metrics().process("web")).isEqualTo(new ProcessMetrics(0.6, 700.0, 35.0, 380.0));
        assertThat(app.metrics().process("worker")).isEqualTo(new ProcessMetrics(0.3, 420.0, null, null));
        assertThat(app.dynoPrices()).containsEntry("standard-2x", new java.math.BigDecimal("50.00"));
    }

    @Test
    void keepsConfigValuesInOneOwnerOnlyFile() throws Exception {
        HerokuExporter.export(config(FakeHerokuApi.KEY));
        Path dir = out.resolve("acme-shop");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("config.json"))))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)))
                .isEqualTo("rwx------");
        assertThat(ConfigVars.load(dir).values()).containsEntry("SECRET_KEY_BASE", "example-secret");
        try (var files = Files.list(dir)) {
            for (Path f : files.filter(f -> !f.endsWith("config.json")).toList()) {
                assertThat(Files.readString(f)).doesNotContain("example-secret", "example-password");
            }
        }
    }

    @Test
    void speaksVersionThreeWithTheKeyAsBearerAndExpandsAddonPlans() {
        HerokuExporter.export(config(FakeHerokuApi.KEY));
        assertThat(api.requests)
                .filteredOn(r -> !r.path().startsWith("/metrics-api"))
                .allSatisfy(r -> {
                    assertThat(r.header("Accept")).isEqualTo("application/vnd.heroku+json; version=3");
                    assertThat(r.header("Authorization")).isEqualTo("Bearer " + FakeHerokuApi.KEY);
                });
        assertThat(api.requests)
                .filteredOn(r -> r.path().equals("/apps/acme-shop/addons"))
                .hasSize(2)
                .allSatisfy(r -> assertThat(r.header("Accept-Expansion")).isEqualTo("addon_service,plan"));
        // metrics by app id, for running process types only; the router for web alone
        assertThat(api.requests)
                .extracting(FakeHerokuApi.Request::path)
                .filteredOn(p -> p.startsWith("/metrics-api"))
                .allMatch(p -> p.contains(FakeHerokuApi.APP_ID))
                .noneMatch(p -> p.contains("/clock/"))
                .contains("/metrics-api/apps/" + FakeHerokuApi.APP_ID + "/router-metrics/status?");
    }

    @Test
    void plansTheExportItWroteLikeTheSampleFixture() {
        HerokuExporter.export(config(FakeHerokuApi.KEY));
        PlanResult fromApi = Planner.plan(PlanConfig.of(out));
        PlanResult fromFixture = Planner.plan(PlanConfig.of(dev.liftoff.plan.Fixtures.sampleExport()));
        assertThat(fromApi.herokuMonthlyUsd()).isEqualByComparingTo("137.00");
        assertThat(fromApi.awsMonthlyUsd()).isEqualByComparingTo(fromFixture.awsMonthlyUsd());
        assertThat(fromApi.awsLikeForLikeMonthlyUsd()).isEqualByComparingTo(fromFixture.awsLikeForLikeMonthlyUsd());
    }

    @Test
    void notesWhatTheMetricsApiRefusesAndExportsTheRest() {
        api.metricsForbidden = true;
        ExportResult result = HerokuExporter.export(config(FakeHerokuApi.KEY));
        ExportResult.App app = result.apps().get(0);
        assertThat(app.files())
                .doesNotContain("autoscaling.json", "metrics.json")
                .contains("formation.json");
        assertThat(app.notes())
                .anyMatch(n -> n.startsWith("autoscaling not read:") && n.contains("HTTP 403"))
                .anyMatch(n -> n.startsWith("web load not read:"));
        assertThat(HerokuExport.readApp(app.directory()).metrics()).isEqualTo(AppMetrics.NONE);
    }

    @Test
    void refusesAWrongKeyWithoutPrintingIt() {
        assertThatThrownBy(() -> HerokuExporter.export(config("wrong-key-1234")))
                .isInstanceOf(LiftoffException.class)
                .hasMessageContaining("HTTP 401 (Invalid credentials provided.); check HEROKU_API_KEY")
                .hasMessageNotContaining("wrong-key-1234")
                .satisfies(e -> assertThat(((LiftoffException) e).code()).isEqualTo(ErrorCode.ENVIRONMENT));
        assertThat(ApiKey.of("wrong-key-1234").toString()).doesNotContain("wrong");
    }

    @Test
    void namesAnAppTheApiDoesNotKnow() {
        ExportConfig c = new ExportConfig(
                List.of("no-such-app"), out, api.apiUrl(), api.metricsUrl(), ApiKey.of(FakeHerokuApi.KEY), null, null);
        assertThatThrownBy(() -> HerokuExporter.export(c))
                .hasMessageContaining("/apps/no-such-app: HTTP 404 (Couldn't find that app.); check the app name");
    }

    @Test
    void saysWhenTheApiCannotBeReached() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        ExportConfig c = new ExportConfig(
                List.of("acme-shop"),
                out,
                URI.create("http://127.0.0.1:" + port),
                null,
                ApiKey.of(FakeHerokuApi.KEY),
                null,
                Duration.ofSeconds(5));
        assertThatThrownBy(() -> HerokuExporter.export(c))
                .isInstanceOf(LiftoffException.class)
                .hasMessageContaining("cannot connect")
                .hasMessageContaining("check --api-url");
    }

    @Test
    void refusesMissingKeysAndMistypedAppNames() {
        assertThatThrownBy(() -> ApiKey.of(" ")).hasMessageContaining("HEROKU_API_KEY is not set");
        assertThatThrownBy(() -> new ExportConfig(List.of("Acme Shop"), out, null, null, ApiKey.of("k"), null, null))
                .hasMessageContaining("--app 'Acme Shop' is not a Heroku app name");
    }

    @Test
    void takesTheNearestRankPercentile() {
        assertThat(HerokuExporter.percentile95(
                        new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20}))
                .isEqualTo(19);
        assertThat(HerokuExporter.percentile95(new double[] {5})).isEqualTo(5);
        assertThat(HerokuExporter.percentile95(new double[] {})).isZero();
    }
}
