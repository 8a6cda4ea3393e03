package dev.liftoff.postgres.sync.triggers;

import dev.liftoff.core.LiftoffException;
import dev.liftoff.postgres.sync.Snapshot;
import java.util.Objects;

/**
 * How far trigger capture has applied. Every transaction visible in {@code applied} is applied (or was in the copy).
 * A cycle applies the transactions visible in {@code reading} and not in {@code applied}, in the order of their last
 * changelog id, possibly over several target commits: {@code doneThrough} is the last id of the last transaction
 * applied so far in the cycle. Immutable.
 *
 * @param applied the snapshot every applied transaction is visible in
 * @param reading the snapshot of the cycle in progress, or {@code null} between cycles
 * @param doneThrough within the cycle, the last changelog id of the last transaction applied
 */
public record TriggerPosition(Snapshot applied, Snapshot reading, long doneThrough) {
    public TriggerPosition {
        Objects.requireNonNull(applied, "applied");
    }

    /** Between cycles, after {@code applied}. */
    public static TriggerPosition after(Snapshot applied) {
        return new TriggerPosition(applied, null, 0);
    }

    /** The text stored on the target. */
    public String encode() {
        return applied + ";" + (reading == null ? "" : reading.toString()) + ";" + doneThrough;
    }

    /** Reads {@link #encode()}'s text. */
    public static TriggerPosition decode(String text) {
        String[] p = text.split(";", -1);
        if (p.length != 3) {
            throw LiftoffException.environment("'" + text + "' is not a trigger-capture position; liftoff's"
                    + " bookkeeping on the target was altered: run liftoff pg cleanup and start the sync again");
        }
        return new TriggerPosition(
                Snapshot.parse(p[0]), p[1].isEmpty() ? null : Snapshot.parse(p[1]), Long.parseLong(p[2]));
    }
}
