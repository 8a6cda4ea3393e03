package dev.liftoff.cli.pg;

import dev.liftoff.cli.common.CommandGroup;
import picocli.CommandLine.Command;

/** {@code liftoff pg}: Copy, live-sync, verify and clean up a PostgreSQL database. */
@Command(
        name = "pg",
        hidden = true,
        mixinStandardHelpOptions = true,
        synopsisSubcommandLabel = "COMMAND",
        description = "Copy, live-sync, verify and clean up a PostgreSQL database.",
        subcommands = {})
public final class PgCommand extends CommandGroup {}
