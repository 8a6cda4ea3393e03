package dev.liftoff.redis.sync;

import dev.liftoff.core.ErrorCode;
import dev.liftoff.core.LiftoffException;
import dev.liftoff.redis.resp.Endpoint;
import dev.liftoff.redis.resp.RespConnection;
import dev.liftoff.redis.resp.RespError;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Makes sure the source publishes the keyspace events a sync needs ({@code notify-keyspace-events} with {@code K}
 * and every class of {@code A}). Where {@code CONFIG} is allowed it adds what is missing and remembers the old value
 * to put back; where it is not (Heroku, ElastiCache) it proves the events flow by touching a probe key, and otherwise
 * fails with the command that turns them on for that provider.
 */
public final class Notifications {
    /** The classes behind {@code A}: generic, string, list, set, hash, zset, expired, evicted, stream. */
    private static final String CLASSES = "g$lshzxet";

    private Notifications() {}

    /**
     * Ensures events are on.
     *
     * @return the previous setting when this call changed it (to restore when the sync stops)
     * @throws LiftoffException (exit 3) with the provider's command when they are off and cannot be turned on here
     */
    public static Optional<String> ensure(RespConnection source, int probeDb) {
        Object reply = source.call("CONFIG", "GET", "notify-keyspace-events");
        if (reply instanceof List<?> kv && kv.size() == 2) {
            String current = new String((byte[]) kv.get(1), StandardCharsets.US_ASCII);
            String missing = missing(current);
            if (missing.isEmpty()) {
                return Optional.empty();
            }
            Object set = source.call("CONFIG", "SET", "notify-keyspace-events", current + missing);
            if (set instanceof RespError) {
                throw off(source.endpoint(), "CONFIG SET was refused");
            }
            return Optional.of(current);
        }
        probe(source, probeDb);
        return Optional.empty();
    }

    /** Puts back the setting {@link #ensure} replaced. */
    public static void restore(RespConnection source, String previous) {
        source.call("CONFIG", "SET", "notify-keyspace-events", previous);
    }

    /** The flags that {@code current} lacks, as flags to append. */
    static String missing(String current) {
        StringBuilder out = new StringBuilder();
        if (current.indexOf('K') < 0) {
            out.append('K');
        }
        if (current.indexOf('A') < 0) {
            for (char c : CLASSES.toCharArray()) {
                if (current.indexOf(c) < 0) {
                    out.append(c);
                }
            }
        }
        return out.toString();
    }

    private static void probe(RespConnection source, int db) {
        byte[] key = ("liftoff:tmp:probe-" + UUID.randomUUID()).getBytes(StandardCharsets.US_ASCII);
        byte[] channel = concat(("__keyspace@" + db + "__:").getBytes(StandardCharsets.US_ASCII), key);
        try (RespConnection listener = RespConnection.open(source.endpoint(), "probe")) {
            listener.readTimeout(2_000);
            RespConnection.check(listener.call("SUBSCRIBE", channel));
            source.select(db);
            source.callOk("SET", key, "1");
            source.callOk("PEXPIRE", key, 10_000);
            source.callOk("DEL", key);
            List<String> seen = new ArrayList<>();
            try {
                while (seen.size() < 3) {
                    if (listener.read() instanceof List<?> msg && msg.size() == 3) {
                        seen.add(new String((byte[]) msg.get(2), StandardCharsets.US_ASCII));
                    }
                }
            } catch (RuntimeException timeout) {
                throw off(source.endpoint(), seen.isEmpty() ? "no event arrived" : "only " + seen + " arrived");
            }
            if (!seen.equals(List.of("set", "expire", "del"))) {
                throw off(source.endpoint(), "only " + seen + " arrived");
            }
        }
    }

    private static LiftoffException off(Endpoint source, String why) {
        return new LiftoffException(
                ErrorCode.ENVIRONMENT,
                "keyspace notifications are off on the " + source.describe() + " (" + why
                        + ") and CONFIG is not allowed"
                        + " there; turn them on and rerun: on Heroku 'heroku redis:keyspace-notifications -c KEA -a APP',"
                        + " on ElastiCache set notify-keyspace-events to KEA in the parameter group, elsewhere"
                        + " 'CONFIG SET notify-keyspace-events KEA'");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
