package dev.liftoff.cli.plan;

import dev.liftoff.cli.common.JsonOutput;
import dev.liftoff.cli.common.Streams;
import dev.liftoff.plan.GenerateConfig;
import dev.liftoff.plan.GenerateResult;
import dev.liftoff.plan.Generator;
import dev.liftoff.plan.generate.Language;
import dev.liftoff.plan.pricing.Money;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code liftoff generate}: a thin shell over {@link Generator}. */
@Command(
        name = "generate",
        mixinStandardHelpOptions = true,
        description = {
            "Write the AWS stack as code: Dockerfiles, a compose file, CloudFormation, a buildspec.",
            "",
            "Into --out: docker/<process>/Dockerfile for each Procfile process that runs dynos",
            "(multi-stage, non-root, base images pinned to exact version tags) and .dockerignore;",
            "docker-compose.yml with PostgreSQL and Valkey (Redis) to run it locally;",
            "cloudformation/production.yaml and staging.yaml (VPC over two AZs, ECR, ECS",
            "Fargate services with autoscaling, a release task, ALB with HTTPS, RDS",
            "PostgreSQL, ElastiCache, Secrets Manager, logs, alarms, a dashboard, CodePipeline",
            "and CodeBuild on GitHub pushes) sized by 'liftoff plan's right-sized option;",
            "buildspec.yml; and README.md with the deploy order and commands.",
            "No config value is ever written: tasks read them from Secrets Manager.",
            ""
        },
        footer = {
            "",
            "Examples:",
            "  liftoff generate --heroku heroku-export --repo . --out deploy",
            "  liftoff generate --heroku heroku-export --repo ~/src/shop --out ~/src/shop/deploy \\",
            "      --region eu-west-1 --domain shop.example.com --arch arm --network private",
            "  liftoff generate --heroku heroku-export --repo . --out deploy --stack python",
            "",
            "The stack is detected as Heroku's buildpacks do (package.json, pom.xml,",
            "build.gradle, requirements.txt/pyproject.toml, Gemfile, go.mod); --stack picks",
            "it when the tree has none or several. Files are rewritten on every run.",
            "",
            "Exit codes: 0 written; 2 bad usage or input (no web in the Procfile, stack not",
            "detected, unknown region, a bad export file); 3 a file cannot be read or written."
        })
public final class GenerateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    JsonOutput json;

    @Mixin
    PricingOptions pricing;

    @Option(
            names = "--repo",
            required = true,
            paramLabel = "APP_DIR",
            description = "The app's source tree: its Procfile and build files.")
    Path repo;

    @Option(
            names = "--out",
            required = true,
            paramLabel = "DIR",
            description = "Where to write, e.g. APP_DIR/deploy (not APP_DIR itself).")
    Path out;

    @Option(
            names = "--domain",
            paramLabel = "NAME",
            description = "The site's domain for the certificate (staging gets staging.NAME); without it, a"
                    + " template parameter.")
    String domain;

    @Option(
            names = "--stack",
            paramLabel = "node|java|python|ruby|go",
            description = "The app's stack when it cannot be detected (its build tool still is).")
    Language stack;

    @Override
    public Integer call() {
        GenerateResult result = Generator.generate(new GenerateConfig(
                pricing.heroku,
                repo,
                out,
                pricing.region,
                domain,
                pricing.arch,
                stack,
                pricing.network,
                pricing.prices));
        PrintStream stdout = Streams.of(spec.commandLine().getOut());
        if (!json.toStdout()) {
            stdout.println("Stack: " + result.stack());
            stdout.println("Sized from the plan's right-sized option (" + Money.format(result.awsMonthlyUsd())
                    + " a month); environments: " + String.join(", ", result.environments()) + ".");
            stdout.println("Wrote " + result.files().size() + " files to " + result.out() + ":");
            result.files().forEach(f -> stdout.println("  " + f));
            if (!result.notes().isEmpty()) {
                stdout.println("Notes:");
                result.notes().forEach(n -> stdout.println("  - " + n));
            }
            stdout.println(
                    "Next: the deploy order and commands are in " + result.out().resolve("README.md") + ".");
        }
        json.write(result, stdout);
        stdout.flush();
        return 0;
    }
}
