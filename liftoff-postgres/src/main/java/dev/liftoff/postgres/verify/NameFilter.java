package dev.liftoff.postgres.verify;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which schemas and relations a run looks at. Patterns are {@code schema.name} or {@code name}, with {@code *}
 * matching any characters; names are compared as PostgreSQL stores them (unquoted, case-sensitive). Immutable.
 */
final class NameFilter {
    /** Never compared: PostgreSQL's own schemas and liftoff's bookkeeping. */
    static final Set<String> SYSTEM_SCHEMAS = Set.of("pg_catalog", "information_schema", "_liftoff");

    private final Set<String> schemas;
    private final List<Glob> include;
    private final List<Glob> exclude;

    NameFilter(List<String> schemas, List<String> include, List<String> exclude) {
        this.schemas = Set.copyOf(schemas);
        this.include = include.stream().map(Glob::of).toList();
        this.exclude = exclude.stream().map(Glob::of).toList();
    }

    static NameFilter all() {
        return new NameFilter(List.of(), List.of(), List.of());
    }

    /**
     * An SQL condition on a schema-name column that leaves out the {@link #SYSTEM_SCHEMAS} and PostgreSQL's TOAST and
     * temporary schemas, so that catalog queries skip their thousands of objects instead of describing them.
     */
    static String userSchemas(String column) {
        return column + " NOT IN ('pg_catalog', 'information_schema', '_liftoff') AND " + column
                + " !~ '^pg_(toast|temp_|toast_temp_)'";
    }

    /** Whether objects in this schema are compared at all. */
    boolean schema(String schema) {
        if (SYSTEM_SCHEMAS.contains(schema) || schema.startsWith("pg_toast") || schema.startsWith("pg_temp_")) {
            return false;
        }
        return schemas.isEmpty() || schemas.contains(schema);
    }

    /** Whether a table, view, materialized view or sequence is compared. */
    boolean relation(String schema, String name) {
        if (!schema(schema)) {
            return false;
        }
        boolean in = include.isEmpty() || include.stream().anyMatch(g -> g.matches(schema, name));
        return in && exclude.stream().noneMatch(g -> g.matches(schema, name));
    }

    /**
     * Whether only some relations were asked for: then objects that belong to no relation (types, functions,
     * extensions, large objects) are left out, since no pattern can select them.
     */
    boolean relationsOnly() {
        return !include.isEmpty();
    }

    /** A pattern with a dot names the schema too; one without matches the name in any schema. */
    private record Glob(Pattern pattern, boolean qualified) {
        static Glob of(String glob) {
            StringBuilder regex = new StringBuilder();
            int from = 0;
            for (int star = glob.indexOf('*'); star >= 0; star = glob.indexOf('*', from)) {
                regex.append(Pattern.quote(glob.substring(from, star))).append(".*");
                from = star + 1;
            }
            regex.append(Pattern.quote(glob.substring(from)));
            return new Glob(Pattern.compile(regex.toString()), glob.contains("."));
        }

        boolean matches(String schema, String name) {
            return pattern.matcher(qualified ? schema + "." + name : name).matches();
        }
    }
}
