package dev.liftoff.cli.plan;

import dev.liftoff.cli.common.CommandGroup;
import picocli.CommandLine.Command;

/** {@code liftoff heroku}: Fetch what planning needs from the Heroku Platform API. */
@Command(
        name = "heroku",
        hidden = true,
        mixinStandardHelpOptions = true,
        synopsisSubcommandLabel = "COMMAND",
        description = "Fetch what planning needs from the Heroku Platform API.",
        subcommands = {})
public final class HerokuCommand extends CommandGroup {}
