package dev.liftoff.cli.migrate;

import dev.liftoff.cli.common.JsonOutput;
import dev.liftoff.cli.common.Streams;
import dev.liftoff.migrate.Migration;
import dev.liftoff.migrate.config.MigrateConfig;
import dev.liftoff.migrate.report.MigrationReport;
import dev.liftoff.migrate.report.ReportRenderer;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code liftoff migrate run}: the whole runbook, resumable. */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = {
            "Runs the migration: preflight, PostgreSQL sync (capture, one-snapshot copy, live apply), Redis sync,",
            "load test (when configured), cutover (freeze writes at the gateway, wait for in-flight requests, finish",
            "both syncs, verify, switch, release) and post-verify. Every step is journaled; run it again after a",
            "crash or a refusal and it resumes at the step it was in. If the lag, the freeze or the verify would",
            "break the cutover policy, it releases the freeze back to the old platform and says why.",
            "The report goes to liftoff.report.json and liftoff.report.html beside liftoff.yaml.",
            ""
        },
        footer = {
            "",
            "Examples:",
            "  liftoff migrate plan && liftoff migrate run",
            "  liftoff migrate run prod.yaml --json result.json",
            "",
            "Exit 0 moved, 1 a check or the policy stopped it (the reason is printed; traffic stays on the old",
            "platform), 2 liftoff.yaml is invalid, 3 a server or the gateway is unreachable."
        })
public final class MigrateRunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ConfigFile file;

    @Mixin
    JsonOutput json;

    @Override
    public Integer call() {
        MigrateConfig config = file.load();
        PrintStream out = Streams.of(spec.commandLine().getOut());
        PrintStream err = Streams.of(spec.commandLine().getErr());
        MigrationReport report = Migration.run(config, System.getenv(), err::println, err);
        if (!json.toStdout()) {
            out.println(ReportRenderer.text(report));
            out.println("report: " + config.reportFile("html"));
        }
        json.write(report, out);
        out.flush();
        return 0;
    }
}
