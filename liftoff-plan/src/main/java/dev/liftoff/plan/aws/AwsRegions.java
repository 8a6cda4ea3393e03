package dev.liftoff.plan.aws;

import dev.liftoff.core.LiftoffException;
import java.util.List;

/** The AWS commercial regions, to refuse a mistyped {@code --region} before anything is priced or written. */
public final class AwsRegions {
    private static final List<String> REGIONS = List.of(
            "us-east-1",
            "us-east-2",
            "us-west-1",
            "us-west-2",
            "af-south-1",
            "ap-east-1",
            "ap-south-1",
            "ap-south-2",
            "ap-southeast-1",
            "ap-southeast-2",
            "ap-southeast-3",
            "ap-southeast-4",
            "ap-southeast-5",
            "ap-southeast-7",
            "ap-northeast-1",
            "ap-northeast-2",
            "ap-northeast-3",
            "ca-central-1",
            "ca-west-1",
            "eu-central-1",
            "eu-central-2",
            "eu-west-1",
            "eu-west-2",
            "eu-west-3",
            "eu-south-1",
            "eu-south-2",
            "eu-north-1",
            "il-central-1",
            "me-south-1",
            "me-central-1",
            "mx-central-1",
            "sa-east-1");

    private AwsRegions() {}

    /** The region name, checked; an unknown one is a usage error listing the nearest names. */
    public static String require(String region) {
        if (region == null || !REGIONS.contains(region)) {
            String prefix = region == null || region.length() < 2 ? "" : region.substring(0, 2);
            List<String> near =
                    REGIONS.stream().filter(r -> r.startsWith(prefix)).toList();
            throw LiftoffException.usage("--region " + region + ": not an AWS region; use one such as "
                    + String.join(", ", near.isEmpty() ? List.of("us-east-1", "eu-west-1") : near));
        }
        return region;
    }

    /** The AWS region nearest a Heroku region ({@code us}, {@code eu}). */
    public static String nearestTo(String herokuRegion) {
        return switch (herokuRegion) {
            case "eu" -> "eu-west-1";
            case "virginia" -> "us-east-1";
            case "oregon" -> "us-west-2";
            case "frankfurt" -> "eu-central-1";
            case "dublin" -> "eu-west-1";
            case "tokyo" -> "ap-northeast-1";
            case "sydney" -> "ap-southeast-2";
            case "montreal" -> "ca-central-1";
            case "mumbai" -> "ap-south-1";
            case "singapore" -> "ap-southeast-1";
            case "london" -> "eu-west-2";
            default -> "us-east-1";
        };
    }
}
