package dev.liftoff.plan.pricing;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One catalog price.
 *
 * @param key the catalog key, e.g. {@code aws.fargate.x86.vcpu-hour}
 * @param usd the price in dollars per {@code unit}
 * @param unit what the price is per ({@code vCPU-hour}, {@code month}, ...)
 * @param region the AWS region the price is for, or empty for prices without one (Heroku's)
 * @param source where the figure comes from, shown beside it in reports
 */
public record Price(String key, BigDecimal usd, String unit, String region, String source) {
    public Price {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(usd, "usd");
        if (usd.signum() < 0) {
            throw new IllegalArgumentException("price " + key + " is negative: " + usd);
        }
        unit = unit == null ? "" : unit;
        region = region == null ? "" : region;
        source = source == null ? "" : source;
    }
}
