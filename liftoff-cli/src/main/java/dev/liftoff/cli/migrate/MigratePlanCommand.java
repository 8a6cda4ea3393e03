package dev.liftoff.cli.migrate;

import dev.liftoff.cli.common.JsonOutput;
import dev.liftoff.cli.common.Streams;
import dev.liftoff.core.LiftoffException;
import dev.liftoff.core.report.TextTable;
import dev.liftoff.migrate.Migration;
import dev.liftoff.migrate.MigrationPlan;
import dev.liftoff.migrate.config.MigrateConfig;
import dev.liftoff.migrate.preflight.Finding;
import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code liftoff migrate plan}: the steps and preflight findings, changing nothing. */
@Command(
        name = "plan",
        mixinStandardHelpOptions = true,
        description = {
            "Prints the steps 'migrate run' would take (and where it would resume, after an earlier run) and every",
            "preflight finding: endpoints reachable, source and target distinct, target empty, extensions, pg_dump,",
            "the gateway's admin API. Connects to everything, writes nothing.",
            ""
        },
        footer = {
            "",
            "Examples:",
            "  liftoff migrate plan",
            "  liftoff migrate plan staging.yaml --json plan.json",
            "",
            "Exit 0 nothing blocks the migration, 1 a preflight finding blocks it, 2 liftoff.yaml is invalid."
        })
public final class MigratePlanCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ConfigFile file;

    @Mixin
    JsonOutput json;

    @Override
    public Integer call() {
        MigrateConfig config = file.load();
        MigrationPlan plan = Migration.plan(config, System.getenv());
        PrintStream out = Streams.of(spec.commandLine().getOut());
        if (!json.toStdout()) {
            print(plan, out);
        }
        json.write(plan, out);
        out.flush();
        long blockers = plan.findings().stream()
                .filter(f -> f.severity() == Finding.Severity.BLOCKER)
                .count();
        if (blockers > 0) {
            throw LiftoffException.checkFailed("preflight found " + blockers + " blocker" + (blockers == 1 ? "" : "s")
                    + "; fix the findings marked blocker and run plan again");
        }
        return 0;
    }

    static void print(MigrationPlan plan, PrintStream out) {
        TextTable steps = TextTable.of("#", "STEP", "STATUS", "WHAT IT DOES").rightAlign(0);
        int n = 1;
        for (MigrationPlan.Step s : plan.steps()) {
            steps.row(n++, s.name(), s.status(), s.description());
        }
        out.println(steps.render());
        out.println(
                plan.resumeAt() == null
                        ? "a run starts at the first step"
                        : "the journal shows an earlier run; a run resumes at " + plan.resumeAt());
        out.println();
        TextTable findings = TextTable.of("CHECK", "RESULT", "FINDING");
        for (Finding f : plan.findings()) {
            findings.row(f.check(), f.severity().name().toLowerCase(Locale.ROOT), f.message());
        }
        out.println(findings.render());
    }
}
