package dev.liftoff.plan.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.liftoff.core.ErrorCode;
import dev.liftoff.core.LiftoffException;
import dev.liftoff.core.report.Json;
import dev.liftoff.plan.Fixtures;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/** {@code secrets push} against moto_server's Secrets Manager: create, then update, names only in every result. */
class SecretsPushIT {
    static MotoServer moto;
    static SecretsManagerClient sm;

    @BeforeAll
    static void start() {
        moto = MotoServer.shared();
        sm = moto.target().build(SecretsManagerClient.builder(), Duration.ofSeconds(30));
    }

    @AfterAll
    static void stop() {
        if (sm != null) {
            sm.close();
        }
    }

    @Test
    void createsTheSecretThenUpdatesItWithoutTheAddonUrls(@TempDir Path tmp) throws Exception {
        Path app = Fixtures.copy(Fixtures.sampleExport().resolve("acme-shop"), tmp.resolve("acme-shop"));
        var config = new SecretsPush.Config(app, "acme-shop/production", moto.target(), false);

        SecretsPush.Result created = SecretsPush.push(config);

        assertThat(created.action()).isEqualTo("created");
        assertThat(created.arn()).startsWith("arn:aws:secretsmanager:us-east-1:");
        assertThat(created.pushed()).containsExactly("SECRET_KEY_BASE", "RAILS_ENV", "WEB_CONCURRENCY");
        assertThat(created.skipped())
                .extracting(SecretsPush.Skipped::name)
                .containsExactly("DATABASE_URL", "REDIS_URL", "REDIS_TLS_URL");
        assertThat(created.skipped().get(0).reason()).contains("heroku-postgresql", "postgresql-deep-4242");
        assertThat(stored("acme-shop/production"))
                .containsExactly(
                        Map.entry("SECRET_KEY_BASE", "example-secret"),
                        Map.entry("RAILS_ENV", "production"),
                        Map.entry("WEB_CONCURRENCY", "2"));
        assertThat(Json.toJson(created) + created)
                .doesNotContain("example-secret", "example-password", "production\"}");

        // a changed value and a new var: the same secret gets a new version holding the export's current vars
        Files.writeString(
                app.resolve("config.json"),
                "{\"DATABASE_URL\": \"postgres://u:example-password@h/d\", \"SECRET_KEY_BASE\": \"rotated-secret\","
                        + " \"RAILS_ENV\": \"production\", \"STRIPE_KEY\": \"sk_test_example\","
                        + " \"HEROKU_APP_NAME\": \"acme-shop\"}");
        SecretsPush.Result updated = SecretsPush.push(config);

        assertThat(updated.action()).isEqualTo("updated");
        assertThat(updated.arn()).isEqualTo(created.arn());
        assertThat(updated.versionId()).isNotEqualTo(created.versionId());
        assertThat(updated.pushed()).containsExactly("SECRET_KEY_BASE", "RAILS_ENV", "STRIPE_KEY");
        assertThat(updated.skipped())
                .extracting(SecretsPush.Skipped::name, SecretsPush.Skipped::reason)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                "DATABASE_URL",
                                "set by heroku-postgresql (postgresql-deep-4242); the new stack sets its own"),
                        org.assertj.core.groups.Tuple.tuple("HEROKU_APP_NAME", "Heroku's own"));
        assertThat(stored("acme-shop/production"))
                .containsExactly(
                        Map.entry("SECRET_KEY_BASE", "rotated-secret"),
                        Map.entry("RAILS_ENV", "production"),
                        Map.entry("STRIPE_KEY", "sk_test_example"));
        assertThat(Json.toJson(updated)).doesNotContain("rotated-secret", "sk_test_example");
    }

    @Test
    void aDryRunListsNamesWithoutCallingAws(@TempDir Path tmp) {
        Path app = Fixtures.copy(Fixtures.sampleExport().resolve("acme-shop"), tmp.resolve("acme-shop"));
        // nothing listens on this endpoint: a call would fail
        var target = new AwsTarget("us-east-1", URI.create("http://127.0.0.1:9"), MotoServer.CREDENTIALS);

        SecretsPush.Result r = SecretsPush.push(new SecretsPush.Config(app, "never-created", target, true));

        assertThat(r.action()).isEqualTo("dry-run");
        assertThat(r.pushed()).containsExactly("SECRET_KEY_BASE", "RAILS_ENV", "WEB_CONCURRENCY");
        assertThat(sm.listSecrets().secretList()).noneMatch(s -> s.name().equals("never-created"));
    }

    @Test
    void namesTheDirectoryWhenGivenTheExportInsteadOfAnApp() {
        var config = new SecretsPush.Config(Fixtures.sampleExport(), "x", moto.target(), false);
        assertThatThrownBy(() -> SecretsPush.push(config))
                .isInstanceOf(LiftoffException.class)
                .hasMessageContaining("no apps-info.json")
                .hasMessageContaining("EXPORT_DIR/APP");
    }

    @Test
    void namesTheFileWhenConfigJsonIsMissing(@TempDir Path tmp) throws Exception {
        Path app = Fixtures.copy(Fixtures.sampleExport().resolve("acme-shop"), tmp.resolve("acme-shop"));
        Files.delete(app.resolve("config.json"));
        assertThatThrownBy(() -> SecretsPush.push(new SecretsPush.Config(app, "x", moto.target(), false)))
                .isInstanceOf(LiftoffException.class)
                .hasMessageContaining("config.json: missing");
    }

    @Test
    void anUnreachableEndpointIsAnEnvironmentErrorWithoutValues(@TempDir Path tmp) {
        Path app = Fixtures.copy(Fixtures.sampleExport().resolve("acme-shop"), tmp.resolve("acme-shop"));
        var target = new AwsTarget("us-east-1", URI.create("http://127.0.0.1:9"), MotoServer.CREDENTIALS);
        assertThatThrownBy(() -> SecretsPush.push(new SecretsPush.Config(app, "x", target, false)))
                .isInstanceOf(LiftoffException.class)
                .satisfies(e -> assertThat(((LiftoffException) e).code()).isEqualTo(ErrorCode.ENVIRONMENT))
                .hasMessageStartingWith("Secrets Manager (x) failed")
                .hasMessageNotContaining("example-secret");
    }

    private static Map<String, String> stored(String id) throws Exception {
        String json = sm.getSecretValue(r -> r.secretId(id)).secretString();
        return Json.mapper()
                .readValue(
                        json,
                        new com.fasterxml.jackson.core.type.TypeReference<
                                java.util.LinkedHashMap<String, String>>() {});
    }
}
