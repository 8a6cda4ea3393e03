package dev.liftoff.cli.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.liftoff.core.report.Json;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command's shell: output, exit codes and bad input. Pushing to Secrets Manager is SecretsPushIT's (moto). */
class SecretsPushCommandTest {
    @TempDir
    Path dir;

    @Test
    void aDryRunListsNamesOnly() throws Exception {
        Path app = Cli.export(dir).resolve("shop");
        Cli.Run r = Cli.run("secrets", "push", "--heroku", app.toString(), "--secret-id", "shop/prod", "--dry-run");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out())
                .contains("dry run: would push 1 config vars of shop to secret shop/prod")
                .contains("  pushed: API_TOKEN")
                .contains("  left out: DATABASE_URL (set by heroku-postgresql (pg-1); the new stack sets its own)");
        Cli.Run j = Cli.run(
                "secrets", "push", "--heroku", app.toString(), "--secret-id", "shop/prod", "--dry-run", "--json", "-");
        JsonNode json = Json.mapper().readTree(j.out());
        assertThat(json.get("pushed").get(0).asText()).isEqualTo("API_TOKEN");
        assertThat(r.out() + r.err() + j.out()).doesNotContain("cli-db-secret", "cli-token-secret");
    }

    @Test
    void theExportRootInsteadOfAnAppIsExitTwoNamingTheFix() {
        Cli.export(dir);
        Cli.Run r = Cli.run("secrets", "push", "--heroku", dir.toString(), "--secret-id", "x");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).contains("no apps-info.json", "EXPORT_DIR/APP");
    }

    @Test
    void anAwsFailureIsExitThreeWithoutValues() {
        // no credentials here (the chain's error), or, where the chain finds some, nothing listening on port 9
        Path app = Cli.export(dir).resolve("shop");
        Cli.Run r = Cli.run(
                "secrets",
                "push",
                "--heroku",
                app.toString(),
                "--secret-id",
                "x",
                "--region",
                "us-east-1",
                "--endpoint-url",
                "http://127.0.0.1:9");
        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.err())
                .contains("liftoff secrets push: Secrets Manager (x)")
                .doesNotContain("cli-token-secret");
        assertThat(r.err().strip().lines()).hasSize(1);
    }

    @Test
    void refusesAnUnknownRegion() {
        Path app = Cli.export(dir).resolve("shop");
        Cli.Run r = Cli.run("secrets", "push", "--heroku", app.toString(), "--secret-id", "x", "--region", "mars-1");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--region mars-1: not an AWS region");
    }

    @Test
    void isListedWithExamplesInHelp() {
        assertThat(Cli.run("--help").out()).contains("secrets ", "run ");
        Cli.Run r = Cli.run("secrets", "push", "--help");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("Examples:", "--secret-id", "--endpoint-url", "never values");
    }
}
