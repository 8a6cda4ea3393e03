package dev.liftoff.cli;

import dev.liftoff.cli.demo.DemoCommand;
import dev.liftoff.cli.gateway.GatewayCommand;
import dev.liftoff.cli.loadtest.LoadtestCommand;
import dev.liftoff.cli.migrate.MigrateCommand;
import dev.liftoff.cli.pg.PgCommand;
import dev.liftoff.cli.plan.GenerateCommand;
import dev.liftoff.cli.plan.HerokuCommand;
import dev.liftoff.cli.plan.PlanCommand;
import dev.liftoff.cli.plan.RunCommand;
import dev.liftoff.cli.plan.SecretsCommand;
import dev.liftoff.cli.redis.RedisCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** The root command: global options and the list of command families. */
@Command(
        name = "liftoff",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        synopsisSubcommandLabel = "COMMAND",
        description = {
            "Moves a Heroku-style application onto AWS containers and proves every step:",
            "prices the move, writes the infrastructure, copies and live-syncs PostgreSQL and Redis,",
            "load-tests the new stack and cuts traffic over with seconds of write downtime.",
            ""
        },
        footer = {
            "",
            "Start with:  liftoff demo            (a full rehearsal on embedded servers)",
            "Exit codes:  0 ok, 1 a check failed, 2 usage error, 3 environment error, 4 internal error"
        },
        subcommands = {
            DemoCommand.class,
            PlanCommand.class,
            HerokuCommand.class,
            GenerateCommand.class,
            SecretsCommand.class,
            RunCommand.class,
            PgCommand.class,
            RedisCommand.class,
            GatewayCommand.class,
            LoadtestCommand.class,
            MigrateCommand.class,
            CommandLine.HelpCommand.class
        })
public final class LiftoffCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Option(
            names = "--verbose",
            scope = ScopeType.INHERIT,
            description = "Show stack traces and debug detail on failure.")
    boolean verbose;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command");
    }

    static boolean verbose(CommandLine anyCommand) {
        CommandLine root = anyCommand;
        while (root.getParent() != null) {
            root = root.getParent();
        }
        return root.getCommand() instanceof LiftoffCommand cmd && cmd.verbose;
    }
}
