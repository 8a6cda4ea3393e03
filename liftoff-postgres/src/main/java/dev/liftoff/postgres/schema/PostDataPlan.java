package dev.liftoff.postgres.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Plans a post-data script into {@link PostDataStep}s. A primary key or unique constraint on a plain table becomes a
 * {@code CREATE UNIQUE INDEX} (which, unlike {@code ALTER TABLE}, can build beside the table's other indexes) and an
 * {@code ADD CONSTRAINT ... USING INDEX} once the indexes are built. Stateless.
 */
public final class PostDataPlan {
    private static final Pattern SETTING = Pattern.compile("^SET [a-z_.]+ = .*;$");
    private static final Pattern KEY = Pattern.compile(
            "^(PRIMARY KEY|UNIQUE) \\(([^()]*)\\)((?: NOT)? DEFERRABLE(?: INITIALLY (?:DEFERRED|IMMEDIATE))?)?;$");

    private PostDataPlan() {}

    /**
     * Plans the entries.
     *
     * @param plainTables tables that are neither partitioned nor partitions, whose keys may be built as indexes first
     */
    public static List<PostDataStep> plan(DumpScript script, Set<QualifiedName> plainTables) {
        List<PostDataStep> steps = new ArrayList<>();
        for (DumpEntry e : script.entries()) {
            String settings = settings(e.sql());
            String stmt = statement(e.sql());
            String name = e.describe();
            switch (e.type()) {
                case "INDEX" ->
                    steps.add(step(
                            steps,
                            PostDataStep.INDEXES,
                            e,
                            name,
                            indexTable(stmt).orElse(null),
                            e.sql()));
                case "CONSTRAINT" -> planConstraint(steps, e, settings, stmt, plainTables);
                case "CHECK CONSTRAINT" -> steps.add(step(steps, PostDataStep.CONSTRAINTS, e, name, null, e.sql()));
                case "INDEX ATTACH" -> steps.add(step(steps, PostDataStep.ATTACH, e, name, null, e.sql()));
                case "FK CONSTRAINT" -> steps.add(step(steps, PostDataStep.FOREIGN_KEYS, e, name, null, e.sql()));
                case "MATERIALIZED VIEW DATA" ->
                    steps.add(step(steps, PostDataStep.MATERIALIZED_VIEWS, e, name, null, e.sql()));
                default -> steps.add(step(steps, PostDataStep.OTHER, e, name, null, e.sql()));
            }
        }
        return steps;
    }

    private static void planConstraint(
            List<PostDataStep> steps, DumpEntry e, String settings, String stmt, Set<QualifiedName> plainTables) {
        Optional<ConstraintParts> parts = constraintParts(stmt);
        String name = e.describe();
        if (parts.isEmpty()) {
            steps.add(step(steps, PostDataStep.CONSTRAINTS, e, name, null, e.sql()));
            return;
        }
        ConstraintParts p = parts.get();
        String upper = p.rest().toUpperCase(Locale.ROOT);
        boolean indexBacked =
                upper.startsWith("PRIMARY KEY") || upper.startsWith("UNIQUE") || upper.startsWith("EXCLUDE");
        if (!indexBacked) {
            steps.add(step(steps, PostDataStep.CONSTRAINTS, e, name, null, e.sql()));
            return;
        }
        Matcher key = KEY.matcher(p.rest());
        if (!key.matches() || !plainTables.contains(p.table())) {
            steps.add(step(steps, PostDataStep.INDEXES, e, name, p.table(), e.sql()));
            return;
        }
        String table = p.table().quoted();
        String index = settings + "CREATE UNIQUE INDEX " + p.constraint() + " ON " + table + " USING btree ("
                + key.group(2) + ");";
        String attach = "ALTER TABLE ONLY " + table + " ADD CONSTRAINT " + p.constraint() + " " + key.group(1)
                + " USING INDEX " + p.constraint() + (key.group(3) == null ? "" : key.group(3)) + ";";
        steps.add(step(steps, PostDataStep.INDEXES, e, "index of " + name, p.table(), index));
        steps.add(step(steps, PostDataStep.CONSTRAINTS, e, name, p.table(), attach));
    }

    private static PostDataStep step(
            List<PostDataStep> steps, int phase, DumpEntry e, String name, QualifiedName table, String sql) {
        return new PostDataStep(steps.size() + 1, phase, e.type(), name, table, sql);
    }

    /** The parts of {@code ALTER TABLE [ONLY] t ADD CONSTRAINT c REST}. */
    record ConstraintParts(QualifiedName table, String constraint, String rest) {}

    static Optional<ConstraintParts> constraintParts(String stmt) {
        String s = stmt.replaceAll("\\s*\\n\\s*", " ");
        int at;
        if (s.startsWith("ALTER TABLE ONLY ")) {
            at = "ALTER TABLE ONLY ".length();
        } else if (s.startsWith("ALTER TABLE ")) {
            at = "ALTER TABLE ".length();
        } else {
            return Optional.empty();
        }
        int[] pos = {at};
        Optional<QualifiedName> table = QualifiedName.parse(s, pos);
        if (table.isEmpty() || !s.startsWith(" ADD CONSTRAINT ", pos[0])) {
            return Optional.empty();
        }
        int nameStart = pos[0] + " ADD CONSTRAINT ".length();
        pos[0] = nameStart;
        if (QualifiedName.ident(s, pos).isEmpty() || pos[0] >= s.length() || s.charAt(pos[0]) != ' ') {
            return Optional.empty();
        }
        return Optional.of(new ConstraintParts(table.get(), s.substring(nameStart, pos[0]), s.substring(pos[0] + 1)));
    }

    /** The table of {@code CREATE [UNIQUE] INDEX i ON [ONLY] t USING ...}. */
    static Optional<QualifiedName> indexTable(String stmt) {
        String s = stmt.replaceAll("\\s*\\n\\s*", " ");
        int at;
        if (s.startsWith("CREATE UNIQUE INDEX ")) {
            at = "CREATE UNIQUE INDEX ".length();
        } else if (s.startsWith("CREATE INDEX ")) {
            at = "CREATE INDEX ".length();
        } else {
            return Optional.empty();
        }
        int[] pos = {at};
        if (QualifiedName.ident(s, pos).isEmpty() || !s.startsWith(" ON ", pos[0])) {
            return Optional.empty();
        }
        pos[0] += " ON ".length();
        if (s.startsWith("ONLY ", pos[0])) {
            pos[0] += "ONLY ".length();
        }
        return QualifiedName.parse(s, pos);
    }

    /** The leading {@code SET} lines pg_dump put before the statement. */
    private static String settings(String sql) {
        StringBuilder sb = new StringBuilder();
        for (String line : sql.split("\n")) {
            if (!SETTING.matcher(line.strip()).matches()) {
                break;
            }
            sb.append(line.strip()).append('\n');
        }
        return sb.toString();
    }

    private static String statement(String sql) {
        String[] lines = sql.split("\n");
        int i = 0;
        while (i < lines.length && SETTING.matcher(lines[i].strip()).matches()) {
            i++;
        }
        return String.join("\n", java.util.Arrays.asList(lines).subList(i, lines.length))
                .strip();
    }
}
