package dev.liftoff.postgres.sync.triggers;

import dev.liftoff.core.LiftoffException;
import dev.liftoff.postgres.sync.SourceSchema;
import dev.liftoff.postgres.sync.SourceTable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Installs and removes trigger capture on the source: a changelog table and one trigger function in {@code _liftoff},
 * an {@code AFTER} row trigger on every captured table that is not a partition (a partitioned table's trigger is
 * cloned onto its partitions, present and future) and a statement trigger for {@code TRUNCATE} on every captured
 * table (truncate triggers are not cloned). Only table ownership is needed, which is all Heroku Postgres grants.
 *
 * <p>Each change is logged with its transaction id ({@code pg_current_xact_id()}) and the row's composite text form,
 * written under fixed output settings ({@code DateStyle ISO}, {@code extra_float_digits 3}, hex {@code bytea},
 * {@code search_path pg_catalog}), so every type's text reads back to the same value on the target whatever the
 * application's session settings. The function is {@code SECURITY DEFINER}, so roles that write to the tables need no
 * rights on {@code _liftoff}; the triggers are {@code ENABLE ALWAYS}, so sessions running with
 * {@code session_replication_role = replica} are captured too. Stateless.
 */
public final class TriggerInstaller {
    /** The row trigger's name on every captured table. */
    public static final String ROW_TRIGGER = "_liftoff_capture";
    /** The truncate trigger's name. */
    public static final String TRUNCATE_TRIGGER = "_liftoff_truncate";

    private static final int LOCK_ATTEMPTS = 20;

    /**
     * The trigger function. Row text must come out under fixed output settings, but a function's own {@code SET}
     * clauses cost every captured write a GUC save and restore (and {@code search_path} a namespace recomputation)
     * twice per row, which under pgbench halved throughput. So the function checks the writer's settings and
     * converts the row itself when they already print every value the fixed way (ISO dates, {@code postgres}
     * intervals, shortest-exact floats, hex {@code bytea}: what PgJDBC and most drivers set). Otherwise, and always
     * for tables whose values print by {@code lc_monetary} or {@code search_path} (money, reg* and composite
     * columns; their trigger passes {@code 'fixed'}), it hands the row to {@link #LOG_FIXED}, which has the clauses.
     */
    private static final String FUNCTION = """
            CREATE FUNCTION _liftoff.capture() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
            AS $capture$
            BEGIN
              IF TG_OP OPERATOR(pg_catalog.=) 'TRUNCATE' THEN
                INSERT INTO _liftoff.changelog (rel, op) VALUES (TG_RELID, 'T');
              ELSIF TG_NARGS OPERATOR(pg_catalog.=) 0
                  AND pg_catalog.current_setting('DateStyle') OPERATOR(pg_catalog.~~) 'ISO%'
                  AND pg_catalog.current_setting('IntervalStyle') OPERATOR(pg_catalog.=) 'postgres'
                  AND pg_catalog.current_setting('bytea_output') OPERATOR(pg_catalog.=) 'hex'
                  AND pg_catalog.current_setting('extra_float_digits')::pg_catalog.int4 OPERATOR(pg_catalog.>) 0 THEN
                IF TG_OP OPERATOR(pg_catalog.=) 'INSERT' THEN
                  INSERT INTO _liftoff.changelog (rel, op, new_row) VALUES (TG_RELID, 'I', NEW::pg_catalog.text);
                ELSIF TG_OP OPERATOR(pg_catalog.=) 'UPDATE' THEN
                  INSERT INTO _liftoff.changelog (rel, op, old_row, new_row)
                  VALUES (TG_RELID, 'U', OLD::pg_catalog.text, NEW::pg_catalog.text);
                ELSE
                  INSERT INTO _liftoff.changelog (rel, op, old_row) VALUES (TG_RELID, 'D', OLD::pg_catalog.text);
                END IF;
              ELSIF TG_OP OPERATOR(pg_catalog.=) 'INSERT' THEN
                PERFORM _liftoff.log_fixed(TG_RELID, 'I', NULL, NEW);
              ELSIF TG_OP OPERATOR(pg_catalog.=) 'UPDATE' THEN
                PERFORM _liftoff.log_fixed(TG_RELID, 'U', OLD, NEW);
              ELSE
                PERFORM _liftoff.log_fixed(TG_RELID, 'D', OLD, NULL);
              END IF;
              RETURN NULL;
            END
            $capture$""";

