package dev.liftoff.postgres.sync;

import dev.liftoff.core.LiftoffException;
import java.util.Arrays;
import java.util.Objects;
import java.util.TreeSet;

/**
 * A PostgreSQL snapshot as {@code pg_current_snapshot()} prints it ({@code xmin:xmax:xip1,xip2}), with 64-bit
 * transaction ids ({@code xid8}). It answers which transactions it sees the way {@code pg_visible_in_snapshot} does:
 * a transaction is visible when it had finished (committed or aborted) when the snapshot was taken. Immutable and
 * thread-safe.
 */
public final class Snapshot {
    private final long xmin;
    private final long xmax;
    private final long[] xip;

    private Snapshot(long xmin, long xmax, long[] xip) {
        if (xmin > xmax) {
            throw new IllegalArgumentException("snapshot xmin " + xmin + " is after xmax " + xmax);
        }
        this.xmin = xmin;
        this.xmax = xmax;
        this.xip = xip;
    }

    /**
     * Parses {@code pg_current_snapshot()} text.
     *
     * @throws LiftoffException with {@code ENVIRONMENT} when the text is not a snapshot (bookkeeping was altered)
     */
    public static Snapshot parse(String text) {
        Objects.requireNonNull(text, "text");
        String[] parts = text.strip().split(":", -1);
        try {
            if (parts.length != 3) {
                throw new IllegalArgumentException("expected xmin:xmax:xip");
            }
            long xmin = Long.parseUnsignedLong(parts[0]);
            long xmax = Long.parseUnsignedLong(parts[1]);
            long[] xip = parts[2].isEmpty()
                    ? new long[0]
                    : Arrays.stream(parts[2].split(","))
                            .mapToLong(Long::parseUnsignedLong)
                            .sorted()
                            .toArray();
            return new Snapshot(xmin, xmax, xip);
        } catch (IllegalArgumentException e) {
            throw LiftoffException.environment("'" + text + "' is not a PostgreSQL snapshot (" + e.getMessage()
                    + "); liftoff's bookkeeping was altered: run liftoff pg cleanup and start the sync again");
        }
    }

    /** Transactions below it had all finished. */
    public long xmin() {
        return xmin;
    }

    /** Transactions from it on had not started. */
    public long xmax() {
        return xmax;
    }

    /** Whether transaction {@code txid} (an {@code xid8}) had finished when this snapshot was taken. */
    public boolean isVisible(long txid) {
        if (Long.compareUnsigned(txid, xmin) < 0) {
            return true;
        }
        if (Long.compareUnsigned(txid, xmax) >= 0) {
            return false;
        }
        return Arrays.binarySearch(xip, txid) < 0;
    }

    /**
     * Whether a 32-bit transaction id, as logical decoding reports it, had finished. The epoch is taken to be the one
     * that puts the id within 2^31 transactions below {@code xmax}, as PostgreSQL itself widens ids.
     */
    public boolean isVisibleXid(int xid) {
        long unsigned = Integer.toUnsignedLong(xid);
        long epoch = xmax >>> 32;
        long candidate = (epoch << 32) | unsigned;
        if (candidate - xmax > (1L << 31)) {
            candidate -= 1L << 32;
        } else if (xmax - candidate > (1L << 31)) {
            candidate += 1L << 32;
        }
        return isVisible(candidate);
    }

    /** Whether every transaction this snapshot sees is also seen by {@code other} (it is no newer). */
    public boolean seenBy(Snapshot other) {
        // Transactions from other.xmax up to xmax are invisible to other, so must be in progress here.
        for (long x = other.xmax; Long.compareUnsigned(x, xmax) < 0; x++) {
            if (isVisible(x)) {
                return false;
            }
        }
        // Below other.xmax, other misses only its own in-progress transactions.
        for (long x : other.xip) {
            if (isVisible(x)) {
                return false;
            }
        }
        return true;
    }

    /** The snapshot that sees exactly the transactions every one of {@code snapshots} sees. */
    public static Snapshot intersection(Iterable<Snapshot> snapshots) {
        Long hi = null;
        for (Snapshot s : snapshots) {
            hi = hi == null || Long.compareUnsigned(s.xmax, hi) < 0 ? s.xmax : hi;
        }
        if (hi == null) {
            throw new IllegalArgumentException("no snapshots");
        }
        // Below the lowest xmax a transaction is missed exactly when some snapshot had it in progress.
        TreeSet<Long> inProgress = new TreeSet<>(Long::compareUnsigned);
        for (Snapshot s : snapshots) {
            for (long x : s.xip) {
                if (Long.compareUnsigned(x, hi) < 0) {
                    inProgress.add(x);
                }
            }
        }
        long xmin = inProgress.isEmpty() ? hi : inProgress.first();
        return new Snapshot(
                xmin, hi, inProgress.stream().mapToLong(Long::longValue).toArray());
    }

    /** The text {@code pg_current_snapshot()} prints and {@code ::pg_snapshot} reads. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder()
                .append(Long.toUnsignedString(xmin))
                .append(':')
                .append(Long.toUnsignedString(xmax))
                .append(':');
        for (int i = 0; i < xip.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(Long.toUnsignedString(xip[i]));
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Snapshot s && s.xmin == xmin && s.xmax == xmax && Arrays.equals(s.xip, xip);
    }

    @Override
    public int hashCode() {
        return Objects.hash(xmin, xmax, Arrays.hashCode(xip));
    }
}
