package dev.liftoff.plan;

import dev.liftoff.core.LiftoffException;
import dev.liftoff.plan.aws.AwsRegions;
import dev.liftoff.plan.sizing.Arch;
import dev.liftoff.plan.sizing.Network;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What {@link Planner#plan} prices.
 *
 * @param herokuExport the export directory: one subdirectory per app (or one app's directory)
 * @param repo the app's source tree, to cross-check its Procfile; may be null
 * @param region the AWS region to move to
 * @param priceFiles price files laid over the bundled catalog in order: liftoff's JSON format or AWS Price List
 *     region files
 * @param arch the CPU architecture of the tasks
 * @param network public subnets without NAT, or private subnets with a NAT gateway per AZ
 */
public record PlanConfig(
        Path herokuExport, Path repo, String region, List<Path> priceFiles, Arch arch, Network network) {
    public static final String DEFAULT_REGION = "us-east-1";

    public PlanConfig {
        if (herokuExport == null) {
            throw LiftoffException.usage("--heroku is required: the directory 'liftoff heroku export' wrote");
        }
        region = AwsRegions.require(region == null ? DEFAULT_REGION : region);
        priceFiles = List.copyOf(priceFiles == null ? List.of() : priceFiles);
        arch = Objects.requireNonNullElse(arch, Arch.X86);
        network = Objects.requireNonNullElse(network, Network.PUBLIC);
    }

    /** The defaults: us-east-1, bundled prices, x86, public subnets. */
    public static PlanConfig of(Path herokuExport) {
        return new PlanConfig(herokuExport, null, DEFAULT_REGION, List.of(), Arch.X86, Network.PUBLIC);
    }
}
