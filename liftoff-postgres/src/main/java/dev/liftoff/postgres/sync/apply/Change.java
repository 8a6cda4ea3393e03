package dev.liftoff.postgres.sync.apply;

import java.util.List;
import java.util.Objects;

/**
 * One row change (or a truncate) committed on the source, as a capture method read it. Immutable.
 */
public sealed interface Change {
    /** A row inserted. */
    record Insert(Relation relation, Row row) implements Change {
        public Insert {
            Objects.requireNonNull(relation, "relation");
            Objects.requireNonNull(row, "row");
        }
    }

    /**
     * A row updated.
     *
     * @param old the row before (complete for tables without a key; for keyed tables at least the key columns), or
     *     {@code null} when the capture only says the key did not change
     * @param row the row after; may leave unchanged values out
     */
    record Update(Relation relation, Row old, Row row) implements Change {
        public Update {
            Objects.requireNonNull(relation, "relation");
            Objects.requireNonNull(row, "row");
        }
    }

    /**
     * A row deleted.
     *
     * @param old the row (complete for tables without a key; at least the key columns otherwise)
     */
    record Delete(Relation relation, Row old) implements Change {
        public Delete {
            Objects.requireNonNull(relation, "relation");
            Objects.requireNonNull(old, "old");
        }
    }

    /** Tables truncated together by one statement. */
    record Truncate(List<Relation> relations) implements Change {
        public Truncate {
            relations = List.copyOf(relations);
            if (relations.isEmpty()) {
                throw new IllegalArgumentException("a truncate names at least one table");
            }
        }
    }
}
