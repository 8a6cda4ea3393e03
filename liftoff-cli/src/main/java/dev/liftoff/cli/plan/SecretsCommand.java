package dev.liftoff.cli.plan;

import dev.liftoff.cli.common.CommandGroup;
import picocli.CommandLine.Command;

/** {@code liftoff secrets}: Push config vars into AWS Secrets Manager. */
@Command(
        name = "secrets",
        mixinStandardHelpOptions = true,
        synopsisSubcommandLabel = "COMMAND",
        description = "Push an exported app's config vars into AWS Secrets Manager.",
        footer = {
            "",
            "Example:",
            "  liftoff secrets push --heroku heroku-export/acme-shop --secret-id acme-shop/production"
        },
        subcommands = {SecretsPushCommand.class})
public final class SecretsCommand extends CommandGroup {}
