package dev.liftoff.core;

import java.util.Objects;

/**
 * The one exception liftoff's libraries throw for failures a user must act on. The message is a single line that
 * names the object, gives the numbers and says the fix; it never contains a password or a config value. The
 * {@link ErrorCode} decides the exit code.
 */
public final class LiftoffException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;

    public LiftoffException(ErrorCode code, String message) {
        this(code, message, null);
    }

    public LiftoffException(ErrorCode code, String message, Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause);
        this.code = Objects.requireNonNull(code, "code");
    }

    /** A malformed or impossible request (exit 2). */
    public static LiftoffException usage(String message) {
        return new LiftoffException(ErrorCode.USAGE, message);
    }

    /** The environment is not as needed (exit 3). */
    public static LiftoffException environment(String message, Throwable cause) {
        return new LiftoffException(ErrorCode.ENVIRONMENT, message, cause);
    }

    /** The environment is not as needed (exit 3). */
    public static LiftoffException environment(String message) {
        return new LiftoffException(ErrorCode.ENVIRONMENT, message);
    }

    /** A check ran and found a difference or a broken objective (exit 1). */
    public static LiftoffException checkFailed(String message) {
        return new LiftoffException(ErrorCode.CHECK_FAILED, message);
    }

    public ErrorCode code() {
        return code;
    }
}
