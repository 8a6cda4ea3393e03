package dev.liftoff.redis.resp;

import java.io.IOException;

/**
 * A connection that was open broke (reset, closed by the server, timed out). Retriable: the caller may open a new
 * connection and redo the work; {@link #getMessage()} names the end and the server with the password masked.
 */
public final class ConnectionLostException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConnectionLostException(Endpoint endpoint, IOException cause) {
        super("lost the connection to the " + endpoint.describe() + ": " + cause.getMessage(), cause);
    }
}
