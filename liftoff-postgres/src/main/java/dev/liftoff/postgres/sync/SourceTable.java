package dev.liftoff.postgres.sync;

import dev.liftoff.postgres.sync.apply.Relation;
import java.util.List;
import java.util.Objects;

/**
 * A table on the source that the sync captures, as the source's catalog describes it. Immutable.
 *
 * @param oid its OID on the source (trigger capture logs it with each change)
 * @param relation its name and columns in {@code attnum} order, the order its row values come in
 * @param kind {@code r} (stores rows) or {@code p} (partitioned: rows live in its partitions)
 * @param partition whether it is a partition of another table
 * @param unlogged whether it is unlogged (logical decoding cannot see its changes)
 * @param replicaIdentity {@code pg_class.relreplident}: {@code d} (primary key), {@code i} (an index), {@code f}
 *     (full row) or {@code n} (nothing)
 * @param hasPrimaryKey whether it has a primary key
 * @param shape its kind and its columns' names and types, as one string: a change means DDL ran on it
 */
public record SourceTable(
        long oid,
        Relation relation,
        char kind,
        boolean partition,
        boolean unlogged,
        char replicaIdentity,
        boolean hasPrimaryKey,
        String shape) {
    public SourceTable {
        Objects.requireNonNull(relation, "relation");
        Objects.requireNonNull(shape, "shape");
    }

    /** {@code schema.name}, quoted where needed. */
    public String qualified() {
        return relation.qualified();
    }

    public List<String> columns() {
        return relation.columns();
    }

    /**
     * Whether logical decoding sends enough of an updated or deleted row to find it on the target: a primary key
     * ({@code REPLICA IDENTITY DEFAULT}), a replica identity index, or the full row.
     */
    public boolean logicalIdentity() {
        return switch (replicaIdentity) {
            case 'd' -> hasPrimaryKey;
            case 'i', 'f' -> true;
            default -> false;
        };
    }
}
