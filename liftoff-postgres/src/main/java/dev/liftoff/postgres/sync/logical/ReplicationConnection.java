package dev.liftoff.postgres.sync.logical;

import dev.liftoff.core.PostgresUrl;
import dev.liftoff.postgres.jdbc.PgConnect;
import dev.liftoff.postgres.jdbc.Side;
import dev.liftoff.postgres.sync.Lsn;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.postgresql.PGConnection;
import org.postgresql.replication.LogSequenceNumber;
import org.postgresql.replication.PGReplicationStream;

/**
 * A replication-mode session on the source ({@code replication=database}), wrapping PgJDBC's replication API: it
 * creates the slot (holding the snapshot it exports for as long as the session stays open and idle) or streams from
 * it. One stream per session, as PgJDBC requires; not thread-safe; {@link #close()} ends the session.
 */
final class ReplicationConnection implements AutoCloseable {
    /**
     * A slot just created.
     *
     * @param consistentPoint where decoding starts: transactions committed after it are streamed
     * @param snapshotName the exported snapshot that sees exactly the transactions committed before it
     */
    record Slot(String name, Lsn consistentPoint, String snapshotName) {}

    private final Connection connection;

    private ReplicationConnection(Connection connection) {
        this.connection = connection;
    }

    /** Opens a replication session to {@code source}. */
    static ReplicationConnection open(PostgresUrl source) {
        Properties p = new Properties();
        p.setProperty("replication", "database");
        p.setProperty("assumeMinServerVersion", "9.4");
        p.setProperty("preferQueryMode", "simple");
        // pgoutput prints values with the walsender's settings: fix the ones that shape text output.
        p.setProperty(
                "options",
                "-c DateStyle=ISO,YMD -c IntervalStyle=postgres -c extra_float_digits=3 -c bytea_output=hex"
                        + " -c lc_monetary=C");
        return new ReplicationConnection(PgConnect.open(source, Side.SOURCE, p));
    }

    /** Creates a logical {@code pgoutput} slot that exports its snapshot. */
    Slot createSlot(String name) throws SQLException {
        try (Statement st = connection.createStatement();
                ResultSet rs =
                        st.executeQuery("CREATE_REPLICATION_SLOT " + name + " LOGICAL pgoutput EXPORT_SNAPSHOT")) {
            rs.next();
            return new Slot(rs.getString(1), Lsn.parse(rs.getString(2)), rs.getString(3));
        }
    }

    /** Starts streaming {@code slot} from {@code start}, publication {@code publication}, protocol version 1. */
    WalStream stream(String slot, String publication, Lsn start) throws SQLException {
        PGReplicationStream s = connection
                .unwrap(PGConnection.class)
                .getReplicationAPI()
                .replicationStream()
                .logical()
                .withSlotName(slot)
                .withStartPosition(LogSequenceNumber.valueOf(start.value()))
                .withSlotOption("proto_version", "1")
                .withSlotOption("publication_names", publication)
                .withStatusInterval(1, TimeUnit.SECONDS)
                .start();
        return new PgJdbcStream(s);
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            // Ending the session is all that is left; the server ends it either way.
        }
    }

    /** PgJDBC's stream behind {@link WalStream}. */
    private record PgJdbcStream(PGReplicationStream stream) implements WalStream {
        @Override
        public ByteBuffer poll() throws SQLException {
            return stream.readPending();
        }

        @Override
        public Lsn lastReceived() {
            return new Lsn(stream.getLastReceiveLSN().asLong());
        }

        @Override
        public void confirm(Lsn flushed) {
            LogSequenceNumber lsn = LogSequenceNumber.valueOf(flushed.value());
            stream.setAppliedLSN(lsn);
            stream.setFlushedLSN(lsn);
        }

        @Override
        public void sendStatus() throws SQLException {
            stream.forceUpdateStatus();
        }

        @Override
        public void close() throws SQLException {
            stream.close();
        }
    }
}
