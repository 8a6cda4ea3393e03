package dev.liftoff.postgres.sync.apply;

import java.util.Arrays;
import java.util.BitSet;
import java.util.Objects;

/**
 * The values of one row version in PostgreSQL's text form (what the column type's output function prints; {@code null}
 * for SQL NULL), in the order of its {@link Relation}'s columns. Logical decoding leaves large values that an update
 * did not touch out of the new row: those columns are {@linkplain #isUnchanged(int) unchanged} and the target keeps
 * what it has. Immutable once built; the arrays are not copied, so builders must not keep them.
 */
public final class Row {
    private final String[] values;
    private final BitSet unchanged;

    private Row(String[] values, BitSet unchanged) {
        this.values = values;
        this.unchanged = unchanged;
    }

    /** A row whose every value is known. */
    public static Row of(String... values) {
        return new Row(Objects.requireNonNull(values, "values"), null);
    }

    /** A row with some values left out ({@code unchanged} bits set); their entries in {@code values} are ignored. */
    public static Row withUnchanged(String[] values, BitSet unchanged) {
        return new Row(values, unchanged == null || unchanged.isEmpty() ? null : unchanged);
    }

    public int size() {
        return values.length;
    }

    /** The text of column {@code i}, {@code null} for SQL NULL. */
    public String value(int i) {
        return values[i];
    }

    public boolean isUnchanged(int i) {
        return unchanged != null && unchanged.get(i);
    }

    /** Whether every column has a value (none left out as unchanged). */
    public boolean isComplete() {
        return unchanged == null;
    }

    /** The same row with the left-out values taken from {@code old} (which must be complete). */
    public Row completedFrom(Row old) {
        if (unchanged == null) {
            return this;
        }
        String[] copy = values.clone();
        for (int i = unchanged.nextSetBit(0); i >= 0; i = unchanged.nextSetBit(i + 1)) {
            copy[i] = old.values[i];
        }
        return new Row(copy, null);
    }

    /** Which columns are left out, as a bit set (empty when complete); a copy. */
    BitSet unchangedColumns() {
        return unchanged == null ? new BitSet() : (BitSet) unchanged.clone();
    }

    /** An estimate of the memory the values take, to bound batches. */
    long weight() {
        long w = 32L + 8L * values.length;
        for (String v : values) {
            if (v != null) {
                w += v.length() * 2L;
            }
        }
        return w;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Row r && Arrays.equals(values, r.values) && Objects.equals(unchanged, r.unchanged);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return Arrays.toString(values);
    }
}
