package dev.liftoff.cli.plan;

import dev.liftoff.plan.PlanConfig;
import dev.liftoff.plan.sizing.Arch;
import dev.liftoff.plan.sizing.Network;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** What `plan` prices and `generate` sizes from: the export, the region, price overrides, architecture and network. */
final class PricingOptions {
    @Option(
            names = "--heroku",
            required = true,
            paramLabel = "EXPORT_DIR",
            description = "The export: one directory per app ('liftoff heroku export' writes it).")
    Path heroku;

    @Option(
            names = "--region",
            paramLabel = "REGION",
            description = "The AWS region to move to (default: ${DEFAULT-VALUE}).")
    String region = PlanConfig.DEFAULT_REGION;

    @Option(
            names = "--prices",
            paramLabel = "FILE",
            description = "Prices laid over the bundled catalog, in order (repeatable): liftoff's JSON format or an"
                    + " AWS Price List region file.")
    List<Path> prices = new ArrayList<>();

    @Option(
            names = "--arch",
            paramLabel = "x86|arm",
            description = "CPU architecture of the tasks (default: x86); arm (Graviton) costs about 20%% less.")
    Arch arch = Arch.X86;

    @Option(
            names = "--network",
            paramLabel = "public|private",
            description = "public: tasks in public subnets with public IPv4, no NAT (default); private: a NAT"
                    + " gateway per AZ.")
    Network network = Network.PUBLIC;
}
