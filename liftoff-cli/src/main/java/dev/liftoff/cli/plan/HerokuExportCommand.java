package dev.liftoff.cli.plan;

import dev.liftoff.cli.common.JsonOutput;
import dev.liftoff.cli.common.Streams;
import dev.liftoff.core.Durations;
import dev.liftoff.plan.heroku.ApiKey;
import dev.liftoff.plan.heroku.ExportConfig;
import dev.liftoff.plan.heroku.ExportResult;
import dev.liftoff.plan.heroku.HerokuExporter;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code liftoff heroku export}: a thin shell over {@link HerokuExporter}. */
@Command(
        name = "export",
        mixinStandardHelpOptions = true,
        description = {
            "Export what planning needs from the Heroku Platform API.",
            "",
            "Writes what 'liftoff plan' and 'liftoff generate' read, one directory per app:",
            "app info, formation, add-ons with their plans and billed prices, dyno sizes",
            "with their costs, config vars (names and values, in config.json only, readable",
            "by you alone: 'liftoff secrets push' reads them), and from Heroku's metrics API",
            "where the account has it, web autoscaling and p95 load, memory, peak request",
            "rate and latency over the window. The key comes from HEROKU_API_KEY, else from",
            "~/.netrc ('heroku login').",
            ""
        },
        footer = {
            "",
            "Examples:",
            "  liftoff heroku export --app acme-shop --out heroku-export",
            "  HEROKU_API_KEY=$(heroku auth:token) liftoff heroku export \\",
            "      --app acme-shop --app acme-shop-staging --out heroku-export --metrics-window 3d",
            "",
            "Exit codes: 0 written; 2 bad usage or no key; 3 the API refused or could not be",
            "reached (the request and the HTTP status are named)."
        })
public final class HerokuExportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    JsonOutput json;

    @Option(
            names = "--app",
            required = true,
            paramLabel = "NAME",
            description = "A Heroku app to export (repeatable: production and staging).")
    List<String> apps = new ArrayList<>();

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where the app directories go.")
    Path out;

    @Option(names = "--api-url", paramLabel = "URL", description = "The Platform API (default: ${DEFAULT-VALUE}).")
    URI apiUrl = ExportConfig.DEFAULT_API_URL;

    @Option(
            names = "--metrics-url",
            paramLabel = "URL",
            description = "Heroku's metrics API, for autoscaling and utilization (default: ${DEFAULT-VALUE}).")
    URI metricsUrl = ExportConfig.DEFAULT_METRICS_URL;

    @Option(
            names = "--metrics-window",
            paramLabel = "DURATION",
            description = "How far back to read utilization (default: 7d; Heroku keeps less for some dyno types).")
    String metricsWindow = "7d";

    @Override
    public Integer call() {
        ApiKey key = ApiKey.fromEnvironment(System.getenv(), Path.of(System.getProperty("user.home")));
        ExportConfig config = new ExportConfig(
                apps, out, apiUrl, metricsUrl, key, Durations.parse(metricsWindow, "--metrics-window"), null);
        ExportResult result = HerokuExporter.export(config);
        PrintStream o = Streams.of(spec.commandLine().getOut());
        if (!json.toStdout()) {
            for (ExportResult.App app : result.apps()) {
                o.println("exported " + app.app() + " to " + app.directory() + ": " + String.join(", ", app.files())
                        + " (" + app.configVars() + " config vars, values in config.json only)");
                app.notes().forEach(n -> o.println("  note: " + n));
            }
            o.println("next: liftoff plan --heroku " + out);
        }
        json.write(result, o);
        o.flush();
        return 0;
    }
}
