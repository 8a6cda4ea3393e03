package dev.liftoff.cli.migrate;

import dev.liftoff.cli.common.CommandGroup;
import picocli.CommandLine.Command;

/** {@code liftoff migrate}: The whole move as one resumable runbook. */
@Command(
        name = "migrate",
        hidden = true,
        mixinStandardHelpOptions = true,
        synopsisSubcommandLabel = "COMMAND",
        description = "The whole move as one resumable runbook.",
        subcommands = {})
public final class MigrateCommand extends CommandGroup {}
