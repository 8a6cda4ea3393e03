package dev.liftoff.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Test assertions that two databases hold the same keys, types, contents and expiry times. */
final class Same {
    private Same() {}

    static void keyspace(Client source, Client target, long ttlToleranceMillis) {
        List<String> keys = withoutOwn(source.keys());
        assertThat(withoutOwn(target.keys())).as("keys").isEqualTo(keys);
        for (String k : keys) {
            key(source, target, k.getBytes(StandardCharsets.ISO_8859_1), ttlToleranceMillis);
        }
    }

    private static List<String> withoutOwn(List<String> keys) {
        return keys.stream().filter(k -> !k.startsWith("liftoff:")).toList();
    }

    static void key(Client source, Client target, byte[] key, long ttlToleranceMillis) {
        String name = new String(key, StandardCharsets.ISO_8859_1);
        String type = source.str("TYPE", key);
        assertThat(target.str("TYPE", key)).as("type of " + name).isEqualTo(type);
        assertThat(content(target, key, type)).as("content of " + name).isEqualTo(content(source, key, type));
        long s = source.num("PTTL", key);
        long t = target.num("PTTL", key);
        if (s < 0) {
            assertThat(t).as("ttl of " + name).isEqualTo(s);
        } else {
            assertThat(t).as("ttl of " + name).isBetween(s - ttlToleranceMillis, s + ttlToleranceMillis);
        }
    }

    @SuppressWarnings("unchecked")
    static Object content(Client c, byte[] key, String type) {
        return switch (type) {
            case "string" -> readable(c.call("GET", key));
            case "hash" -> asMap((List<Object>) c.call("HGETALL", key));
            case "list" -> readable(c.call("LRANGE", key, 0, -1));
            case "set" -> new HashSet<>((List<Object>) readable(c.call("SMEMBERS", key)));
            case "zset" -> readable(c.call("ZRANGE", key, 0, -1, "WITHSCORES"));
            case "stream" -> stream(c, key);
            default -> throw new AssertionError("type " + type);
        };
    }

    @SuppressWarnings("unchecked")
    private static Object stream(Client c, byte[] key) {
        List<Object> out = new ArrayList<>();
        out.add(readable(c.call("XRANGE", key, "-", "+")));
        Map<String, Object> info = asMap((List<Object>) c.call("XINFO", "STREAM", key));
        out.add("last " + info.get("last-generated-id") + " length " + info.get("length"));
        for (Object g : (List<Object>) c.call("XINFO", "GROUPS", key)) {
            Map<String, Object> group = asMap((List<Object>) g);
            out.add("group " + group.get("name") + " at " + group.get("last-delivered-id") + " pending "
                    + group.get("pending") + " consumers " + group.get("consumers"));
            List<Object> pel = (List<Object>) c.call("XPENDING", key, group.get("name"), "-", "+", 100);
            for (Object p : pel) {
                List<Object> e = (List<Object>) readable(p);
                out.add("pending " + e.get(0) + " " + e.get(1) + " x" + e.get(3));
            }
            Set<Object> consumers = new HashSet<>();
            for (Object cons : (List<Object>) c.call("XINFO", "CONSUMERS", key, group.get("name"))) {
                Map<String, Object> m = asMap((List<Object>) cons);
                consumers.add(m.get("name") + " pending " + m.get("pending"));
            }
            out.add(consumers);
        }
        return out;
    }

    private static Map<String, Object> asMap(List<Object> flat) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i + 1 < flat.size(); i += 2) {
            m.put(String.valueOf(readable(flat.get(i))), readable(flat.get(i + 1)));
        }
        return m;
    }

    /** byte[] as lists of strings (with escapes kept), so that AssertJ compares by value. */
    static Object readable(Object o) {
        if (o instanceof byte[] b) {
            return new String(b, StandardCharsets.ISO_8859_1);
        }
        if (o instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            for (Object x : l) {
                out.add(readable(x));
            }
            return out;
        }
        return o;
    }
}
