package dev.liftoff.core;

/**
 * What kind of failure ended a command, and the process exit code it maps to. This enum is the one place where
 * failures become exit codes.
 */
public enum ErrorCode {
    /** A check ran and failed: a verify mismatch, a broken SLO, a policy that refused to cut over. */
    CHECK_FAILED(1),
    /** The user asked for something impossible or malformed: bad option, bad URL, bad file. */
    USAGE(2),
    /** The world is not as needed: a server unreachable or refusing, a missing tool, missing privileges. */
    ENVIRONMENT(3);

    private final int exitCode;

    ErrorCode(int exitCode) {
        this.exitCode = exitCode;
    }

    /** The process exit code for this kind of failure. */
    public int exitCode() {
        return exitCode;
    }
}
