package dev.liftoff.cli.loadtest;

import dev.liftoff.cli.common.CommandGroup;
import picocli.CommandLine.Command;

/** {@code liftoff loadtest}: Replay recorded traffic at a target rate and gate on SLOs. */
@Command(
        name = "loadtest",
        mixinStandardHelpOptions = true,
        synopsisSubcommandLabel = "COMMAND",
        description = "Replay recorded traffic at a target rate and gate on SLOs.",
        footer = {
            "",
            "Examples:",
            "  liftoff loadtest run --url http://127.0.0.1:8080/ --connections 32 \\",
            "      --duration 30s",
            "  liftoff loadtest run homepage.har --base-url https://staging.example.com \\",
            "      --rate 200/s --duration 5m --slo 'p95<300ms,errors<1%%' --report load.html",
            "  liftoff loadtest run homepage.har --rate 3x --heroku export/acme-shop \\",
            "      --duration 10m",
            "  liftoff loadtest export homepage.har --format jmx --out plan.jmx --rate 200/s"
        },
        subcommands = {LoadtestRunCommand.class, LoadtestExportCommand.class})
public final class LoadtestCommand extends CommandGroup {}
