package dev.liftoff.postgres.schema;

import java.util.Objects;

/**
 * One entry of a {@code pg_dump} plain-format script: the header pg_dump writes above it and the SQL below it.
 *
 * @param name the header's name, e.g. {@code orders orders_pkey} (unquoted, as pg_dump prints it)
 * @param type pg_dump's entry type, e.g. {@code TABLE}, {@code INDEX}, {@code FK CONSTRAINT}
 * @param schema the schema, or {@code -} for objects outside schemas
 * @param owner the owner, or {@code -} when dumped without owners
 * @param sql the statements of the entry, ready to run with the script's preamble in effect
 */
public record DumpEntry(String name, String type, String schema, String owner, String sql) {
    public DumpEntry {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(sql, "sql");
    }

    public DumpEntry withSql(String newSql) {
        return new DumpEntry(name, type, schema, owner, newSql);
    }

    /** {@code INDEX public.orders_pkey}: the entry named for messages. */
    public String describe() {
        return type.toLowerCase(java.util.Locale.ROOT) + " " + (schema.equals("-") ? "" : schema + ".") + name;
    }
}
