package dev.liftoff.plan.generate;

import dev.liftoff.plan.sizing.AppSizing;
import dev.liftoff.plan.sizing.Arch;
import dev.liftoff.plan.sizing.Network;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One environment to write a CloudFormation template for.
 *
 * @param app the Heroku app it replaces
 * @param environment {@code production} or {@code staging}
 * @param sizing the recommended sizes
 * @param commands the command of each service process (from the Procfile, else the formation)
 * @param releaseCommand the Procfile's {@code release} command, or null
 * @param secretVars the config var names the tasks read from the app's secret (never values)
 * @param network public subnets without NAT, or private subnets with NAT
 * @param arch the tasks' CPU architecture
 * @param domain the site's domain, or null to make it a template parameter
 * @param repoPrefix where the generated directory sits in the repository ({@code deploy}), for buildspec paths
 * @param latencyGoalMs the p95 latency the alarm holds web to
 * @param cidrOctet the second octet of the VPC's 10.x.0.0/16
 */
record Target(
        String app,
        String environment,
        AppSizing sizing,
        Map<String, String> commands,
        String releaseCommand,
        List<String> secretVars,
        Network network,
        Arch arch,
        String domain,
        String repoPrefix,
        int latencyGoalMs,
        int cidrOctet) {
    Target {
        Objects.requireNonNull(app, "app");
        Objects.requireNonNull(sizing, "sizing");
        commands = Map.copyOf(commands);
        secretVars = List.copyOf(secretVars);
    }

    /** A short name for resources with length limits: the app and environment, lowercase, at most {@code max}. */
    String slug(int max) {
        String s = (app + "-" + environment).toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
        if (app.endsWith("-" + environment)) {
            s = app.toLowerCase(java.util.Locale.ROOT);
        }
        s = s.length() > max ? s.substring(0, max) : s;
        return s.replaceAll("-+$", "");
    }
}
