package dev.liftoff.cli.plan;

import dev.liftoff.cli.common.CommandGroup;
import picocli.CommandLine.Command;

/** {@code liftoff generate}: Write Dockerfiles, a compose file and CloudFormation for the app. */
@Command(
        name = "generate",
        hidden = true,
        mixinStandardHelpOptions = true,
        synopsisSubcommandLabel = "COMMAND",
        description = "Write Dockerfiles, a compose file and CloudFormation for the app.",
        subcommands = {})
public final class GenerateCommand extends CommandGroup {}