    /** Converts and logs one row under fixed output settings; the capture function's slow path. */
    private static final String LOG_FIXED = """
            CREATE FUNCTION _liftoff.log_fixed(rel oid, op "char", old_row anyelement, new_row anyelement)
            RETURNS void LANGUAGE plpgsql SECURITY DEFINER
            SET search_path = pg_catalog, pg_temp
            SET DateStyle = 'ISO, YMD'
            SET IntervalStyle = 'postgres'
            SET extra_float_digits = 3
            SET bytea_output = 'hex'
            SET lc_monetary = 'C'
            AS $log$
            BEGIN
              INSERT INTO _liftoff.changelog (rel, op, old_row, new_row)
              VALUES (rel, op, old_row::text, new_row::text);
            END
            $log$""";

    /**
     * Tables whose row text depends on settings the fast path does not check: a column (or its array element, or
     * its domain's base type) of type money, a reg* type, or a composite type (whose fields might be either).
     */
    private static final String NEEDS_FIXED = "SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_attribute a"
            + " JOIN pg_catalog.pg_type t ON t.oid = a.atttypid"
            + " LEFT JOIN pg_catalog.pg_type e ON e.oid = t.typelem AND t.typcategory = 'A'"
            + " LEFT JOIN pg_catalog.pg_type d ON d.oid = t.typbasetype"
            + " WHERE a.attrelid = ?::pg_catalog.regclass AND a.attnum > 0 AND NOT a.attisdropped"
            + " AND (t.typtype = 'c' OR e.typtype = 'c' OR d.typtype = 'c'"
            + " OR 'money'::pg_catalog.regtype IN (t.oid, e.oid, d.oid) OR t.typcategory = 'N' AND t.oid <> ALL"
            + " ('{int2,int4,int8,float4,float8,numeric,oid}'::pg_catalog.regtype[])"
            + " OR e.typcategory = 'N' AND e.oid <> ALL ('{int2,int4,int8,float4,float8,numeric,oid}'"
            + "::pg_catalog.regtype[]) OR d.typcategory = 'N' AND d.oid <> ALL"
            + " ('{int2,int4,int8,float4,float8,numeric,oid}'::pg_catalog.regtype[])))";

    private TriggerInstaller() {}

