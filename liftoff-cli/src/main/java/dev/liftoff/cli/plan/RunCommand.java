package dev.liftoff.cli.plan;

import dev.liftoff.cli.common.CommandGroup;
import picocli.CommandLine.Command;

/** {@code liftoff run}: Run a one-off command as an ECS task, as heroku run did. */
@Command(
        name = "run",
        hidden = true,
        mixinStandardHelpOptions = true,
        synopsisSubcommandLabel = "COMMAND",
        description = "Run a one-off command as an ECS task, as heroku run did.",
        subcommands = {})
public final class RunCommand extends CommandGroup {}
