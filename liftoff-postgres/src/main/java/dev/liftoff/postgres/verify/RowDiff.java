package dev.liftoff.postgres.verify;

import dev.liftoff.postgres.VerifyResult.RowDifference;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Names the rows that differ in one range, from lists of row hashes fetched from both sides. Keeps at most
 * {@code limit} of them and counts the rest. Not thread-safe; one per table.
 */
final class RowDiff {
    private final int limit;
    private final List<RowDifference> sample = new ArrayList<>();
    private long differing;

    RowDiff(int limit) {
        this.limit = limit;
    }

    /** How often one distinct row occurs on a side of a table without a key, and its (shortened) text. */
    record Occurrence(long count, String text) {}

    /**
     * Compares rows by key: a key on one side only is missing or extra, a key on both with different row hashes
     * is different. Reports in the source's order, then the target's extras in its order.
     *
     * @param label turns a key's text into what people read, e.g. {@code id=42}
     */
    void keyed(Map<String, Long> source, Map<String, Long> target, UnaryOperator<String> label) {
        source.forEach((key, hash) -> {
            Long other = target.get(key);
            if (other == null) {
                add(label.apply(key), "missing on target");
            } else if (!other.equals(hash)) {
                add(label.apply(key), "different");
            }
        });
        target.keySet().stream()
                .filter(key -> !source.containsKey(key))
                .forEach(key -> add(label.apply(key), "extra on target"));
    }

    /** Compares rows of a table without a key as multisets: each distinct row whose count differs is named. */
    void keyless(Map<Long, Occurrence> source, Map<Long, Occurrence> target) {
        source.forEach((hash, occurrence) -> {
            Occurrence other = target.get(hash);
            long there = other == null ? 0 : other.count();
            if (there != occurrence.count()) {
                add(occurrence.text(), change(occurrence.count(), there));
            }
        });
        target.forEach((hash, occurrence) -> {
            if (!source.containsKey(hash)) {
                add(occurrence.text(), change(0, occurrence.count()));
            }
        });
    }

    private static String change(long onSource, long onTarget) {
        if (onTarget == 0) {
            return onSource == 1 ? "missing on target" : "missing on target (" + onSource + " on source)";
        }
        if (onSource == 0) {
            return onTarget == 1 ? "extra on target" : "extra on target (" + onTarget + " times)";
        }
        return onSource + " on source, " + onTarget + " on target";
    }

    /** Records one differing row; only the count grows once the sample is full. */
    void add(String key, String change) {
        differing++;
        if (sample.size() < limit) {
            sample.add(new RowDifference(Objects.requireNonNull(key), change));
        }
    }

    boolean full() {
        return sample.size() >= limit;
    }

    List<RowDifference> sample() {
        return List.copyOf(sample);
    }

    /** Differing rows seen, including those beyond the sample. */
    long differing() {
        return differing;
    }
}
