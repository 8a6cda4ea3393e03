package dev.liftoff.migrate.demo;

import dev.liftoff.core.LiftoffException;
import dev.liftoff.core.PostgresUrl;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What {@link Demo#run} rehearses.
 *
 * @param rows orders the old platform holds before traffic starts (history for the copy to move), 0 to 5,000,000
 * @param rate writes per second the traffic sends through the gateway, 1 to 2,000
 * @param maxDowntime the longest gap between acknowledged writes across the migration that still passes
 * @param htmlReport where the HTML report goes; empty: none
 * @param beforeCheck runs on the new platform's database just before the writes are checked; tests use it to lose or
 *     duplicate a write on purpose and see the demo notice
 */
public record DemoConfig(
        long rows, double rate, Duration maxDowntime, Optional<Path> htmlReport, Consumer<PostgresUrl> beforeCheck) {
    /**
     * Enough history for the copy to show progress; few enough rows that the exact verify inside the cutover's write
     * freeze stays a few hundred milliseconds on two busy cores.
     */
    public static final long DEFAULT_ROWS = 50_000;

    /** Steady but light: the whole rehearsal shares two cores. */
    public static final double DEFAULT_RATE = 100;

    /** The product's promise: seconds of write downtime, not hours. */
    public static final Duration DEFAULT_MAX_DOWNTIME = Duration.ofSeconds(2);

    public DemoConfig {
        Objects.requireNonNull(maxDowntime, "maxDowntime");
        Objects.requireNonNull(htmlReport, "htmlReport");
        Objects.requireNonNull(beforeCheck, "beforeCheck");
        if (rows < 0 || rows > 5_000_000) {
            throw LiftoffException.usage("--rows must be between 0 and 5000000, not " + rows);
        }
        if (!(rate >= 1 && rate <= 2_000)) {
            throw LiftoffException.usage("--rate must be between 1/s and 2000/s, not " + rate + "/s");
        }
        if (maxDowntime.isNegative() || maxDowntime.isZero()) {
            throw LiftoffException.usage("--max-downtime must be positive");
        }
    }

    /** The default rehearsal: 50,000 orders of history, 100 writes/s, at most 2 s of write downtime, no HTML. */
    public static DemoConfig defaults() {
        return new DemoConfig(DEFAULT_ROWS, DEFAULT_RATE, DEFAULT_MAX_DOWNTIME, Optional.empty(), db -> {});
    }

    public DemoConfig withRows(long n) {
        return new DemoConfig(n, rate, maxDowntime, htmlReport, beforeCheck);
    }

    public DemoConfig withRate(double perSecond) {
        return new DemoConfig(rows, perSecond, maxDowntime, htmlReport, beforeCheck);
    }

    public DemoConfig withMaxDowntime(Duration d) {
        return new DemoConfig(rows, rate, d, htmlReport, beforeCheck);
    }

    public DemoConfig withHtmlReport(Path file) {
        return new DemoConfig(rows, rate, maxDowntime, Optional.of(file), beforeCheck);
    }

    public DemoConfig withBeforeCheck(Consumer<PostgresUrl> hook) {
        return new DemoConfig(rows, rate, maxDowntime, htmlReport, hook);
    }
}
