package dev.liftoff.cli.demo;

import dev.liftoff.cli.common.CommandGroup;
import picocli.CommandLine.Command;

/** {@code liftoff demo}: Rehearse the whole migration on embedded servers under live traffic. */
@Command(
        name = "demo",
        hidden = true,
        mixinStandardHelpOptions = true,
        synopsisSubcommandLabel = "COMMAND",
        description = "Rehearse the whole migration on embedded servers under live traffic.",
        subcommands = {})
public final class DemoCommand extends CommandGroup {}
