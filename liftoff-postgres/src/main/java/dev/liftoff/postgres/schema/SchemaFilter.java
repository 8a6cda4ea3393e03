package dev.liftoff.postgres.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Takes out of a dump what would break on a managed target (RDS, Cloud SQL, another Heroku) or does not belong
 * there, and says what it took out: event triggers (they need superuser), liftoff's own change-capture triggers on
 * the source, session settings the target's server does not know (a newer pg_dump's). With an owner map, rewrites
 * {@code OWNER TO} statements. Publications, subscriptions, tablespaces, security labels and grants never reach the
 * script: pg_dump leaves them out on liftoff's request. Stateless.
 */
public final class SchemaFilter {
    private static final Pattern OWNER =
            Pattern.compile("(?m)^(ALTER .* OWNER TO )(\"(?:[^\"]|\"\")+\"|[A-Za-z_][A-Za-z0-9_$]*);$");

    private SchemaFilter() {}

    /**
     * The filtered script and one notice per object left out.
     *
     * @param script what remains
     * @param notices one line per object left out, naming it and why
     */
    public record Filtered(DumpScript script, List<String> notices) {
        public Filtered {
            notices = List.copyOf(notices);
        }
    }

    /**
     * Filters one section.
     *
     * @param ownerMap old role to new role, applied to {@code OWNER TO} (empty: unchanged)
     * @param targetSettings names of the settings the target's server knows
     */
    public static Filtered apply(DumpScript script, Map<String, String> ownerMap, Set<String> targetSettings) {
        List<String> notices = new ArrayList<>();
        List<String> preamble = new ArrayList<>();
        for (String s : script.preamble()) {
            Matcher m = Pattern.compile("^SET ([a-z_.]+) =").matcher(s);
            if (m.find() && !targetSettings.contains(m.group(1).toLowerCase(Locale.ROOT))) {
                continue;
            }
            preamble.add(s);
        }
        List<DumpEntry> entries = new ArrayList<>();
        for (DumpEntry e : script.entries()) {
            if (e.type().equals("EVENT TRIGGER")
                    || (e.type().equals("COMMENT") && e.name().startsWith("EVENT TRIGGER "))) {
                if (e.type().equals("EVENT TRIGGER")) {
                    notices.add("event trigger " + e.name() + " not copied: creating event triggers needs superuser,"
                            + " which managed targets do not grant; recreate it by hand where the target allows");
                }
                continue;
            }
            if (e.sql().contains("_liftoff.")) {
                notices.add(e.describe() + " not copied: it belongs to liftoff's change capture on the source");
                continue;
            }
            entries.add(ownerMap.isEmpty() ? e : e.withSql(mapOwners(e.sql(), ownerMap)));
        }
        return new Filtered(new DumpScript(preamble, entries), notices);
    }

    static String mapOwners(String sql, Map<String, String> ownerMap) {
        Matcher m = OWNER.matcher(sql);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String role = unquote(m.group(2));
            String mapped = ownerMap.getOrDefault(role, role);
            m.appendReplacement(sb, Matcher.quoteReplacement(m.group(1) + QualifiedName.quote(mapped) + ";"));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    private static String unquote(String ident) {
        if (ident.startsWith("\"")) {
            return ident.substring(1, ident.length() - 1).replace("\"\"", "\"");
        }
        return ident;
    }
}
