package dev.liftoff.postgres.sync;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Sets the target's sequences to the source's values at the cutover: sequences are not transactional, so no change
 * capture carries them. Reads every sequence of the source's user schemas (extensions' own and liftoff's left out)
 * and sets the one of the same name on the target, all in one target transaction. Stateless.
 */
final class Sequences {
    private Sequences() {}

    /**
     * Copies the values.
     *
     * @param notices gets a line per sequence missing on the target
     * @return how many sequences were set
     */
    static int copy(Connection source, Connection target, List<String> notices) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Statement st = source.createStatement();
                ResultSet rs = st.executeQuery("SELECT pg_catalog.quote_ident(n.nspname) || '.' ||"
                        + " pg_catalog.quote_ident(c.relname) FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n"
                        + " ON n.oid = c.relnamespace WHERE c.relkind = 'S' AND " + SourceSchema.USER_SCHEMAS
                        + SourceSchema.NOT_EXTENSION_MEMBER + " ORDER BY 1")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        boolean autoCommit = target.getAutoCommit();
        target.setAutoCommit(false);
        int set = 0;
        try (PreparedStatement exists = target.prepareStatement("SELECT pg_catalog.to_regclass(?) IS NOT NULL");
                PreparedStatement setval = target.prepareStatement("SELECT pg_catalog.setval(?::regclass, ?, ?)")) {
            for (String name : names) {
                long last;
                boolean called;
                try (Statement st = source.createStatement();
                        ResultSet rs = st.executeQuery("SELECT last_value, is_called FROM " + name)) {
                    rs.next();
                    last = rs.getLong(1);
                    called = rs.getBoolean(2);
                }
                exists.setString(1, name);
                try (ResultSet rs = exists.executeQuery()) {
                    rs.next();
                    if (!rs.getBoolean(1)) {
                        notices.add("sequence " + name + " is not on the target; not set");
                        continue;
                    }
                }
                setval.setString(1, name);
                setval.setLong(2, last);
                setval.setBoolean(3, called);
                setval.execute();
                set++;
            }
            TargetBook.markFinished(target);
            target.commit();
        } catch (SQLException | RuntimeException e) {
            target.rollback();
            throw e;
        } finally {
            target.setAutoCommit(autoCommit);
        }
        return set;
    }
}
