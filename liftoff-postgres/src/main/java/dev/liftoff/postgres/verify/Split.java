package dev.liftoff.postgres.verify;

import java.math.BigInteger;
import java.util.Locale;

/**
 * How a table's rows are divided into ranges that mean the same on both sides, so that the digests of each range
 * can be compared and a difference narrowed down. Ranges are numbered; each kind says which range a row falls in
 * (an SQL expression over the alias {@code t}), which rows a range holds (an SQL predicate), and what to call it.
 * Physical positions ({@code ctid}) are deliberately not a split: they differ between two copies of the same rows.
 */
sealed interface Split {
    /** Clears a hash's sign bit, so that it modulo the bucket count is a bucket number. */
    String POSITIVE = "9223372036854775807";

    /** The number of ranges that every row falls into; a key split adds two more for keys outside the source's. */
    int ranges();

    /**
     * The range a row falls in, as an SQL expression of the row's key text, or of {@code h}, the row's hash, for
     * splits that use it ({@link #usesRowHash()}).
     */
    String rangeOf(String keyText);

    /** Whether {@link #rangeOf} refers to the row hash {@code h}. */
    default boolean usesRowHash() {
        return false;
    }

    /** An SQL predicate over {@code t} selecting the rows of one range. */
    String rowsOf(int range, String keyText, String rowHash);

    /** A name for one range, for people. */
    String label(int range);

    /** A short description for reports: {@code none}, {@code key id}, {@code hash}. */
    String describe();

    /** The whole table is one range. */
    record None() implements Split {
        @Override
        public int ranges() {
            return 1;
        }

        @Override
        public String rangeOf(String keyText) {
            return "0";
        }

        @Override
        public String rowsOf(int range, String keyText, String rowHash) {
            return "true";
        }

        @Override
        public String label(int range) {
            return "all";
        }

        @Override
        public String describe() {
            return "none";
        }
    }

    /**
     * Contiguous ranges of an integer key column, {@code width} values each, from the source's smallest key
     * {@code low} to its largest {@code high}. Keys below or above (possible only on the target) fall in the extra
     * ranges {@code -1} and {@code n}.
     */
    record KeyRange(String column, String quotedColumn, long low, long high, long width, int n) implements Split {
        /** Splits {@code [low, high]} into at most {@code wanted} ranges, or returns null when the span overflows. */
        static KeyRange of(String column, String quotedColumn, long low, long high, int wanted) {
            BigInteger span =
                    BigInteger.valueOf(high).subtract(BigInteger.valueOf(low)).add(BigInteger.ONE);
            if (span.bitLength() > 62 || wanted < 1) {
                return null;
            }
            long width = Math.max(1, (span.longValueExact() + wanted - 1) / wanted);
            int n = (int) ((span.longValueExact() + width - 1) / width);
            return new KeyRange(column, quotedColumn, low, high, width, n);
        }

        @Override
        public int ranges() {
            return n;
        }

        @Override
        public String rangeOf(String keyText) {
            String k = "t." + quotedColumn;
            return "CASE WHEN " + k + " < " + lit(low) + " THEN -1 WHEN " + k + " > " + lit(high) + " THEN " + n
                    + " ELSE (" + k + "::int8 - " + lit(low) + ") / " + width + " END";
        }

        @Override
        public String rowsOf(int range, String keyText, String rowHash) {
            String k = "t." + quotedColumn;
            if (range < 0) {
                return k + " < " + lit(low);
            }
            if (range >= n) {
                return k + " > " + lit(high);
            }
            return k + " BETWEEN " + lit(first(range)) + " AND " + lit(last(range));
        }

        private long first(int range) {
            return low + range * width;
        }

        private long last(int range) {
            return range == n - 1 ? high : first(range) + width - 1;
        }

        private static String lit(long v) {
            return "'" + v + "'::int8";
        }

        @Override
        public String label(int range) {
            if (range < 0) {
                return column + " < " + low;
            }
            if (range >= n) {
                return column + " > " + high;
            }
            return column + " " + first(range) + ".." + last(range);
        }

        @Override
        public String describe() {
            return "key " + column;
        }
    }

    /**
     * {@code n} buckets by a hash of the key's text, or of the whole row's text for a table without a key (so
     * identical rows share a bucket).
     */
    record Hash(int n, boolean byKey) implements Split {
        @Override
        public int ranges() {
            return n;
        }

        @Override
        public String rangeOf(String keyText) {
            String hash = byKey ? "hashtextextended(" + keyText + ", 1)" : "h";
            return "(" + hash + " & " + POSITIVE + ") % " + n;
        }

        @Override
        public boolean usesRowHash() {
            return !byKey;
        }

        @Override
        public String rowsOf(int range, String keyText, String rowHash) {
            String hash = byKey ? "hashtextextended(" + keyText + ", 1)" : rowHash;
            return "(" + hash + " & " + POSITIVE + ") % " + n + " = " + range;
        }

        @Override
        public String label(int range) {
            return String.format(Locale.ROOT, "hash bucket %d of %d", range + 1, n);
        }

        @Override
        public String describe() {
            return "hash";
        }
    }
}
