package dev.liftoff.postgres.sync.apply;

import java.util.List;
import java.util.Objects;

/**
 * A source table as a change describes it: its name and the columns its row values come in, in that order. Applied
 * to the target table of the same name; columns are matched by name, so the target may order them differently.
 * Immutable.
 *
 * @param schema unquoted schema name
 * @param name unquoted table name
 * @param columns column names in the order of the values
 */
public record Relation(String schema, String name, List<String> columns) {
    public Relation {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(name, "name");
        columns = List.copyOf(columns);
    }

    /** {@code schema.name}, quoted where needed: usable in SQL and shown to people. */
    public String qualified() {
        return Sql.qualified(schema, name);
    }
}
