package dev.liftoff.postgres.schema;

import java.util.Objects;
import java.util.Optional;

/**
 * A schema-qualified relation name, as PostgreSQL stores it (unquoted). {@link #quoted()} gives the SQL form.
 *
 * @param schema the schema name
 * @param name the relation name
 */
public record QualifiedName(String schema, String name) {
    public QualifiedName {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(name, "name");
    }

    /** The name in SQL, each part quoted where needed. */
    public String quoted() {
        return quote(schema) + "." + quote(name);
    }

    /**
     * Quotes an identifier unless it is a plain lower-case one. Quoting more than PostgreSQL would (a keyword that
     * needs none) is harmless; the result is only used in SQL, never compared as text.
     */
    public static String quote(String identifier) {
        if (identifier.matches("[a-z_][a-z0-9_]*") && !Keywords.isReserved(identifier)) {
            return identifier;
        }
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    /**
     * Reads a qualified name as {@code pg_dump} writes it ({@code public."Mixed Case"}) at {@code at[0]} in
     * {@code sql}, moving {@code at[0]} past it; empty when there is none there.
     */
    static Optional<QualifiedName> parse(String sql, int[] at) {
        Optional<String> schema = ident(sql, at);
        if (schema.isEmpty() || at[0] >= sql.length() || sql.charAt(at[0]) != '.') {
            return Optional.empty();
        }
        at[0]++;
        return ident(sql, at).map(n -> new QualifiedName(schema.get(), n));
    }

    /** Reads one identifier at {@code at[0]}, quoted or not, and moves {@code at[0]} past it. */
    static Optional<String> ident(String sql, int[] at) {
        int i = at[0];
        if (i >= sql.length()) {
            return Optional.empty();
        }
        if (sql.charAt(i) == '"') {
            StringBuilder sb = new StringBuilder();
            i++;
            while (i < sql.length()) {
                char c = sql.charAt(i);
                if (c == '"') {
                    if (i + 1 < sql.length() && sql.charAt(i + 1) == '"') {
                        sb.append('"');
                        i += 2;
                        continue;
                    }
                    at[0] = i + 1;
                    return Optional.of(sb.toString());
                }
                sb.append(c);
                i++;
            }
            return Optional.empty();
        }
        int start = i;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '_' || c == '$')) {
                break;
            }
            i++;
        }
        if (i == start) {
            return Optional.empty();
        }
        at[0] = i;
        return Optional.of(sql.substring(start, i));
    }

    @Override
    public String toString() {
        return quoted();
    }
}
