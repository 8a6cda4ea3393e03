package dev.liftoff.cli.migrate;

import dev.liftoff.cli.common.JsonOutput;
import dev.liftoff.cli.common.Streams;
import dev.liftoff.core.Durations;
import dev.liftoff.core.report.TextTable;
import dev.liftoff.migrate.Migration;
import dev.liftoff.migrate.MigrationStatus;
import dev.liftoff.migrate.SyncLag;
import dev.liftoff.migrate.config.MigrateConfig;
import dev.liftoff.migrate.report.MigrationReport;
import dev.liftoff.migrate.report.PhaseLine;
import dev.liftoff.migrate.report.ReportRenderer;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code liftoff migrate status}: where the migration stands, from its journal. */
@Command(
        name = "status",
        mixinStandardHelpOptions = true,
        description = {
            "Shows each phase of the migration as its journal records it (also while 'migrate run' goes on in",
            "another terminal): status, duration, attempts, outcome, the steps the cutover took; and each sync's",
            "phase and lag, read from the servers (needs the environment variables liftoff.yaml names).",
            ""
        },
        footer = {
            "",
            "Examples:",
            "  liftoff migrate status",
            "  liftoff migrate status prod.yaml --json -",
            "",
            "Exit 0 whatever the migration's state; 2 when liftoff.yaml is invalid."
        })
public final class MigrateStatusCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ConfigFile file;

    @Mixin
    JsonOutput json;

    @Override
    public Integer call() {
        MigrateConfig config = file.load();
        MigrationStatus status = Migration.status(config, System.getenv());
        PrintStream out = Streams.of(spec.commandLine().getOut());
        if (!json.toStdout()) {
            MigrationReport report = status.journal();
            out.println(ReportRenderer.text(report));
            for (PhaseLine p : report.phases()) {
                p.notes().forEach(note -> out.println("  " + p.name() + ": " + note));
            }
            out.println();
            TextTable syncs =
                    TextTable.of("SYNC", "PHASE", "RUNNING", "LAG", "NOTE").rightAlign(3);
            for (SyncLag s : status.syncs()) {
                syncs.row(
                        s.store(),
                        s.phase(),
                        s.running() ? "yes" : "no",
                        s.lagSeconds() == null
                                ? ""
                                : Durations.human(Duration.ofMillis(Math.round(s.lagSeconds() * 1000))),
                        s.note() == null ? "" : s.note());
            }
            out.println(syncs.render());
            out.println("journal: " + config.journalFile());
        }
        json.write(status, out);
        out.flush();
        return 0;
    }
}
