package dev.liftoff.cli.pg;

import dev.liftoff.cli.common.CommandGroup;
import picocli.CommandLine.Command;

/** {@code liftoff pg}: Copy, live-sync, verify and clean up a PostgreSQL database. */
@Command(
        name = "pg",
        mixinStandardHelpOptions = true,
        synopsisSubcommandLabel = "COMMAND",
        description = "Copy, live-sync, verify and clean up a PostgreSQL database.",
        subcommands = {
            PgCopyCommand.class,
            PgVerifyCommand.class,
            PgSyncCommand.class,
            PgStatusCommand.class,
            PgFinishCommand.class,
            PgCleanupCommand.class
        })
public final class PgCommand extends CommandGroup {}
