package dev.liftoff.redis.resp;

import dev.liftoff.core.ErrorCode;
import dev.liftoff.core.LiftoffException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What liftoff needs to know about a server, from {@code INFO server} and {@code INFO keyspace}.
 *
 * @param runId the server's {@code run_id}: two URLs with the same run id reach the same server
 * @param version {@code redis_version}, e.g. {@code 7.0.15} (Valkey reports the Redis version it is compatible with)
 * @param mode {@code standalone}, {@code cluster} or {@code sentinel}
 * @param keys keys per logical database that holds any
 */
public record ServerInfo(String runId, String version, String mode, Map<Integer, Long> keys) {
    public ServerInfo {
        keys = Map.copyOf(keys);
    }

    /** Reads both sections over an open connection. */
    public static ServerInfo of(RespConnection c) {
        Map<String, String> server = fields(c, "server");
        Map<Integer, Long> keys = new TreeMap<>();
        for (Map.Entry<String, String> e : fields(c, "keyspace").entrySet()) {
            if (e.getKey().startsWith("db")) {
                // db0:keys=12,expires=0,avg_ttl=0
                String v = e.getValue();
                int start = v.indexOf("keys=") + 5;
                int end = v.indexOf(',', start);
                keys.put(
                        Integer.parseInt(e.getKey().substring(2)),
                        Long.parseLong(end < 0 ? v.substring(start) : v.substring(start, end)));
            }
        }
        return new ServerInfo(
                server.getOrDefault("run_id", ""),
                server.getOrDefault("redis_version", "0.0.0"),
                server.getOrDefault("redis_mode", "standalone"),
                keys);
    }

    /** The fields of one INFO section, such as {@code replication}. */
    public static Map<String, String> section(RespConnection c, String section) {
        return fields(c, section);
    }

    private static Map<String, String> fields(RespConnection c, String section) {
        Object reply = c.call("INFO", section);
        if (!(reply instanceof byte[] text)) {
            throw new LiftoffException(
                    ErrorCode.ENVIRONMENT,
                    c.endpoint().describe() + " refused INFO " + section + " (" + reply + "); liftoff needs INFO to"
                            + " see the server's version and keyspace");
        }
        Map<String, String> out = new HashMap<>();
        for (String line : new String(text, StandardCharsets.UTF_8).split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && !line.startsWith("#")) {
                out.put(line.substring(0, colon), line.substring(colon + 1));
            }
        }
        return out;
    }

    /** Total keys over all databases. */
    public long totalKeys() {
        return keys.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The version as a comparable number: major * 10000 + minor * 100 + patch. */
    public int versionNumber() {
        String[] parts = version.split("\\.");
        int n = 0;
        for (int i = 0; i < 3; i++) {
            n = n * 100 + (i < parts.length ? parseOrZero(parts[i]) : 0);
        }
        return n;
    }

    private static int parseOrZero(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
