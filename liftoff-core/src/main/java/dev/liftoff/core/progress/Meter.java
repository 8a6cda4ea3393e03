package dev.liftoff.core.progress;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts work done against an expected total and derives a rate and an ETA. {@link #add} is cheap and thread-safe;
 * the rate is smoothed over recent {@link #sample()} calls so a stall shows within seconds.
 */
public final class Meter {
    private final LongAdder done = new LongAdder();
    private final AtomicLong total;
    private final long startNanos = System.nanoTime();
    private long lastNanos = startNanos;
    private long lastDone;
    private double smoothedRate = Double.NaN;

    public Meter(long total) {
        this.total = new AtomicLong(total);
    }

    public void add(long n) {
        done.add(n);
    }

    public long done() {
        return done.sum();
    }

    public long total() {
        return total.get();
    }

    /** Changes the expected total, for work whose size becomes known as it goes. */
    public void total(long newTotal) {
        total.set(newTotal);
    }

    /** Units per second since the start. */
    public double averageRate() {
        double secs = (System.nanoTime() - startNanos) / 1e9;
        return secs <= 0 ? 0 : done() / secs;
    }

    /** Takes a rate sample; call it from one thread (the progress ticker), about once a second. */
    public synchronized double sample() {
        long now = System.nanoTime();
        long d = done();
        double secs = (now - lastNanos) / 1e9;
        if (secs > 0.05) {
            double r = (d - lastDone) / secs;
            smoothedRate = Double.isNaN(smoothedRate) ? r : 0.5 * smoothedRate + 0.5 * r;
            lastNanos = now;
            lastDone = d;
        }
        return Double.isNaN(smoothedRate) ? averageRate() : smoothedRate;
    }

    /** Time left at the recent rate, when a total is known and work is moving. */
    public synchronized Optional<Duration> eta() {
        double rate = Double.isNaN(smoothedRate) ? averageRate() : smoothedRate;
        long left = total() - done();
        if (total() <= 0 || rate <= 0 || left < 0) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofMillis(Math.round(left / rate * 1000)));
    }

    public Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }
}
