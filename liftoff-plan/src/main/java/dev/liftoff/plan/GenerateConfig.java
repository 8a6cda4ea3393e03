package dev.liftoff.plan;

import dev.liftoff.core.LiftoffException;
import dev.liftoff.plan.aws.AwsRegions;
import dev.liftoff.plan.generate.Language;
import dev.liftoff.plan.sizing.Arch;
import dev.liftoff.plan.sizing.Network;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What {@link Generator#generate} writes.
 *
 * @param herokuExport the export directory (as for {@code plan})
 * @param repo the app's source tree: Procfile and build files
 * @param out where the files go (not the repository root: its README would be replaced)
 * @param region the AWS region
 * @param domain the site's domain, or null to make it a template parameter
 * @param arch the tasks' CPU architecture
 * @param stack the stack to build for, or null to detect it
 * @param network public subnets without NAT, or private subnets with NAT, as planned
 * @param priceFiles price overrides, as for {@code plan} (they decide the cheapest task sizes)
 */
public record GenerateConfig(
        Path herokuExport,
        Path repo,
        Path out,
        String region,
        String domain,
        Arch arch,
        Language stack,
        Network network,
        List<Path> priceFiles) {
    public GenerateConfig {
        if (herokuExport == null || repo == null || out == null) {
            throw LiftoffException.usage("--heroku, --repo and --out are required");
        }
        region = AwsRegions.require(region == null ? PlanConfig.DEFAULT_REGION : region);
        if (domain != null && !domain.matches("[a-z0-9.-]+\\.[a-z]{2,}")) {
            throw LiftoffException.usage("--domain " + domain + ": not a domain name such as www.example.com");
        }
        arch = Objects.requireNonNullElse(arch, Arch.X86);
        network = Objects.requireNonNullElse(network, Network.PUBLIC);
        priceFiles = List.copyOf(priceFiles == null ? List.of() : priceFiles);
    }
}
