package dev.liftoff.postgres.sync;

import dev.liftoff.core.LiftoffException;
import java.util.Objects;

/**
 * A write-ahead log position ({@code pg_lsn}), printed as PostgreSQL prints it ({@code 16/B374D848}). Ordered as
 * unsigned 64-bit numbers. Immutable value type.
 *
 * @param value the position as an unsigned 64-bit number
 */
public record Lsn(long value) implements Comparable<Lsn> {
    /** The position before any WAL ({@code 0/0}). */
    public static final Lsn ZERO = new Lsn(0);

    /**
     * Parses {@code X/Y} hex text.
     *
     * @throws LiftoffException with {@code ENVIRONMENT} when the text is not an LSN
     */
    public static Lsn parse(String text) {
        Objects.requireNonNull(text, "text");
        int slash = text.indexOf('/');
        try {
            if (slash <= 0 || slash == text.length() - 1) {
                throw new NumberFormatException("no '/'");
            }
            long hi = Long.parseLong(text.substring(0, slash), 16);
            long lo = Long.parseLong(text.substring(slash + 1), 16);
            if (hi > 0xFFFFFFFFL || lo > 0xFFFFFFFFL) {
                throw new NumberFormatException("out of range");
            }
            return new Lsn((hi << 32) | lo);
        } catch (NumberFormatException e) {
            throw LiftoffException.environment("'" + text + "' is not a WAL position (" + e.getMessage()
                    + "); liftoff's bookkeeping was altered: run liftoff pg cleanup and start the sync again");
        }
    }

    /** Whether this position is after {@code other}. */
    public boolean isAfter(Lsn other) {
        return Long.compareUnsigned(value, other.value) > 0;
    }

    /** The bytes of WAL from {@code earlier} to here (0 when {@code earlier} is not earlier). */
    public long bytesSince(Lsn earlier) {
        return isAfter(earlier) ? value - earlier.value : 0;
    }

    @Override
    public int compareTo(Lsn o) {
        return Long.compareUnsigned(value, o.value);
    }

    @Override
    public String toString() {
        return Long.toHexString(value >>> 32).toUpperCase(java.util.Locale.ROOT) + "/"
                + Long.toHexString(value & 0xFFFFFFFFL).toUpperCase(java.util.Locale.ROOT);
    }
}
