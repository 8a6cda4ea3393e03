package dev.liftoff.postgres.preflight;

import dev.liftoff.core.LiftoffException;
import dev.liftoff.core.PostgresUrl;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The read-only checks of a copy. Stateless; each method uses the caller's connections and writes nothing. */
public final class Preflight {
    private static final String USER_SCHEMAS = "n.nspname NOT IN ('pg_catalog', 'information_schema', '_liftoff')"
            + " AND n.nspname !~ '^pg_(toast|temp)'";

    private static final String CONTENTS = "SELECT"
            + " (SELECT count(*) FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
            + "   WHERE c.relkind IN ('r', 'p', 'f') AND " + USER_SCHEMAS + notMember("pg_class", "c.oid") + "),"
            + " (SELECT count(*) FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
            + "   WHERE c.relkind IN ('v', 'm', 'S') AND " + USER_SCHEMAS + notMember("pg_class", "c.oid") + "),"
            + " (SELECT count(*) FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace"
            + "   WHERE " + USER_SCHEMAS + notMember("pg_proc", "p.oid") + "),"
            + " (SELECT count(*) FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace"
            + "   WHERE t.typtype IN ('b', 'd', 'e', 'r') AND t.typcategory <> 'A' AND " + USER_SCHEMAS
            + notMember("pg_type", "t.oid") + "),"
            + " (SELECT count(*) FROM pg_catalog.pg_namespace n WHERE n.nspname <> 'public' AND " + USER_SCHEMAS
            + notMember("pg_namespace", "n.oid") + "),"
            + " (SELECT count(*) FROM pg_catalog.pg_largeobject_metadata)";

    private Preflight() {}

    private static String notMember(String catalog, String oid) {
        return " AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d WHERE d.classid = '" + catalog
                + "'::regclass AND d.objid = " + oid + " AND d.deptype = 'e')";
    }

    /** Refuses the same database on both ends. */
    public static void refuseSameDatabase(
            DatabaseIdentity source, DatabaseIdentity target, PostgresUrl sourceUrl, PostgresUrl targetUrl) {
        if (source.sameDatabaseAs(target)) {
            throw LiftoffException.usage("--source " + sourceUrl.shortName() + " and --target "
                    + targetUrl.shortName() + " are the same database '" + source.database()
                    + "'; point --target at another, empty database");
        }
    }

    /** Whether liftoff's copy journal exists on the target. */
    public static boolean hasJournal(Connection target) throws SQLException {
        try (Statement st = target.createStatement();
                ResultSet rs = st.executeQuery("SELECT to_regclass('_liftoff.copy_run') IS NOT NULL")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    /**
     * Refuses a target that holds anything a fresh copy would collide with: tables, views, sequences, functions,
     * types, schemas other than {@code public}, large objects (extensions' own objects and liftoff's schema aside).
     */
    public static void requireEmpty(Connection target, PostgresUrl targetUrl) throws SQLException {
        long[] n = new long[6];
        try (Statement st = target.createStatement();
                ResultSet rs = st.executeQuery(CONTENTS)) {
            rs.next();
            for (int i = 0; i < n.length; i++) {
                n[i] = rs.getLong(i + 1);
            }
        }
        String[] what = {"table", "view or sequence", "function", "type", "schema", "large object"};
        List<String> found = new ArrayList<>();
        for (int i = 0; i < n.length; i++) {
            if (n[i] > 0) {
                found.add(n[i] + " " + (n[i] == 1 ? what[i] : plural(what[i])));
            }
        }
        if (!found.isEmpty()) {
            throw LiftoffException.environment("target database '" + targetUrl.database() + "' on "
                    + targetUrl.host() + ":" + targetUrl.port() + " is not empty (" + String.join(", ", found)
                    + "); point --target at an empty database (createdb NAME), or empty this one yourself");
        }
    }

    private static String plural(String s) {
        return switch (s) {
            case "view or sequence" -> "views or sequences";
            default -> s + "s";
        };
    }

    /** Refuses when an extension the source uses is not available on the target's server. */
    public static void requireExtensions(Connection source, Connection target, PostgresUrl targetUrl)
            throws SQLException {
        Set<String> used = names(source, "SELECT extname FROM pg_catalog.pg_extension ORDER BY 1");
        Set<String> available = names(target, "SELECT name FROM pg_catalog.pg_available_extensions");
        used.removeAll(available);
        if (!used.isEmpty()) {
            String list = String.join(", ", used);
            throw LiftoffException.environment((used.size() == 1 ? "extension " : "extensions ") + list
                    + " used by the source " + (used.size() == 1 ? "is" : "are") + " not available on the target "
                    + targetUrl.shortName() + "; install " + (used.size() == 1 ? "it" : "them")
                    + " on the target server (on a managed service, pick a version or plan that offers "
                    + (used.size() == 1 ? "it" : "them") + ") and run again");
        }
    }

    /** The names of the settings a server knows. */
    public static Set<String> settings(Connection c) throws SQLException {
        return names(c, "SELECT name FROM pg_catalog.pg_settings");
    }

    private static Set<String> names(Connection c, String sql) throws SQLException {
        Set<String> out = new LinkedHashSet<>();
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
