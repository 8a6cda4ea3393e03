package dev.liftoff.loadtest.slo;

import java.util.Objects;
import java.util.Optional;

/**
 * One objective, such as {@code p95<300ms} or {@code GET /api/orders:errors<1%}.
 *
 * @param text the check as written
 * @param request the request name it applies to, or empty for the whole run
 * @param percentile for {@link Metric#PERCENTILE}, the percentile (95 for p95, 99.9 for p99.9)
 * @param threshold milliseconds for latency, a fraction for errors, requests per second for rps
 */
public record Check(
        String text, Optional<String> request, Metric metric, double percentile, Comparison op, double threshold) {
    /** How the measured value must compare with the threshold. */
    public enum Comparison {
        LT("<"),
        LE("<="),
        GT(">"),
        GE(">=");

        private final String symbol;

        Comparison(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }

        boolean holds(double actual, double threshold) {
            return switch (this) {
                case LT -> actual < threshold;
                case LE -> actual <= threshold;
                case GT -> actual > threshold;
                case GE -> actual >= threshold;
            };
        }

        /** The comparison that holds when this one is broken, for messages ("412ms >= 300ms"). */
        String negated() {
            return switch (this) {
                case LT -> ">=";
                case LE -> ">";
                case GT -> "<=";
                case GE -> "<";
            };
        }
    }

    public Check {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(op, "op");
        if (!Double.isFinite(threshold)) {
            throw new IllegalArgumentException("threshold must be finite");
        }
    }

    /** Whether {@code actual} meets the objective; a missing measurement (NaN) never does. */
    public boolean holds(double actual) {
        return !Double.isNaN(actual) && op.holds(actual, threshold);
    }
}
