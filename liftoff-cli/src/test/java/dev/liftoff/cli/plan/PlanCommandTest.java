package dev.liftoff.cli.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.liftoff.core.report.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanCommandTest {
    @TempDir
    Path dir;

    @Test
    void printsTheSideBySideTableAndWritesJsonAndMarkdown() throws Exception {
        Path export = Cli.export(dir.resolve("export"));
        Path json = dir.resolve("plan.json");
        Path md = dir.resolve("plan.md");
        Cli.Run r =
                Cli.run("plan", "--heroku", export.toString(), "--json", json.toString(), "--markdown", md.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        // Heroku: 2 × $25 + $7 + $5 = $62
        assertThat(r.out())
                .containsPattern("app +component +Heroku +AWS like-for-like +AWS right-sized")
                .contains("Heroku: $62.00 a month")
                .contains("Assumptions:");
        JsonNode plan = Json.mapper().readTree(json.toFile());
        assertThat(plan.get("heroku_monthly_usd").decimalValue()).isEqualByComparingTo("62.00");
        assertThat(plan.get("aws_monthly_usd").decimalValue()).isPositive();
        assertThat(plan.get("items").get(0).get("basis").asText())
                .isEqualTo("2 dynos × $25.00 a month (price:" + " catalog heroku.dyno.Standard-1X)");
        assertThat(Files.readString(md)).startsWith("# Heroku → AWS: monthly cost, item by item");
        String everything = r.out() + r.err() + Files.readString(json) + Files.readString(md);
        assertThat(everything).doesNotContain("cli-db-secret", "cli-token-secret");
    }

    @Test
    void writesOnlyJsonToStandardOutputWhenAskedTo() throws Exception {
        Cli.Run r = Cli.run("plan", "--heroku", Cli.export(dir).toString(), "--json", "-", "--arch", "arm");
        assertThat(r.exit()).isZero();
        JsonNode plan = Json.mapper().readTree(r.out());
        assertThat(plan.get("arch").asText()).isEqualTo("arm");
    }

    @Test
    void namesTheBadFileAndFieldWithExitTwo() {
        Cli.export(dir);
        Cli.write(dir.resolve("shop/formation.json"), "[{\"type\": \"web\", \"quantity\": 1, \"size\": \"Huge\"}]");
        Cli.Run r = Cli.run("plan", "--heroku", dir.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).contains("liftoff plan: ").contains("shop/formation.json: [0].size 'Huge'");
    }

    @Test
    void refusesAnUnknownRegionWithExitTwo() {
        Cli.Run r = Cli.run("plan", "--heroku", Cli.export(dir).toString(), "--region", "mars-1");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--region mars-1: not an AWS region");
    }

    @Test
    void showsExamplesInHelp() {
        Cli.Run r = Cli.run("plan", "--help");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("Examples:", "--prices", "--markdown", "--network");
        assertThat(Cli.run("--help").out()).contains("plan ", "heroku ");
    }
}
