package dev.liftoff.postgres.preflight;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;

/**
 * Who a database is, to tell whether two URLs reach the same one (through another host name, a pooler or a port
 * forward). The cluster is known by its {@code system_identifier} where {@code pg_control_system()} is readable,
 * else by its server address, port and start time.
 *
 * @param systemIdentifier the cluster's system identifier, or {@code null} when not readable
 * @param serverAddress the server's address, port and start time, the fallback cluster identity
 * @param databaseOid the database's OID in its cluster
 * @param database the database name
 * @param serverVersionNum {@code server_version_num}, e.g. 150020
 */
public record DatabaseIdentity(
        String systemIdentifier, String serverAddress, long databaseOid, String database, int serverVersionNum) {
    public DatabaseIdentity {
        Objects.requireNonNull(serverAddress, "serverAddress");
        Objects.requireNonNull(database, "database");
    }

    /** Reads the identity of the database {@code c} is connected to. */
    public static DatabaseIdentity of(Connection c) throws SQLException {
        String address;
        long oid;
        String db;
        int version;
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT coalesce(host(inet_server_addr()), 'local') || ':'"
                        + " || coalesce(inet_server_port(), 0) || '@' || pg_postmaster_start_time(),"
                        + " d.oid, d.datname, current_setting('server_version_num')::int"
                        + " FROM pg_catalog.pg_database d WHERE d.datname = current_database()")) {
            rs.next();
            address = rs.getString(1);
            oid = rs.getLong(2);
            db = rs.getString(3);
            version = rs.getInt(4);
        }
        String sysid = null;
        boolean autoCommit = c.getAutoCommit();
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT system_identifier::text FROM pg_catalog.pg_control_system()")) {
            if (rs.next()) {
                sysid = rs.getString(1);
            }
        } catch (SQLException e) {
            // Not readable without privileges on some managed servers: the address and start time stand in.
            if (!autoCommit) {
                c.rollback();
            }
        }
        return new DatabaseIdentity(sysid, address, oid, db, version);
    }

    /** The major version, e.g. 15. */
    public int majorVersion() {
        return serverVersionNum / 10_000;
    }

    /** Whether both are the same database of the same cluster. */
    public boolean sameDatabaseAs(DatabaseIdentity other) {
        boolean sameCluster = systemIdentifier != null && other.systemIdentifier != null
                ? systemIdentifier.equals(other.systemIdentifier)
                : serverAddress.equals(other.serverAddress);
        return sameCluster && databaseOid == other.databaseOid && database.equals(other.database);
    }
}
