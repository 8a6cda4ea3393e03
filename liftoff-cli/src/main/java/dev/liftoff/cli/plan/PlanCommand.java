package dev.liftoff.cli.plan;

import dev.liftoff.cli.common.JsonOutput;
import dev.liftoff.cli.common.Streams;
import dev.liftoff.core.report.Json;
import dev.liftoff.plan.PlanConfig;
import dev.liftoff.plan.PlanResult;
import dev.liftoff.plan.Planner;
import dev.liftoff.plan.report.PlanReport;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code liftoff plan}: a thin shell over {@link Planner}. */
@Command(
        name = "plan",
        mixinStandardHelpOptions = true,
        description = {
            "Price the Heroku apps against a right-sized AWS stack, item by item.",
            "",
            "The Heroku bill (dynos, the Eco pool, add-ons at their billed prices,",
            "autoscaling as a range) beside two AWS options: like-for-like (a Fargate task",
            "per dyno) and right-sized from the export's metrics (recommended). Fargate",
            "services, RDS, ElastiCache, the ALB, public IPv4 and NAT, Secrets Manager,",
            "CloudWatch Logs, ECR, CodePipeline and CodeBuild; every line shows its",
            "arithmetic; prices come from a dated catalog with a source per item. Config",
            "values are never read.",
            ""
        },
        footer = {
            "",
            "Examples:",
            "  liftoff heroku export --app acme-shop --app acme-shop-staging --out heroku-export",
            "  liftoff plan --heroku heroku-export",
            "  liftoff plan --heroku heroku-export --repo . --region eu-west-1 --arch arm \\",
            "      --markdown plan.md --json plan.json",
            "  liftoff plan --heroku heroku-export --prices AmazonECS-us-east-1.json --prices my-prices.json",
            "",
            "--prices takes liftoff's format ({\"dated\": ..., \"prices\": [{\"key\": ..., \"usd\": ...}]};",
            "keys as in the report's 'Prices used') or an AWS Price List region file",
            "(https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws/AmazonECS/current/us-east-1/index.json).",
            "",
            "Exit codes: 0 priced; 2 bad usage or a bad export file (named with its field);",
            "3 a file cannot be read or written."
        })
public final class PlanCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    JsonOutput json;

    @Mixin
    PricingOptions pricing;

    @Option(
            names = "--repo",
            paramLabel = "APP_DIR",
            description = "The app's source tree, to check its Procfile against the formation.")
    Path repo;

    @Option(names = "--markdown", paramLabel = "FILE", description = "Also write the report as Markdown to FILE.")
    Path markdown;

    @Override
    public Integer call() {
        PlanResult result = Planner.plan(
                new PlanConfig(pricing.heroku, repo, pricing.region, pricing.prices, pricing.arch, pricing.network));
        PrintStream out = Streams.of(spec.commandLine().getOut());
        if (!json.toStdout()) {
            out.print(PlanReport.text(result));
        }
        if (markdown != null) {
            Json.writeString(markdown, PlanReport.markdown(result));
        }
        json.write(result, out);
        out.flush();
        return 0;
    }
}
