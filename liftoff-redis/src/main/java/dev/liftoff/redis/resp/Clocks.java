package dev.liftoff.redis.resp;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** Server clocks, for expiry times that must mean the same instant on both ends. */
public final class Clocks {
    private Clocks() {}

    /** The server's clock minus ours, in milliseconds, from TIME halfway through a round trip; 0 if TIME is refused. */
    public static long offsetMillis(RespConnection c) {
        long before = System.currentTimeMillis();
        Object reply = c.call("TIME");
        long after = System.currentTimeMillis();
        if (!(reply instanceof List<?> parts) || parts.size() != 2) {
            return 0;
        }
        long seconds = Long.parseLong(new String((byte[]) parts.get(0), StandardCharsets.US_ASCII));
        long micros = Long.parseLong(new String((byte[]) parts.get(1), StandardCharsets.US_ASCII));
        return seconds * 1000 + micros / 1000 - (before + after) / 2;
    }
}
