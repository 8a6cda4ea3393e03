package dev.liftoff.migrate.config;

import dev.liftoff.core.Rate;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The load test run against the new platform before the cutover; its SLOs decide whether the cutover may go on.
 *
 * @param scenario a scenario file (HAR, JMeter, YAML; resolved against the directory of {@code liftoff.yaml}) or a URL
 * @param rate the arrival rate (open model)
 * @param duration how long to run
 * @param slo the objectives, e.g. {@code p95<300ms,errors<1%}, when any
 */
public record LoadTestSettings(String scenario, Rate rate, Duration duration, Optional<String> slo) {
    public LoadTestSettings {
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(rate, "rate");
        Objects.requireNonNull(slo, "slo");
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("duration must be positive: " + duration);
        }
    }
}
