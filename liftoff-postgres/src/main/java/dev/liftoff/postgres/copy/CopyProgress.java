package dev.liftoff.postgres.copy;

import dev.liftoff.core.ByteSize;
import dev.liftoff.core.Durations;
import dev.liftoff.core.progress.Meter;
import java.util.concurrent.atomic.AtomicInteger;

/** The copy's counters and its status line. Thread-safe: workers count, the progress ticker reads. */
final class CopyProgress {
    final Meter rows = new Meter(0);
    final Meter bytes = new Meter(0);
    final AtomicInteger tablesDone = new AtomicInteger();
    final AtomicInteger stepsDone = new AtomicInteger();
    volatile int tablesTotal;
    volatile int stepsTotal;
    volatile String phase = "preflight";

    String line() {
        String p = phase;
        if (p.equals("rows")) {
            double byteRate = bytes.sample();
            double rowRate = rows.sample();
            String eta = rows.eta().map(d -> ", ETA " + Durations.human(d)).orElse("");
            return "copy: tables " + tablesDone.get() + "/" + tablesTotal + ", rows " + count(rows.done()) + "/"
                    + count(rows.total()) + " (" + ByteSize.human(bytes.done()) + "), " + count((long) rowRate)
                    + " rows/s, " + ByteSize.human((long) byteRate) + "/s" + eta + ", indexes and constraints "
                    + stepsDone.get() + "/" + stepsTotal;
        }
        if (p.equals("post-data")) {
            return "copy: indexes, constraints and triggers " + stepsDone.get() + "/" + stepsTotal;
        }
        return "copy: " + p;
    }

    static String count(long n) {
        if (n >= 10_000_000) {
            return String.format(java.util.Locale.ROOT, "%.0fM", n / 1e6);
        }
        if (n >= 1_000_000) {
            return String.format(java.util.Locale.ROOT, "%.1fM", n / 1e6);
        }
        if (n >= 10_000) {
            return String.format(java.util.Locale.ROOT, "%.0fk", n / 1e3);
        }
        return Long.toString(n);
    }
}
