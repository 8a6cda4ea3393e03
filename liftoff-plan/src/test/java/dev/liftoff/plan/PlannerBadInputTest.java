package dev.liftoff.plan;

import static dev.liftoff.plan.Fixtures.app;
import static dev.liftoff.plan.Fixtures.appsInfo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.liftoff.core.ErrorCode;
import dev.liftoff.core.LiftoffException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Missing and malformed files, unknown sizes and plans: a usage error naming the file and the field. */
class PlannerBadInputTest {
    private static final String FORMATION = "[{\"type\": \"web\", \"quantity\": 1, \"size\": \"Basic\"}]";

    @TempDir
    Path dir;

    private Path minimalApp(String formation, String addons) {
        return app(
                dir,
                "app",
                "apps-info.json",
                appsInfo("app", "us", null),
                "formation.json",
                formation,
                "addons.json",
                addons,
                "config.json",
                "{\"A\": \"1\"}");
    }

    private LiftoffException failure() {
        try {
            Planner.plan(PlanConfig.of(dir));
        } catch (LiftoffException e) {
            assertThat(e.code()).isEqualTo(ErrorCode.USAGE);
            return e;
        }
        throw new AssertionError("the plan succeeded");
    }

    @Test
    void namesAMissingFile() throws Exception {
        Path app = minimalApp(FORMATION, "[]");
        Files.delete(app.resolve("formation.json"));
        assertThat(failure()).hasMessageContaining("app/formation.json: missing");
    }

    @Test
    void namesTheLineOfMalformedJson() {
        minimalApp(FORMATION, "[{\"name\": ");
        assertThat(failure()).hasMessageContaining("addons.json: not valid JSON at line 1");
    }

    @Test
    void namesAnUnknownDynoSizeAndTheKnownOnes() {
        minimalApp("[{\"type\": \"web\", \"quantity\": 1, \"size\": \"Fir-9X\"}]", "[]");
        assertThat(failure())
                .hasMessageContaining("formation.json: [0].size 'Fir-9X' (process 'web') is not a dyno size")
                .hasMessageContaining("Performance-L");
    }

    @Test
    void namesAMissingOrNegativeQuantity() {
        minimalApp("[{\"type\": \"web\", \"quantity\": -1, \"size\": \"Basic\"}]", "[]");
        assertThat(failure()).hasMessageContaining("formation.json: [0].quantity must be a whole number");
    }

    @Test
    void namesAnAddonWithoutAnyPrice() {
        minimalApp(
                FORMATION,
                "[{\"name\": \"x-1\", \"addon_service\": {\"name\": \"newrelic\"}, \"plan\": {\"name\":"
                        + " \"newrelic:wayne\"}}]");
        assertThat(failure())
                .hasMessageContaining(
                        "addons.json: add-on 'x-1' (plan 'newrelic:wayne') has no billed_price or" + " plan.price")
                .hasMessageContaining("heroku.addon.newrelic:wayne");
    }

    @Test
    void namesAPriceInAnotherUnit() {
        minimalApp(
                FORMATION,
                "[{\"name\": \"x-1\", \"addon_service\": {\"name\": \"newrelic\"}, \"plan\": {\"name\":"
                        + " \"newrelic:wayne\", \"price\": {\"cents\": 10, \"unit\": \"request\"}}}]");
        assertThat(failure()).hasMessageContaining("addons.json: [0].plan.price.unit is 'request'");
    }

    @Test
    void namesAnUnknownPostgresPlan() {
        minimalApp(
                FORMATION,
                "[{\"name\": \"pg\", \"addon_service\": {\"name\": \"heroku-postgresql\"}, \"plan\": {\"name\":"
                        + " \"heroku-postgresql:standard-9\", \"price\": {\"cents\": 10000}}}]");
        assertThat(failure())
                .hasMessageContaining("addons.json: add-on 'pg' has plan 'heroku-postgresql:standard-9'")
                .hasMessageContaining("does not know the size of");
    }

    @Test
    void listsUnknownAddonsAsNotMappedRatherThanDroppingThem() {
        minimalApp(
                FORMATION,
                "[{\"name\": \"nr\", \"addon_service\": {\"name\": \"newrelic\"}, \"plan\": {\"name\":"
                        + " \"newrelic:wayne\", \"price\": {\"cents\": 4900, \"unit\": \"month\"}}}]");
        PlanResult r = Planner.plan(PlanConfig.of(dir));
        assertThat(r.items())
                .filteredOn(i -> i.component().equals("addon nr"))
                .extracting(i -> i.option() + " " + i.monthlyUsd())
                .containsExactly("current 49.00", "right-sized 49.00", "like-for-like 49.00");
        assertThat(r.items("aws", "right-sized"))
                .filteredOn(i -> i.component().equals("addon nr"))
                .allSatisfy(i -> assertThat(i.name()).contains("not mapped"));
    }

    @Test
    void namesAConfigFileThatIsNotFlat() {
        Path app = minimalApp(FORMATION, "[]");
        Fixtures.app(dir, "app", "config.json", "{\"A\": {\"nested\": 1}}");
        assertThat(app).exists();
        assertThat(failure()).hasMessageContaining("config.json: A must be a string value");
    }

    @Test
    void namesAnAutoscalingRangeUpsideDown() {
        Path app = minimalApp(FORMATION, "[]");
        Fixtures.app(
                dir,
                "app",
                "autoscaling.json",
                "[{\"process_type\": \"web\", \"min_quantity\": 4, \"max_quantity\": 2}]");
        assertThat(app).exists();
        assertThat(failure()).hasMessageContaining("autoscaling.json: [0].max_quantity is 2, below min_quantity 4");
    }

    @Test
    void refusesAnEmptyExportDirectoryAndSaysHowToFillIt() {
        assertThat(failure()).hasMessageContaining("no app directories").hasMessageContaining("liftoff heroku export");
    }

    @Test
    void refusesAnUnknownRegion() {
        assertThatThrownBy(() -> new PlanConfig(dir, null, "us-easy-1", List.of(), null, null))
                .isInstanceOf(LiftoffException.class)
                .hasMessageContaining("--region us-easy-1: not an AWS region")
                .hasMessageContaining("us-east-1");
    }
}
