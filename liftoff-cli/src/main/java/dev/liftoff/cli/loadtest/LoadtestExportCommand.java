package dev.liftoff.cli.loadtest;

import dev.liftoff.cli.common.JsonOutput;
import dev.liftoff.cli.common.Streams;
import dev.liftoff.core.Durations;
import dev.liftoff.core.LiftoffException;
import dev.liftoff.core.Rate;
import dev.liftoff.loadtest.ExportConfig;
import dev.liftoff.loadtest.ExportResult;
import dev.liftoff.loadtest.HerokuPeak;
import dev.liftoff.loadtest.LoadTest;
import dev.liftoff.loadtest.scenario.Scenarios;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code liftoff loadtest export}: a scenario as a JMeter plan, for loads beyond one machine. */
@Command(
        name = "export",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "Writes a scenario as a JMeter 5.x test plan (HTTP samplers with headers, bodies, timers and"
                + " extractors), to run the same load on a JMeter cluster or AWS's Distributed Load Testing.",
        footer = {
            "",
            "Examples:",
            "  liftoff loadtest export homepage.har --format jmx --out homepage.jmx",
            "  liftoff loadtest export checkout.yaml --format jmx --out checkout.jmx \\",
            "      --rate 200/s --connections 100 --duration 10m \\",
            "      --base-url https://staging.example.com",
            "  liftoff loadtest export homepage.har --format jmx --out homepage.jmx \\",
            "      --rate 3x --heroku export/acme-shop --connections 200"
        })
public final class LoadtestExportCommand implements Callable<Integer> {
    /** Export formats. */
    enum Format {
        JMX
    }

    @Spec
    CommandSpec spec;

    @Mixin
    ScenarioArgs scenario;

    @Option(names = "--format", required = true, paramLabel = "FORMAT", description = "Output format: jmx.")
    Format format;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the plan.")
    Path out;

    @Option(
            names = "--rate",
            paramLabel = "RATE",
            description = "Pace all threads together to this many sessions per second (a Constant Throughput Timer),"
                    + " or a multiple of the app's recorded peak with --heroku (3x).")
    String rate;

    @Option(
            names = "--heroku",
            paramLabel = "EXPORT_DIR/APP",
            description = "With --rate Nx: read the app's peak requests/s from this Heroku export (metrics.json).")
    Path heroku;

    @Option(
            names = "--connections",
            paramLabel = "N",
            description = "JMeter threads (default: the source plan's, else " + ExportConfig.DEFAULT_THREADS + ").")
    Integer connections;

    @Option(names = "--duration", paramLabel = "DURATION", description = "How long the plan runs (default 10m).")
    String duration = "10m";

    @Option(names = "--ramp", paramLabel = "DURATION", description = "Thread ramp-up time (default 0s).")
    String ramp = "0s";

    @Mixin
    JsonOutput json;

    @Override
    public Integer call() {
        PrintStream stdout = Streams.of(spec.commandLine().getOut());
        PrintStream stderr = Streams.of(spec.commandLine().getErr());
        OptionalDouble perSecond = OptionalDouble.empty();
        String relative = rate == null ? "" : rate.strip().toLowerCase(Locale.ROOT);
        if (relative.matches("\\d+(\\.\\d+)?x")) {
            if (heroku == null) {
                throw LiftoffException.usage("--rate " + rate
                        + " is relative to the recorded peak: add --heroku EXPORT_DIR/APP, or give a rate like 100/s");
            }
            double multiple = Double.parseDouble(relative.substring(0, relative.length() - 1));
            if (multiple <= 0) {
                throw LiftoffException.usage("--rate: '" + rate + "' must be more than 0x");
            }
            // The peak is in requests/s and JMeter paces sessions (passes through the plan): divide by the plan's size.
            double peak = HerokuPeak.requestsPerSecond(heroku);
            int perSession = (scenario.file().isPresent()
                            ? Scenarios.load(scenario.file().get(), scenario.imports())
                            : Scenarios.url(scenario.url().orElse(""), scenario.imports()))
                    .steps()
                    .size();
            perSecond = OptionalDouble.of(multiple * peak / perSession);
            stderr.println("loadtest export: " + relative + " the peak of "
                    + Rate.human(peak).replace("/s", " requests/s") + " in " + heroku.resolve("metrics.json") + ", at "
                    + perSession + " request(s) per session");
        } else if (heroku != null) {
            throw LiftoffException.usage("--heroku goes with a relative rate such as --rate 3x");
        } else if (rate != null) {
            double r = Rate.parse(rate, "--rate").perSecond();
            if (r <= 0) {
                throw LiftoffException.usage("--rate: '" + rate + "' must be more than 0/s");
            }
            perSecond = OptionalDouble.of(r);
        }
        Duration d = Durations.parse(duration, "--duration");
        ExportResult result = LoadTest.export(new ExportConfig(
                scenario.file(),
                scenario.url(),
                scenario.imports(),
                out,
                connections == null ? OptionalInt.empty() : OptionalInt.of(connections),
                perSecond,
                d,
                Durations.parse(ramp, "--ramp")));
        PrintStream human = json.toStdout() ? stderr : stdout;
        result.warnings().forEach(w -> stderr.println("loadtest export: warning: " + w));
        human.println("wrote " + result.file() + ": " + result.samplers() + " HTTP sampler(s), " + result.threads()
                + " thread(s)"
                + (result.sessionsPerSecond() == null
                        ? ""
                        : ", paced to " + Rate.human(result.sessionsPerSecond()).replace("/s", " sessions/s"))
                + ", " + Durations.human(d));
        json.write(result, stdout);
        return 0;
    }
}
