package dev.liftoff.migrate.phases;

import dev.liftoff.core.PostgresUrl;
import dev.liftoff.migrate.runbook.DataHandoff;
import dev.liftoff.migrate.runbook.Verdict;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * For tests of the traffic side of a cutover: "finishes" by copying the sample app's orders from the old database to
 * the new one and setting the sequence, which is exactly right while writes are frozen. Stands in for the PostgreSQL
 * sync, whose facade this test does not need.
 */
final class OrdersCopyHandoff implements DataHandoff {
    private final PostgresUrl oldDb;
    private final PostgresUrl newDb;
    volatile String forcedDifference;

    OrdersCopyHandoff(PostgresUrl oldDb, PostgresUrl newDb) {
        this.oldDb = oldDb;
        this.newDb = newDb;
    }

    @Override
    public Duration lag() {
        return Duration.ZERO;
    }

    @Override
    public boolean finish(Duration timeout) {
        try (Connection from = connect(oldDb);
                Connection to = connect(newDb);
                Statement read = from.createStatement();
                ResultSet rs = read.executeQuery("SELECT id, request_id, item, quantity, status FROM orders");
                PreparedStatement write = to.prepareStatement(
                        "INSERT INTO orders (id, request_id, item, quantity, status) VALUES (?, ?, ?, ?, ?)"
                                + " ON CONFLICT (id) DO NOTHING")) {
            while (rs.next()) {
                write.setLong(1, rs.getLong(1));
                write.setObject(2, rs.getObject(2));
                write.setString(3, rs.getString(3));
                write.setInt(4, rs.getInt(4));
                write.setString(5, rs.getString(5));
                write.addBatch();
            }
            write.executeBatch();
            try (Statement st = to.createStatement()) {
                st.execute("SELECT setval('orders_id_seq', (SELECT coalesce(max(id), 1) FROM orders))");
            }
            return true;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public Verdict quickVerify(Duration timeout) {
        if (forcedDifference != null) {
            return Verdict.differs(forcedDifference);
        }
        long before = count(oldDb);
        long after = count(newDb);
        return before == after
                ? Verdict.same(after + " orders equal")
                : Verdict.differs("orders: " + before + " rows old, " + after + " new");
    }

    static long count(PostgresUrl db) {
        try (Connection c = connect(db);
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FROM orders")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Connection connect(PostgresUrl db) throws SQLException {
        return DriverManager.getConnection(db.jdbcUrl(), db.jdbcProperties());
    }
}
