package dev.liftoff.cli.plan;

import dev.liftoff.cli.common.JsonOutput;
import dev.liftoff.cli.common.Streams;
import dev.liftoff.plan.aws.AwsTarget;
import dev.liftoff.plan.aws.SecretsPush;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code liftoff secrets push}: a thin shell over {@link SecretsPush}. */
@Command(
        name = "push",
        mixinStandardHelpOptions = true,
        description = {
            "Write an exported app's config vars into one Secrets Manager secret.",
            "",
            "Reads config.json of one app directory of 'liftoff heroku export' and writes the",
            "vars as a JSON object of names and values into the secret, creating it or adding",
            "a new version (the previous stays as AWSPREVIOUS). Vars the new stack sets itself",
            "are left out: DATABASE_URL, REDIS_URL, REDIS_TLS_URL, HEROKU_*, and every var a",
            "Postgres, Redis or logging add-on set. Only names are printed, never values.",
            "Credentials and region come from the AWS SDK's standard chain (AWS_PROFILE,",
            "AWS_ACCESS_KEY_ID, SSO, instance and container roles; AWS_REGION) unless given.",
            ""
        },
        footer = {
            "",
            "Examples:",
            "  liftoff secrets push --heroku heroku-export/acme-shop --secret-id acme-shop/production",
            "  liftoff secrets push --heroku heroku-export/acme-shop-staging --secret-id acme-shop/staging \\",
            "      --region eu-west-1 --dry-run",
            "  liftoff secrets push --heroku heroku-export/acme-shop --secret-id acme-shop/production \\",
            "      --endpoint-url http://localhost:5000     # an emulator such as moto_server",
            "",
            "Exit codes: 0 pushed; 2 bad usage or a bad export file; 3 AWS refused or could not",
            "be reached (the call and AWS's error code are named)."
        })
public final class SecretsPushCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    JsonOutput json;

    @Option(
            names = "--heroku",
            required = true,
            paramLabel = "EXPORT_DIR/APP",
            description = "One app's directory of the export, holding config.json.")
    Path app;

    @Option(
            names = "--secret-id",
            required = true,
            paramLabel = "NAME",
            description = "The secret's name or ARN; created when it does not exist.")
    String secretId;

    @Option(names = "--region", paramLabel = "REGION", description = "The AWS region (default: the SDK's chain).")
    String region;

    @Option(
            names = "--endpoint-url",
            paramLabel = "URL",
            description = "Call this endpoint instead of AWS's (an emulator, a VPC endpoint).")
    URI endpoint;

    @Option(names = "--dry-run", description = "List what would be pushed and left out; call nothing.")
    boolean dryRun;

    @Override
    public Integer call() {
        SecretsPush.Result r =
                SecretsPush.push(new SecretsPush.Config(app, secretId, AwsTarget.standard(region, endpoint), dryRun));
        PrintStream out = Streams.of(spec.commandLine().getOut());
        if (!json.toStdout()) {
            if (dryRun) {
                out.println("dry run: would push " + r.pushed().size() + " config vars of " + r.app() + " to secret "
                        + r.secretId());
            } else {
                out.println(r.action() + " secret " + r.secretId() + " (" + r.arn() + "): "
                        + r.pushed().size() + " config vars of " + r.app());
            }
            out.println("  pushed: " + (r.pushed().isEmpty() ? "(none)" : String.join(", ", r.pushed())));
            for (SecretsPush.Skipped s : r.skipped()) {
                out.println("  left out: " + s.name() + " (" + s.reason() + ")");
            }
        }
        json.write(r, out);
        out.flush();
        return 0;
    }
}
