package dev.liftoff.loadtest.scenario;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * A pause before a step, as JMeter's timers describe it: a constant, a constant plus a uniform random part, or a
 * constant plus a Gaussian part with the given deviation.
 */
public record Think(Kind kind, Duration base, Duration spread) {
    /** How the random part is drawn. */
    public enum Kind {
        CONSTANT,
        UNIFORM,
        GAUSSIAN
    }

    public static final Think NONE = new Think(Kind.CONSTANT, Duration.ZERO, Duration.ZERO);

    public Think {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(spread, "spread");
        if (base.isNegative() || spread.isNegative()) {
            throw new IllegalArgumentException("think times must not be negative");
        }
    }

    public static Think constant(Duration d) {
        return new Think(Kind.CONSTANT, d, Duration.ZERO);
    }

    public boolean isNone() {
        return base.isZero() && spread.isZero();
    }

    /** A pause drawn from this distribution, in nanoseconds, never negative. */
    public long sampleNanos(RandomGenerator random) {
        long b = base.toNanos();
        long s = spread.toNanos();
        return switch (kind) {
            case CONSTANT -> b;
            case UNIFORM -> b + (s == 0 ? 0 : (long) (random.nextDouble() * s));
            case GAUSSIAN -> Math.max(0, b + (long) (random.nextGaussian() * s));
        };
    }
}
