package dev.liftoff.redis.resp;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/** Server clocks, for expiry times that must mean the same instant on both ends. */
public final class Clocks {
    private Clocks() {}

    /**
     * The server's clock minus ours, in milliseconds, from TIME halfway through a round trip; 0 if TIME is refused, and
     * 0 when the difference is within what the round trip can tell apart (half of it, plus a millisecond). Clocks
     * that agree (the same host, or NTP-synchronised hosts) then give exactly 0 instead of a rounding error of a
     * millisecond or two that would move every copied expiry time; real skews, of tens of milliseconds or more, are
     * still corrected.
     */
    public static long offsetMillis(RespConnection c) {
        long before = micros(Instant.now());
        Object reply = c.call("TIME");
        long after = micros(Instant.now());
        if (!(reply instanceof List<?> parts) || parts.size() != 2) {
            return 0;
        }
        long seconds = Long.parseLong(new String((byte[]) parts.get(0), StandardCharsets.US_ASCII));
        long micros = Long.parseLong(new String((byte[]) parts.get(1), StandardCharsets.US_ASCII));
        long offsetMicros = seconds * 1_000_000 + micros - (before + (after - before) / 2);
        long uncertaintyMicros = (after - before) / 2 + 1_000;
        return Math.abs(offsetMicros) <= uncertaintyMicros ? 0 : Math.round(offsetMicros / 1000.0);
    }

    private static long micros(Instant t) {
        return t.getEpochSecond() * 1_000_000 + t.getNano() / 1_000;
    }
}
