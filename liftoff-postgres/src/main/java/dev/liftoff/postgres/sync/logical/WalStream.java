package dev.liftoff.postgres.sync.logical;

import dev.liftoff.postgres.sync.Lsn;
import java.nio.ByteBuffer;
import java.sql.SQLException;

/**
 * A logical replication stream of {@code pgoutput} messages, as the capture needs it: our own narrow view of the
 * driver's stream, so the decoding and apply loop speak no vendor types. Not thread-safe; the closer ends the
 * stream, not its connection.
 */
interface WalStream extends AutoCloseable {
    /** The next message, or {@code null} when none is waiting. Does not block. */
    ByteBuffer poll() throws SQLException;

    /** The WAL position of the last message or keepalive received. */
    Lsn lastReceived();

    /**
     * Tells the server that everything before {@code flushed} is applied for good, so the slot may let that WAL go;
     * sent with the next status update.
     */
    void confirm(Lsn flushed);

    /** Sends a status update now. */
    void sendStatus() throws SQLException;

    @Override
    void close() throws SQLException;
}
