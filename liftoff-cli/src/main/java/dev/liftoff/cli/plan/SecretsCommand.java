package dev.liftoff.cli.plan;

import dev.liftoff.cli.common.CommandGroup;
import picocli.CommandLine.Command;

/** {@code liftoff secrets}: Push config vars into AWS Secrets Manager. */
@Command(
        name = "secrets",
        hidden = true,
        mixinStandardHelpOptions = true,
        synopsisSubcommandLabel = "COMMAND",
        description = "Push config vars into AWS Secrets Manager.",
        subcommands = {})
public final class SecretsCommand extends CommandGroup {}
