package dev.liftoff.cli.plan;

import dev.liftoff.cli.common.CommandGroup;
import picocli.CommandLine.Command;

/** {@code liftoff heroku}: Fetch what planning needs from the Heroku Platform API. */
@Command(
        name = "heroku",
        mixinStandardHelpOptions = true,
        synopsisSubcommandLabel = "COMMAND",
        description = "Fetch what planning needs from the Heroku Platform API.",
        footer = {"", "Example:", "  liftoff heroku export --app acme-shop --out heroku-export"},
        subcommands = {HerokuExportCommand.class})
public final class HerokuCommand extends CommandGroup {}
