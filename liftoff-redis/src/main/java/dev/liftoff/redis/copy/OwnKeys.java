package dev.liftoff.redis.copy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.UUID;

/**
 * The keys liftoff itself writes: the sync state hash and finish markers (on the target), finish markers (on the
 * source) and temporary keys for big keys being built. Copy, sync and verify leave them out.
 */
public final class OwnKeys {
    /** The hash on the target where a running sync keeps its state. */
    public static final String SYNC_STATE = "liftoff:sync:state";

    /** Prefix of the finish markers written to the source and carried to the target. */
    public static final String FINISH_PREFIX = "liftoff:finish:";

    private static final byte[][] PREFIXES = {
        SYNC_STATE.getBytes(StandardCharsets.US_ASCII),
        FINISH_PREFIX.getBytes(StandardCharsets.US_ASCII),
        "liftoff:tmp:".getBytes(StandardCharsets.US_ASCII)
    };

    private OwnKeys() {}

    public static boolean isOwn(byte[] key) {
        for (byte[] p : PREFIXES) {
            if (key.length >= p.length && Arrays.equals(key, 0, p.length, p, 0, p.length)) {
                return true;
            }
        }
        return false;
    }

    public static boolean isFinishMarker(byte[] key) {
        return isOwn(key) && new String(key, StandardCharsets.UTF_8).startsWith(FINISH_PREFIX);
    }

    /** A fresh temporary key name. */
    static byte[] temporary() {
        return ("liftoff:tmp:" + UUID.randomUUID()).getBytes(StandardCharsets.US_ASCII);
    }

    /** A key for messages: printable ASCII as is, other bytes as {@code \xNN}, like redis-cli. */
    public static String printable(byte[] key) {
        StringBuilder sb = new StringBuilder();
        for (byte b : key) {
            int c = b & 0xff;
            if (c >= 0x20 && c < 0x7f && c != '\\' && c != '"') {
                sb.append((char) c);
            } else {
                sb.append(String.format("\\x%02x", c));
            }
        }
        return sb.toString();
    }
}
