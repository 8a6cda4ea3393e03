package dev.liftoff.redis.copy;

import java.util.ArrayList;
import java.util.List;

/**
 * Per-type commands for the type-aware path: how to measure a key, read it whole, and write it back. HyperLogLogs and
 * bitmaps are strings and geo sets are sorted sets, so they need nothing of their own.
 */
public final class Types {
    /** Elements per write command, so no single command grows without bound. */
    static final int ELEMENTS_PER_WRITE = 1000;

    private Types() {}

    /** The command that gives a key's length, or null for types without one. */
    public static String lengthCommand(String type) {
        return switch (type) {
            case "string" -> "STRLEN";
            case "hash" -> "HLEN";
            case "list" -> "LLEN";
            case "set" -> "SCARD";
            case "zset" -> "ZCARD";
            case "stream" -> "XLEN";
            default -> null;
        };
    }

    /** The command that reads a (small) key whole, or null when the key needs the one-by-one path (streams). */
    public static List<Object> fetchWhole(String type, byte[] key) {
        return switch (type) {
            case "string" -> List.of("GET", key);
            case "hash" -> List.of("HGETALL", key);
            case "list" -> List.of("LRANGE", key, 0L, -1L);
            case "set" -> List.of("SMEMBERS", key);
            case "zset" -> List.of("ZRANGE", key, 0L, -1L, "WITHSCORES");
            default -> null;
        };
    }

    /** The commands that recreate a key from {@link #fetchWhole}'s reply; null when the reply says it is gone. */
    @SuppressWarnings("unchecked")
    static List<List<Object>> writes(String type, byte[] key, Object value) {
        if (value == null) {
            return null;
        }
        if (type.equals("string")) {
            return List.of(List.of("SET", key, value));
        }
        List<Object> items = (List<Object>) value;
        if (items.isEmpty()) {
            return null;
        }
        return switch (type) {
            case "hash" -> chunked("HSET", key, items, 2, false);
            case "list" -> chunked("RPUSH", key, items, 1, false);
            case "set" -> chunked("SADD", key, items, 1, false);
            case "zset" -> chunked("ZADD", key, items, 2, true);
            default -> throw new IllegalArgumentException(type);
        };
    }

    /**
     * Splits elements into write commands of at most {@link #ELEMENTS_PER_WRITE} elements; {@code swapPairs} turns
     * ZRANGE's member,score pairs into ZADD's score,member.
     */
    static List<List<Object>> chunked(String command, byte[] key, List<Object> items, int width, boolean swapPairs) {
        List<List<Object>> out = new ArrayList<>();
        int per = ELEMENTS_PER_WRITE * width;
        for (int start = 0; start < items.size(); start += per) {
            int end = Math.min(items.size(), start + per);
            List<Object> cmd = new ArrayList<>(2 + end - start);
            cmd.add(command);
            cmd.add(key);
            for (int i = start; i < end; i += width) {
                if (swapPairs) {
                    cmd.add(items.get(i + 1));
                    cmd.add(items.get(i));
                } else {
                    for (int j = 0; j < width; j++) {
                        cmd.add(items.get(i + j));
                    }
                }
            }
            out.add(cmd);
        }
        return out;
    }

    static long payloadBytes(List<Object> command) {
        long n = 0;
        for (Object o : command) {
            if (o instanceof byte[] b) {
                n += b.length;
            }
        }
        return n;
    }
}
