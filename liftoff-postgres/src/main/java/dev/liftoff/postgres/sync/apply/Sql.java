package dev.liftoff.postgres.sync.apply;

import dev.liftoff.postgres.schema.QualifiedName;

/** SQL text helpers for statements built from catalog names. */
public final class Sql {
    private Sql() {}

    /**
     * Quotes an identifier where needed, the same way the copy journal names tables (so names match it as text).
     */
    public static String ident(String identifier) {
        return QualifiedName.quote(identifier);
    }

    /** {@code schema.name}, quoted where needed. */
    public static String qualified(String schema, String name) {
        return new QualifiedName(schema, name).quoted();
    }

    /** A string literal (standard_conforming_strings on, as on every supported server). */
    public static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }
}
