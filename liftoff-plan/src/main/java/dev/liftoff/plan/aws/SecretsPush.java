package dev.liftoff.plan.aws;

import dev.liftoff.core.LiftoffException;
import dev.liftoff.core.report.Json;
import dev.liftoff.plan.heroku.ConfigVars;
import dev.liftoff.plan.heroku.HerokuApp;
import dev.liftoff.plan.heroku.HerokuExport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

/**
 * Writes one exported app's config vars into a Secrets Manager secret as a JSON object of names and values, which the
 * generated task definitions reference key by key. Vars the new stack sets itself (add-on URLs, {@code HEROKU_*}) stay
 * out. Values go only into the request body; results and errors carry names. Blocking; stateless.
 */
public final class SecretsPush {
    private SecretsPush() {}

    /**
     * What to push.
     *
     * @param appDir one app's directory of a {@code liftoff heroku export}
     * @param secretId the secret's name or ARN; created when missing
     * @param target region, endpoint and credentials
     * @param dryRun list what would be pushed without calling AWS
     */
    public record Config(Path appDir, String secretId, AwsTarget target, boolean dryRun) {
        public Config {
            Objects.requireNonNull(appDir, "appDir");
            Objects.requireNonNull(target, "target");
            if (secretId == null || secretId.isBlank()) {
                throw LiftoffException.usage("--secret-id: give the secret's name, such as acme-shop/production");
            }
        }
    }

    /** A var kept out of the secret, and why. */
    public record Skipped(String name, String reason) {}

    /**
     * What was pushed: names only.
     *
     * @param secretId as given
     * @param arn the secret's ARN, or empty on a dry run
     * @param action {@code created}, {@code updated} or {@code dry-run}
     * @param versionId the new version, or empty
     * @param pushed the names written into the secret
     * @param skipped the names left out, with the reason
     */
    public record Result(
            String app,
            String secretId,
            String arn,
            String action,
            String versionId,
            List<String> pushed,
            List<Skipped> skipped) {}

    public static Result push(Config config) {
        Path dir = config.appDir();
        if (!Files.isDirectory(dir)) {
            throw LiftoffException.usage("--heroku " + dir + ": not a directory; give one app's directory of the"
                    + " export, such as heroku-export/acme-shop");
        }
        if (!Files.exists(dir.resolve(HerokuExport.APPS_INFO))) {
            throw LiftoffException.usage("--heroku " + dir + ": no " + HerokuExport.APPS_INFO + "; give one app's"
                    + " directory of the export (EXPORT_DIR/APP), not the export itself");
        }
        HerokuApp app = HerokuExport.readApp(dir);
        ConfigVars vars = ConfigVars.load(dir);
        List<String> pushed = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        Set<String> leftOut = new LinkedHashSet<>();
        for (String name : vars.names()) {
            if (app.replacedByStack(name)) {
                leftOut.add(name);
                skipped.add(new Skipped(name, reason(app, name)));
            } else {
                pushed.add(name);
            }
        }
        if (config.dryRun()) {
            return new Result(app.name(), config.secretId(), "", "dry-run", "", pushed, skipped);
        }
        String body = Json.toJson(vars.without(leftOut).values());
        try (SecretsManagerClient sm = config.target().build(SecretsManagerClient.builder(), Duration.ofSeconds(60))) {
            boolean exists;
            try {
                sm.describeSecret(r -> r.secretId(config.secretId()));
                exists = true;
            } catch (ResourceNotFoundException e) {
                exists = false;
            }
            if (exists) {
                var r = sm.putSecretValue(b -> b.secretId(config.secretId()).secretString(body));
                return new Result(app.name(), config.secretId(), r.arn(), "updated", r.versionId(), pushed, skipped);
            }
            var r = sm.createSecret(b -> b.name(config.secretId())
                    .description("Config vars of Heroku app " + app.name() + ", pushed by liftoff secrets push")
                    .secretString(body));
            return new Result(app.name(), config.secretId(), r.arn(), "created", r.versionId(), pushed, skipped);
        } catch (SdkException e) {
            throw AwsErrors.of("Secrets Manager (" + config.secretId() + ")", e);
        }
    }

    private static String reason(HerokuApp app, String name) {
        if (name.startsWith("HEROKU_")
                && app.addons().stream().noneMatch(a -> a.configVars().contains(name))) {
            return "Heroku's own";
        }
        return app.addons().stream()
                .filter(a -> a.configVars().contains(name))
                .findFirst()
                .map(a -> "set by " + a.service() + " (" + a.name() + "); the new stack sets its own")
                .orElse("an add-on URL the new stack sets itself");
    }
}
