package dev.liftoff.redis.resp;

/**
 * A command got an error reply where the caller needed a result. The message is the server's error line, which never
 * contains a password (servers do not echo AUTH arguments).
 */
public final class RedisReplyException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient RespError error;

    public RedisReplyException(RespError error) {
        super(error.message());
        this.error = error;
    }

    public RespError error() {
        return error;
    }
}
