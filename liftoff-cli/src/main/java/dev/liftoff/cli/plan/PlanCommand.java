package dev.liftoff.cli.plan;

import dev.liftoff.cli.common.CommandGroup;
import picocli.CommandLine.Command;

/** {@code liftoff plan}: Price Heroku against a right-sized AWS stack, item by item. */
@Command(
        name = "plan",
        hidden = true,
        mixinStandardHelpOptions = true,
        synopsisSubcommandLabel = "COMMAND",
        description = "Price Heroku against a right-sized AWS stack, item by item.",
        subcommands = {})
public final class PlanCommand extends CommandGroup {}
