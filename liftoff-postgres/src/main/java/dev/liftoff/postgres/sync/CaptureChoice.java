package dev.liftoff.postgres.sync;

import dev.liftoff.core.LiftoffException;
import dev.liftoff.postgres.CaptureMethod;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Decides how to capture a source's changes, before anything is written to it, and says why. Logical decoding needs
 * {@code wal_level = logical}, the {@code REPLICATION} attribute, a free replication slot, the right to create a
 * publication and, for each table, WAL (not unlogged) and a way to find updated rows (a primary key, a replica
 * identity index or {@code REPLICA IDENTITY FULL}; without one the source itself would refuse the application's
 * updates once the table is published). Triggers need PostgreSQL 13+, the right to create a schema and ownership of
 * the tables. Stateless.
 *
 * @param method the method chosen
 * @param reason why, for people
 */
public record CaptureChoice(CaptureMethod method, String reason) {
    /**
     * Chooses for {@code requested} over {@code source}.
     *
     * @throws LiftoffException with {@code ENVIRONMENT} naming what is missing and the remedy when the requested
     *     method (or, for {@code AUTO}, neither) is possible
     */
    public static CaptureChoice choose(Connection source, CaptureMethod requested, SourceSchema tables)
            throws SQLException {
        Facts f = Facts.read(source);
        List<String> logicalBlocks = logicalBlocks(f, tables);
        Optional<String> triggerBlock = triggerBlock(f);
        switch (requested) {
            case LOGICAL -> {
                if (!logicalBlocks.isEmpty()) {
                    throw LiftoffException.environment(
                            "--capture logical is not possible on the source: " + String.join("; ", logicalBlocks));
                }
                return new CaptureChoice(CaptureMethod.LOGICAL, "requested with --capture logical");
            }
            case TRIGGERS -> {
                triggerBlock.ifPresent(b -> {
                    throw LiftoffException.environment("--capture triggers is not possible on the source: " + b);
                });
                return new CaptureChoice(CaptureMethod.TRIGGERS, "requested with --capture triggers");
            }
            default -> {
                if (logicalBlocks.isEmpty()) {
                    return new CaptureChoice(
                            CaptureMethod.LOGICAL,
                            "the source allows logical decoding (wal_level=logical, REPLICATION," + " a free slot)");
                }
                if (triggerBlock.isPresent()) {
                    throw LiftoffException.environment("neither capture method is possible on the source. Logical"
                            + " decoding: " + String.join("; ", logicalBlocks) + ". Triggers: " + triggerBlock.get());
                }
                return new CaptureChoice(
                        CaptureMethod.TRIGGERS, "logical decoding is not possible: " + logicalBlocks.get(0));
            }
        }
    }

    private static List<String> logicalBlocks(Facts f, SourceSchema tables) {
        List<String> out = new ArrayList<>();
        if (!f.walLevel.equals("logical")) {
            out.add("wal_level is " + f.walLevel + " (set wal_level = logical and restart the server; on RDS set"
                    + " rds.logical_replication = 1; Heroku offers no logical decoding: use --capture triggers)");
        }
        if (!f.replication) {
            out.add("user " + f.user + " lacks the REPLICATION attribute (ALTER ROLE " + f.user + " REPLICATION; on"
                    + " RDS GRANT rds_replication TO " + f.user + ")");
        }
        if (f.freeSlots <= 0) {
            out.add("no free replication slot (all " + f.maxSlots + " in use: raise max_replication_slots or drop an"
                    + " unused slot)");
        }
        if (!f.createOnDatabase) {
            out.add("user " + f.user + " may not create a publication in the database (GRANT CREATE ON DATABASE)");
        }
        List<String> unlogged = new ArrayList<>();
        List<String> noIdentity = new ArrayList<>();
        for (SourceTable t : tables.tables().values()) {
            if (t.kind() != 'r') {
                continue;
            }
            if (t.unlogged()) {
                unlogged.add(t.qualified());
            } else if (!t.logicalIdentity()) {
                noIdentity.add(t.qualified());
            }
        }
        if (!unlogged.isEmpty()) {
            out.add(list(unlogged) + (unlogged.size() == 1 ? " is" : " are") + " unlogged, so logical decoding cannot"
                    + " see " + (unlogged.size() == 1 ? "its" : "their") + " changes (ALTER TABLE ... SET LOGGED, or"
                    + " use --capture triggers)");
        }
        if (!noIdentity.isEmpty()) {
            out.add(list(noIdentity) + (noIdentity.size() == 1 ? " has" : " have") + " no primary key, so once"
                    + " published the source would refuse updates and deletes on "
                    + (noIdentity.size() == 1 ? "it" : "them")
                    + " (add a primary key or run ALTER TABLE " + noIdentity.get(0) + " REPLICA IDENTITY FULL"
                    + (noIdentity.size() > 1 ? " for each" : "") + ", or use --capture triggers)");
        }
        if (!f.notOwned().isEmpty()) {
            out.add("user " + f.user + " does not own " + list(f.notOwned()) + " (a publication needs ownership)");
        }
        return out;
    }

    private static Optional<String> triggerBlock(Facts f) {
        if (f.versionNum < 130000) {
            return Optional.of("the source runs PostgreSQL " + f.versionNum / 10000 + "; trigger capture needs 13 or"
                    + " newer (pg_current_xact_id); upgrade the source first");
        }
        if (!f.createOnDatabase) {
            return Optional.of("user " + f.user + " may not create the _liftoff schema (GRANT CREATE ON DATABASE "
                    + f.database + " TO " + f.user + ")");
        }
        List<String> notOwned = f.notOwned();
        if (!notOwned.isEmpty()) {
            return Optional.of("user " + f.user + " does not own " + list(notOwned) + " and so cannot put triggers on "
                    + (notOwned.size() == 1 ? "it" : "them") + "; connect --source as the tables' owner");
        }
        return Optional.empty();
    }

    private static String list(List<String> names) {
        if (names.size() <= 5) {
            return String.join(", ", names);
        }
        return String.join(", ", names.subList(0, 5)) + " and " + (names.size() - 5) + " more";
    }

    /** What the source allows, read once. */
    private record Facts(
            String user,
            String database,
            int versionNum,
            String walLevel,
            boolean replication,
            int maxSlots,
            int freeSlots,
            boolean createOnDatabase,
            List<String> notOwned) {
        static Facts read(Connection c) throws SQLException {
            try (Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT current_user, current_database(),"
                            + " current_setting('server_version_num')::int, current_setting('wal_level'),"
                            + " (SELECT rolreplication OR rolsuper FROM pg_catalog.pg_roles WHERE rolname = current_user),"
                            + " current_setting('max_replication_slots')::int,"
                            + " current_setting('max_replication_slots')::int"
                            + "   - (SELECT count(*) FROM pg_catalog.pg_replication_slots),"
                            + " has_database_privilege(current_database(), 'CREATE'),"
                            + " ARRAY(SELECT pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(c.relname)"
                            + "   FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                            + "   WHERE c.relkind IN ('r', 'p') AND " + SourceSchema.USER_SCHEMAS
                            + SourceSchema.NOT_EXTENSION_MEMBER
                            + "   AND NOT pg_catalog.pg_has_role(current_user, c.relowner, 'USAGE') ORDER BY 1)")) {
                rs.next();
                return new Facts(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getInt(3),
                        rs.getString(4),
                        rs.getBoolean(5),
                        rs.getInt(6),
                        rs.getInt(7),
                        rs.getBoolean(8),
                        List.of((String[]) rs.getArray(9).getArray()));
            }
        }
    }
}
