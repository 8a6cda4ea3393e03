package dev.liftoff.redis.resp;

/**
 * An error reply ({@code -ERR ...}) read in a pipeline, kept as a value so that one failed command does not hide
 * the replies after it.
 *
 * @param message the error line without the leading dash, e.g. {@code "WRONGTYPE Operation against a key ..."}
 */
public record RespError(String message) {
    /** The error's code word, e.g. {@code WRONGTYPE}, {@code NOAUTH}, {@code ERR}. */
    public String code() {
        int space = message.indexOf(' ');
        return space < 0 ? message : message.substring(0, space);
    }
}
