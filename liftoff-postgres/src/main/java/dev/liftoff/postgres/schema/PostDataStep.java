package dev.liftoff.postgres.schema;

import java.util.Objects;

/**
 * One statement group of the post-data section, planned into a phase. Steps of one phase run in parallel (except
 * phases {@link #OTHER} and {@link #MATERIALIZED_VIEWS}, which keep pg_dump's order on one session); a phase starts
 * when the one before it is done, except that {@link #INDEXES} steps of a table start as soon as that table's rows
 * are in.
 *
 * @param id position in the plan (pg_dump's order)
 * @param phase one of the phase constants
 * @param kind pg_dump's entry type ({@code INDEX}, {@code FK CONSTRAINT}, ...)
 * @param name what the step creates, for messages
 * @param relation the table an {@link #INDEXES} step builds on, or {@code null} when it waits for all the data
 * @param sql the statements
 */
public record PostDataStep(int id, int phase, String kind, String name, QualifiedName relation, String sql) {
    /** Indexes, and the unique indexes behind primary keys and unique constraints. */
    public static final int INDEXES = 1;
    /** Primary keys and unique constraints on their prebuilt index, check and other constraints. */
    public static final int CONSTRAINTS = 2;
    /** Partition indexes attached to their parents' indexes. */
    public static final int ATTACH = 3;
    /** Foreign keys (deferrable ones too), validated against the loaded data. */
    public static final int FOREIGN_KEYS = 4;
    /** Triggers, rules, policies, comments and the rest, in pg_dump's order. */
    public static final int OTHER = 5;
    /** {@code REFRESH MATERIALIZED VIEW} for those populated on the source, in pg_dump's (dependency) order. */
    public static final int MATERIALIZED_VIEWS = 6;

    public PostDataStep {
        if (phase < INDEXES || phase > MATERIALIZED_VIEWS) {
            throw new IllegalArgumentException("unknown phase " + phase);
        }
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(sql, "sql");
    }

    /**
     * Whether the steps of this phase may run at the same time. Index attachments may not: attaching the last
     * partition index marks the parent index valid only if it sees every sibling attached and valid, and two
     * attachments committed in parallel each miss the other's, which left a partitioned index invalid for good.
     */
    public static boolean parallel(int phase) {
        return phase != ATTACH && phase != OTHER && phase != MATERIALIZED_VIEWS;
    }

    /** {@code index public.orders_pkey}: what the step creates, for messages. */
    public String describe() {
        return name;
    }
}
