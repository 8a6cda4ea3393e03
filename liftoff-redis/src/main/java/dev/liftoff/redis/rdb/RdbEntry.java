package dev.liftoff.redis.rdb;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One key of a snapshot.
 *
 * @param db its logical database
 * @param key the key
 * @param expireAtMillis its absolute expiry time (source clock), 0 for none
 * @param payload a DUMP payload that RESTORE accepts on a server of the snapshot's version or newer; null when it was
 *     too big to hold and sits in {@code file} instead
 * @param file the payload spilled to a temporary file, or null; {@link #discard()} deletes it
 * @param size the payload's length in bytes
 */
public record RdbEntry(int db, byte[] key, long expireAtMillis, byte[] payload, Path file, long size) {
    public RdbEntry(int db, byte[] key, long expireAtMillis, byte[] payload) {
        this(db, key, expireAtMillis, payload, null, payload.length);
    }

    /** The payload as a RESP argument: the bytes, or the file they were spilled to. */
    public Object argument() {
        return file != null ? file : payload;
    }

    /** Deletes the spilled file, if any. */
    public void discard() {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
