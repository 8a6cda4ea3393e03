package dev.liftoff.loadtest.engine;

/** Why a request counted as an error. */
public enum ErrorKind {
    /** The server answered 400-499. */
    STATUS_4XX,
    /** The server answered 500-599. */
    STATUS_5XX,
    /** No connection could be made (refused, unreachable, TLS handshake failed). */
    CONNECT,
    /** No complete answer within the request timeout. */
    TIMEOUT,
    /** The connection closed or reset before the answer was complete. */
    CLOSED,
    /** The answer was not HTTP/1.x as expected. */
    PROTOCOL,
    /** The answer came, but a value the next steps need could not be extracted from it. */
    EXTRACT;

    /** The snake_case name used in reports. */
    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
