package dev.liftoff.cli.loadtest;

import dev.liftoff.cli.common.CommandGroup;
import picocli.CommandLine.Command;

/** {@code liftoff loadtest}: Replay recorded traffic at a target rate and gate on SLOs. */
@Command(
        name = "loadtest",
        hidden = true,
        mixinStandardHelpOptions = true,
        synopsisSubcommandLabel = "COMMAND",
        description = "Replay recorded traffic at a target rate and gate on SLOs.",
        subcommands = {})
public final class LoadtestCommand extends CommandGroup {}