    /** Creates the changelog and the trigger function; call in the transaction that creates the bookkeeping. */
    public static void createObjects(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            // No primary key: the reader only looks rows up by transaction, so one index is all a write pays for.
            st.execute("CREATE TABLE _liftoff.changelog (id bigint GENERATED ALWAYS AS IDENTITY,"
                    + " txid xid8 NOT NULL DEFAULT pg_catalog.pg_current_xact_id(), rel oid NOT NULL,"
                    + " op \"char\" NOT NULL, old_row text, new_row text)"
                    + " WITH (autovacuum_vacuum_scale_factor = 0.01, autovacuum_vacuum_cost_delay = 0)");
            st.execute("CREATE INDEX changelog_txid ON _liftoff.changelog (txid, id)");
            st.execute(LOG_FIXED);
            st.execute(FUNCTION);
        }
    }

    /**
     * Puts the triggers on every captured table and on the marker table, one table per transaction (so the
     * application waits at most for one table's lock at a time), skipping tables that have them already (a resumed
     * install). A table locked by a long transaction is retried, then reported.
     *
     * @param c a source connection with autocommit off
     * @return how many tables got triggers now
     */
    public static int installTriggers(Connection c, SourceSchema schema, Duration lockTimeout, Consumer<String> notice)
            throws SQLException {
        Set<String> present = new HashSet<>();
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT t.tgrelid::text || '/' || t.tgname FROM pg_catalog.pg_trigger t"
                        + " WHERE t.tgname IN ('" + ROW_TRIGGER + "', '" + TRUNCATE_TRIGGER + "')")) {
            while (rs.next()) {
                present.add(rs.getString(1));
            }
        }
        c.commit();
        List<Object[]> work = new ArrayList<>();
        for (SourceTable t : schema.tables().values()) {
            work.add(new Object[] {t.oid(), t.qualified(), !t.partition()});
        }
        work.add(new Object[] {markerOid(c), "_liftoff.marker", true});
        int installed = 0;
        int done = 0;
        long lastNotice = System.nanoTime();
        for (Object[] w : work) {
            long oid = (Long) w[0];
            String name = (String) w[1];
            boolean rowTrigger = (Boolean) w[2];
            boolean needRow = rowTrigger && !present.contains(oid + "/" + ROW_TRIGGER);
            boolean needTruncate = !present.contains(oid + "/" + TRUNCATE_TRIGGER);
            if (needRow || needTruncate) {
                installOne(c, name, needRow, needTruncate, lockTimeout);
                installed++;
            }
            done++;
            if (System.nanoTime() - lastNotice > 5_000_000_000L) {
                notice.accept("installing capture triggers: " + done + " of " + work.size() + " tables");
                lastNotice = System.nanoTime();
            }
        }
        enableAlwaysOnClones(c, lockTimeout);
        return installed;
    }

    private static long markerOid(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT '_liftoff.marker'::pg_catalog.regclass::oid")) {
            rs.next();
            long oid = rs.getLong(1);
            c.commit();
            return oid;
        }
    }

    private static void installOne(Connection c, String table, boolean row, boolean truncate, Duration lockTimeout)
            throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try (Statement st = c.createStatement()) {
                st.execute("SET LOCAL lock_timeout = " + Math.max(1, lockTimeout.toMillis()));
                if (row) {
                    st.execute("CREATE TRIGGER " + ROW_TRIGGER + " AFTER INSERT OR UPDATE OR DELETE ON " + table
                            + " FOR EACH ROW EXECUTE FUNCTION _liftoff.capture("
                            + (needsFixed(c, table) ? "'fixed'" : "")
                            + ")");
                    st.execute("ALTER TABLE " + table + " ENABLE ALWAYS TRIGGER " + ROW_TRIGGER);
                }
                if (truncate) {
                    st.execute("CREATE TRIGGER " + TRUNCATE_TRIGGER + " AFTER TRUNCATE ON " + table
                            + " FOR EACH STATEMENT EXECUTE FUNCTION _liftoff.capture()");
                    st.execute("ALTER TABLE " + table + " ENABLE ALWAYS TRIGGER " + TRUNCATE_TRIGGER);
                }
                c.commit();
                return;
            } catch (SQLException e) {
                c.rollback();
                if (!"55P03".equals(e.getSQLState())) {
                    throw e;
                }
                if (attempt >= LOCK_ATTEMPTS) {
                    throw LiftoffException.environment("cannot install capture triggers on " + table + ": it stayed"
                            + " locked by other transactions through " + LOCK_ATTEMPTS + " attempts; end the long"
                            + " transaction holding it (see pg_locks and pg_stat_activity) and run pg sync again");
                }
                try {
                    Thread.sleep(Math.min(5_000, 100L * attempt * attempt));
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw LiftoffException.environment("interrupted while installing capture triggers", ie);
                }
            }
        }
    }

    private static boolean needsFixed(Connection c, String table) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(NEEDS_FIXED)) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /** Servers before 15 do not pass {@code ENABLE ALWAYS} down to the partitions' cloned triggers. */
    private static void enableAlwaysOnClones(Connection c, Duration lockTimeout) throws SQLException {
        List<String> fix = new ArrayList<>();
        try (Statement st = c.createStatement();
                ResultSet rs =
                        st.executeQuery("SELECT t.tgrelid::pg_catalog.regclass::text FROM pg_catalog.pg_trigger t"
                                + " WHERE t.tgname = '" + ROW_TRIGGER + "' AND t.tgenabled <> 'A'")) {
            while (rs.next()) {
                fix.add(rs.getString(1));
            }
        }
        c.commit();
        for (String table : fix) {
            try (Statement st = c.createStatement()) {
                st.execute("SET LOCAL lock_timeout = " + Math.max(1, lockTimeout.toMillis()));
                st.execute("ALTER TABLE " + table + " ENABLE ALWAYS TRIGGER " + ROW_TRIGGER);
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /**
     * Drops every liftoff trigger on the source's tables (wherever one was left) and returns their descriptions.
     * Runs in autocommit.
     */
    public static List<String> dropTriggers(Connection c) throws SQLException {
        List<String[]> found = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT t.tgrelid::pg_catalog.regclass::text, t.tgname"
                + " FROM pg_catalog.pg_trigger t WHERE t.tgname IN (?, ?) AND t.tgparentid = 0 ORDER BY 1, 2"); ) {
            ps.setString(1, ROW_TRIGGER);
            ps.setString(2, TRUNCATE_TRIGGER);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add(new String[] {rs.getString(1), rs.getString(2)});
                }
            }
        }
        List<String> dropped = new ArrayList<>();
        try (Statement st = c.createStatement()) {
            for (String[] t : found) {
                st.execute("DROP TRIGGER IF EXISTS " + t[1] + " ON " + t[0]);
                dropped.add("trigger " + t[1] + " on " + t[0]);
            }
        }
        return dropped;
    }
}
