package dev.liftoff.cli.demo;

import dev.liftoff.cli.common.JsonOutput;
import dev.liftoff.cli.common.Streams;
import dev.liftoff.core.Durations;
import dev.liftoff.core.LiftoffException;
import dev.liftoff.core.Rate;
import dev.liftoff.migrate.demo.Demo;
import dev.liftoff.migrate.demo.DemoConfig;
import dev.liftoff.migrate.demo.DemoResult;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code liftoff demo}: a thin shell over {@link Demo}. */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = {
            "Rehearse a whole move on embedded servers, under live traffic, and check every write.",
            "",
            "Rehearses a whole move on this machine under live traffic. Starts an \"old\"",
            "and a \"new\" platform (embedded PostgreSQL 15 and Redis each; nothing to",
            "install but pg_dump), a sample app on each (web process writing orders to",
            "PostgreSQL and caching them in Redis, worker consuming a Redis queue), the",
            "gateway in front of the old one, and steady writes through it that record",
            "every acknowledgement. Runs the runbook of 'liftoff migrate run' while the",
            "writes flow, then checks every acknowledged write on the new platform: none",
            "lost, none duplicated, and how long writes stalled. Prints each phase as it",
            "goes and the figures at the end, writes an HTML report, and removes every",
            "server it started.",
            ""
        },
        footer = {
            "",
            "Examples:",
            "  liftoff demo",
            "  liftoff demo --json demo.json --report demo.html",
            "  liftoff demo --rows 200000 --rate 200/s",
            "",
            "Exit 0 when every check passed; 1 when one failed (a write lost or duplicated,",
            "downtime over --max-downtime, the migration stopped); 3 when pg_dump is missing",
            "or a server cannot start."
        })
public final class DemoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    JsonOutput json;

    @Option(
            names = "--rows",
            paramLabel = "N",
            defaultValue = "50000",
            description = "Orders the old platform holds before traffic starts (default: ${DEFAULT-VALUE}).")
    long rows;

    @Option(
            names = "--rate",
            paramLabel = "N/s",
            defaultValue = "100/s",
            description = "Writes per second through the gateway (default: ${DEFAULT-VALUE}).")
    String rate;

    @Option(
            names = "--max-downtime",
            paramLabel = "DURATION",
            defaultValue = "2s",
            description = "The longest gap between acknowledged writes that passes (default: ${DEFAULT-VALUE}).")
    String maxDowntime;

    @Option(
            names = "--report",
            paramLabel = "FILE",
            defaultValue = "liftoff-report-demo.html",
            description = "Where the HTML report goes (default: ${DEFAULT-VALUE}).")
    Path report;

    @Override
    public Integer call() {
        DemoConfig config = DemoConfig.defaults()
                .withRows(rows)
                .withRate(Rate.parse(rate, "--rate").perSecond())
                .withMaxDowntime(Durations.parse(maxDowntime, "--max-downtime"))
                .withHtmlReport(report);
        PrintStream out = Streams.of(spec.commandLine().getOut());
        PrintStream err = Streams.of(spec.commandLine().getErr());
        // With --json - the JSON owns stdout; the progress goes to stderr.
        PrintStream lines = json.toStdout() ? err : out;
        lines.println("liftoff demo: a move from an old platform to a new one, rehearsed under live traffic");
        DemoResult result = Demo.run(config, lines);
        lines.println();
        lines.println("== result");
        lines.printf(Locale.ROOT, "   writes_total       %,d%n", result.writesTotal());
        lines.printf(Locale.ROOT, "   lost_writes        %,d%n", result.lostWrites());
        lines.printf(Locale.ROOT, "   duplicate_writes   %,d%n", result.duplicateWrites());
        lines.printf(Locale.ROOT, "   write_downtime_ms  %,d%n", result.writeDowntimeMs());
        if (result.writeFreezeMs() != null) {
            lines.printf(Locale.ROOT, "   gateway hold       %,d ms%n", result.writeFreezeMs());
        }
        for (DemoResult.Phase p : result.phases()) {
            lines.printf(Locale.ROOT, "   %-38s %7.1fs%n", p.name(), p.seconds());
        }
        for (DemoResult.Check c : result.checks()) {
            lines.printf(Locale.ROOT, "   %s %s: %s%n", c.passed() ? "ok  " : "FAIL", c.name(), c.detail());
        }
        lines.printf(
                Locale.ROOT,
                "%s in %.1fs; report: %s; every server stopped and removed%n",
                result.ok() ? "all checks passed" : "CHECKS FAILED",
                result.durationSeconds(),
                report);
        json.write(result, out);
        out.flush();
        lines.flush();
        if (!result.ok()) {
            String failed = result.checks().stream()
                    .filter(c -> !c.passed())
                    .map(c -> c.name() + " (" + c.detail() + ")")
                    .reduce((a, b) -> a + "; " + b)
                    .orElse("");
            throw LiftoffException.checkFailed("the demo's checks failed: " + failed);
        }
        return 0;
    }
}
