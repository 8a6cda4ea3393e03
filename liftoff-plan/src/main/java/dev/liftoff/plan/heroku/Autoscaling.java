package dev.liftoff.plan.heroku;

import java.util.Objects;

/**
 * Heroku's autoscaling range for one process type.
 *
 * @param p95ResponseTimeMs the response-time goal that drives it, or null when unknown
 */
public record Autoscaling(String processType, int minQuantity, int maxQuantity, Integer p95ResponseTimeMs) {
    public Autoscaling {
        Objects.requireNonNull(processType, "processType");
        if (minQuantity < 0 || maxQuantity < minQuantity) {
            throw new IllegalArgumentException(
                    "autoscaling range of " + processType + " is " + minQuantity + ".." + maxQuantity);
        }
    }
}
