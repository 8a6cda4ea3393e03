package dev.liftoff.cli.gateway;

import dev.liftoff.cli.common.CommandGroup;
import picocli.CommandLine.Command;

/** {@code liftoff gateway}: The cutover proxy: serve, switch modes and upstreams, watch traffic. */
@Command(
        name = "gateway",
        hidden = true,
        mixinStandardHelpOptions = true,
        synopsisSubcommandLabel = "COMMAND",
        description = "The cutover proxy: serve, switch modes and upstreams, watch traffic.",
        subcommands = {})
public final class GatewayCommand extends CommandGroup {}
