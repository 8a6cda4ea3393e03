package dev.liftoff.cli.gateway;

import dev.liftoff.cli.common.CommandGroup;
import picocli.CommandLine.Command;

/** {@code liftoff gateway}: The cutover proxy: serve, switch modes and upstreams, watch traffic. */
@Command(
        name = "gateway",
        mixinStandardHelpOptions = true,
        synopsisSubcommandLabel = "COMMAND",
        description = {
            "The cutover proxy: hold traffic for seconds, switch the upstream, release.",
            "",
            "The cutover proxy. Put it in front of the old platform days before the move",
            "(DNS points at it); at cutover, hold traffic for seconds while the data lands,",
            "switch the upstream atomically, and release the held requests to the new one.",
        },
        footer = {
            "",
            "Example cutover:",
            "  openssl rand -hex 32 > gateway.token",
            "  liftoff gateway serve --listen :8080 --upstream https://myapp.herokuapp.com \\",
            "      --host-header upstream --admin 127.0.0.1:9090 \\",
            "      --admin-token-file gateway.token &",
            "  A='--admin http://127.0.0.1:9090 --admin-token-file gateway.token'",
            "  liftoff gateway mode hold $A",
            "  liftoff gateway wait-idle --timeout 30s $A",
            "  liftoff gateway switch --to https://app.example-aws.com $A",
            "  liftoff gateway mode pass $A",
        },
        subcommands = {
            GatewayServeCommand.class,
            GatewayModeCommand.class,
            GatewaySwitchCommand.class,
            GatewayStatusCommand.class,
            GatewayWaitIdleCommand.class
        })
public final class GatewayCommand extends CommandGroup {}
