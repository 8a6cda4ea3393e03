package dev.liftoff.redis.verify;

import dev.liftoff.redis.copy.OwnKeys;
import dev.liftoff.redis.copy.Types;
import dev.liftoff.redis.resp.Endpoint;
import dev.liftoff.redis.resp.RespConnection;
import dev.liftoff.redis.resp.RespError;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Compares keys between a source and a target over its own pair of connections. Per batch: one pipelined round of
 * {@code TYPE}/{@code PTTL}/{@code MEMORY USAGE} on both ends, then small keys by {@code DUMP} equality (same payload
 * format) or whole-value comparison, big keys and streams page by page. Not thread-safe; closes its connections.
 */
public final class Comparer implements AutoCloseable {
    private static final long BIG_KEY_BYTES = 8L << 20;
    private static final int PAGE = 1000;
    private static final int STRING_CHUNK = 1 << 20;

    private final RespConnection source;
    private final RespConnection target;
    private final boolean samePayloads;
    private final long ttlToleranceMillis;
    private boolean memoryUsage = true;

    /**
     * @param samePayloads both servers write the same DUMP format (same major.minor version)
     * @param ttlToleranceMillis how far the two remaining lifetimes may differ
     */
    public Comparer(Endpoint source, Endpoint target, boolean samePayloads, long ttlToleranceMillis) {
        this.source = RespConnection.open(source, "verify");
        try {
            this.target = RespConnection.open(target, "verify");
        } catch (RuntimeException e) {
            this.source.close();
            throw e;
        }
        this.samePayloads = samePayloads;
        this.ttlToleranceMillis = ttlToleranceMillis;
    }

    /** Compares keys found on the source; returns those that differ. */
    public List<Mismatch> compare(int db, List<byte[]> sourceKeys) {
        source.select(db);
        target.select(db);
        List<byte[]> keys = sourceKeys.stream().filter(k -> !OwnKeys.isOwn(k)).toList();
        List<Mismatch> out = new ArrayList<>();
        if (keys.isEmpty()) {
            return out;
        }
        int n = keys.size();
        for (byte[] k : keys) {
            source.send("TYPE", k);
            source.send("PTTL", k);
            if (memoryUsage) {
                source.send("MEMORY", "USAGE", k);
            }
            target.send("TYPE", k);
            target.send("PTTL", k);
        }
        source.flush();
        target.flush();
        String[] types = new String[n];
        long[] sizes = new long[n];
        boolean[] same = new boolean[n];
        boolean sizesMissing = !memoryUsage;
        for (int i = 0; i < n; i++) {
            types[i] = (String) RespConnection.check(source.read());
            long sp = (Long) RespConnection.check(source.read());
            if (memoryUsage) {
                Object m = source.read();
                if (m instanceof Long l) {
                    sizes[i] = l;
                } else if (m instanceof RespError) {
                    sizesMissing = true;
                }
            }
            String tt = (String) RespConnection.check(target.read());
            long tp = (Long) RespConnection.check(target.read());
            byte[] k = keys.get(i);
            if (types[i].equals("none")) {
                continue;
            }
            if (tt.equals("none")) {
                out.add(diff(db, k, "missing_on_target", "on the source (" + types[i] + "), not on the target"));
            } else if (!tt.equals(types[i])) {
                out.add(diff(db, k, "type", "type " + types[i] + " on the source, " + tt + " on the target"));
            } else {
                same[i] = true;
                String ttl = ttl(sp, tp);
                if (ttl != null) {
                    out.add(diff(db, k, "ttl", ttl));
                }
            }
        }
        if (sizesMissing) {
            memoryUsage = false;
            sizes = lengths(keys, types, same);
        }
        List<Integer> small = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (!same[i]) {
                continue;
            }
            if (sizes[i] > BIG_KEY_BYTES
                    || types[i].equals("stream")
                    || Types.fetchWhole(types[i], keys.get(i)) == null) {
                String d = paged(keys.get(i), types[i]);
                if (d != null) {
                    out.add(diff(db, keys.get(i), "content", d));
                }
            } else {
                small.add(i);
            }
        }
        if (samePayloads && !small.isEmpty()) {
            small = dumpsDiffer(keys, small);
        }
        for (int i : small) {
            source.send(Types.fetchWhole(types[i], keys.get(i)));
            target.send(Types.fetchWhole(types[i], keys.get(i)));
        }
        source.flush();
        target.flush();
        for (int i : small) {
            Object s = source.read();
            Object t = target.read();
            if (s instanceof RespError || t instanceof RespError) {
                out.add(diff(db, keys.get(i), "content", "changed type while being compared"));
                continue;
            }
            String d = whole(types[i], s, t);
            if (d != null) {
                out.add(diff(db, keys.get(i), "content", d));
            }
        }
        return out;
    }

    /** Of these target keys, the ones the source does not have. */
    public List<Mismatch> extras(int db, List<byte[]> targetKeys) {
        source.select(db);
        List<byte[]> keys = targetKeys.stream().filter(k -> !OwnKeys.isOwn(k)).toList();
        for (byte[] k : keys) {
            source.send("EXISTS", k);
        }
        source.flush();
        List<Mismatch> out = new ArrayList<>();
        for (byte[] k : keys) {
            if ((Long) RespConnection.check(source.read()) == 0) {
                out.add(diff(db, k, "extra_on_target", "on the target, not on the source"));
            }
        }
        return out;
    }

    private String ttl(long sp, long tp) {
        if (sp == -1 && tp == -1) {
            return null;
        }
        if (sp == -1 || tp == -1) {
            return "ttl: source " + ms(sp) + ", target " + ms(tp);
        }
        return Math.abs(sp - tp) > ttlToleranceMillis ? "ttl: source " + ms(sp) + ", target " + ms(tp) : null;
    }

    private static String ms(long pttl) {
        return pttl < 0 ? "none" : pttl + " ms";
    }

    private long[] lengths(List<byte[]> keys, String[] types, boolean[] same) {
        long[] sizes = new long[keys.size()];
        for (int i = 0; i < keys.size(); i++) {
            String cmd = Types.lengthCommand(types[i]);
            if (same[i] && cmd != null) {
                source.send(cmd, keys.get(i));
            }
        }
        source.flush();
        for (int i = 0; i < keys.size(); i++) {
            if (same[i] && Types.lengthCommand(types[i]) != null) {
                Object r = source.read();
                long len = r instanceof Long l ? l : 0;
                sizes[i] = types[i].equals("string") ? len : len * 64;
            }
        }
        return sizes;
    }

    /** Compares DUMP payloads; returns the keys whose payloads differ (to compare by value: encodings may differ). */
    private List<Integer> dumpsDiffer(List<byte[]> keys, List<Integer> candidates) {
        for (int i : candidates) {
            source.send("DUMP", keys.get(i));
            target.send("DUMP", keys.get(i));
        }
        source.flush();
        target.flush();
        List<Integer> differ = new ArrayList<>();
        for (int i : candidates) {
            Object s = source.read();
            Object t = target.read();
            if (!(s instanceof byte[] sb && t instanceof byte[] tb && Arrays.equals(sb, tb))) {
                differ.add(i);
            }
        }
        return differ;
    }

    @SuppressWarnings("unchecked")
    private static String whole(String type, Object s, Object t) {
        if (type.equals("string")) {
            byte[] sb = (byte[]) s;
            byte[] tb = (byte[]) t;
            if (sb == null || tb == null) {
                return null;
            }
            return Arrays.equals(sb, tb)
                    ? null
                    : "string: " + sb.length + " bytes on the source, " + tb.length + " on the target, not equal";
        }
        List<Object> sl = (List<Object>) s;
        List<Object> tl = (List<Object>) t;
        Object sn = normalize(type, sl);
        Object tn = normalize(type, tl);
        if (sn.equals(tn)) {
            return null;
        }
        int width = type.equals("hash") || type.equals("zset") ? 2 : 1;
        return type + ": " + sl.size() / width + " elements on the source, " + tl.size() / width
                + " on the target, not equal";
    }

    private static Object normalize(String type, List<Object> items) {
        return switch (type) {
            case "hash" -> {
                Map<ByteBuffer, ByteBuffer> m = new HashMap<>();
                for (int i = 0; i + 1 < items.size(); i += 2) {
                    m.put(buf(items.get(i)), buf(items.get(i + 1)));
                }
                yield m;
            }
            case "zset" -> {
                Map<ByteBuffer, Double> m = new HashMap<>();
                for (int i = 0; i + 1 < items.size(); i += 2) {
                    m.put(buf(items.get(i)), score(items.get(i + 1)));
                }
                yield m;
            }
            case "set" -> {
                HashSet<ByteBuffer> set = new HashSet<>();
                items.forEach(x -> set.add(buf(x)));
                yield set;
            }
            default -> items.stream().map(Comparer::buf).toList();
        };
    }

    private static ByteBuffer buf(Object o) {
        return ByteBuffer.wrap((byte[]) o);
    }

    /** Scores as numbers: Redis 7.2 prints 0.1 where 7.0 prints 0.10000000000000001. */
    private static double score(Object o) {
        String s = new String((byte[]) o, StandardCharsets.US_ASCII);
        return switch (s) {
            case "inf", "+inf" -> Double.POSITIVE_INFINITY;
            case "-inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(s);
        };
    }

    /** Compares one key page by page; returns what differs, or null. */
    @SuppressWarnings("unchecked")
    private String paged(byte[] key, String type) {
        String lengthCommand = Types.lengthCommand(type);
        if (lengthCommand == null) {
            return samePayloads
                            && Arrays.equals((byte[]) source.callOk("DUMP", key), (byte[]) target.callOk("DUMP", key))
                    ? null
                    : "module type " + type + ": DUMP payloads differ";
        }
        long sl = (Long) source.callOk(lengthCommand, key);
        long tl = (Long) target.callOk(lengthCommand, key);
        if (sl != tl) {
            return type + ": length " + sl + " on the source, " + tl + " on the target";
        }
        switch (type) {
            case "string" -> {
                for (long off = 0; off < sl; off += STRING_CHUNK) {
                    Object[] cmd = {"GETRANGE", key, off, off + STRING_CHUNK - 1};
                    if (!Arrays.equals((byte[]) source.callOk(cmd), (byte[]) target.callOk(cmd))) {
                        return "string: bytes from " + off + " differ";
                    }
                }
            }
            case "list", "zset" -> {
                for (long i = 0; i < sl; i += PAGE) {
                    Object[] cmd = type.equals("list")
                            ? new Object[] {"LRANGE", key, i, i + PAGE - 1}
                            : new Object[] {"ZRANGE", key, i, i + PAGE - 1, "WITHSCORES"};
                    Object sn = normalize(type.equals("list") ? "list" : "zset", (List<Object>) source.callOk(cmd));
                    Object tn = normalize(type.equals("list") ? "list" : "zset", (List<Object>) target.callOk(cmd));
                    if (!sn.equals(tn)) {
                        return type + ": elements from index " + i + " differ";
                    }
                }
            }
            case "hash", "set" -> {
                return scanned(key, type);
            }
            case "stream" -> {
                return stream(key);
            }
            default -> {
                return null;
            }
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private String scanned(byte[] key, String type) {
        boolean hash = type.equals("hash");
        byte[] cursor = "0".getBytes(StandardCharsets.US_ASCII);
        do {
            List<Object> reply = (List<Object>) source.callOk(hash ? "HSCAN" : "SSCAN", key, cursor, "COUNT", PAGE);
            cursor = (byte[]) reply.get(0);
            List<Object> items = (List<Object>) reply.get(1);
            if (hash) {
                List<Object> fields = new ArrayList<>(List.of("HMGET", key));
                for (int i = 0; i < items.size(); i += 2) {
                    fields.add(items.get(i));
                }
                List<Object> values = (List<Object>) target.callOk(fields.toArray());
                for (int i = 0; i < items.size(); i += 2) {
                    if (!(values.get(i / 2) instanceof byte[] v && Arrays.equals(v, (byte[]) items.get(i + 1)))) {
                        return "hash: field '" + OwnKeys.printable((byte[]) items.get(i)) + "' differs";
                    }
                }
            } else {
                for (Object m : items) {
                    target.send("SISMEMBER", key, m);
                }
                target.flush();
                String missing = null;
                for (Object m : items) {
                    if ((Long) RespConnection.check(target.read()) == 0 && missing == null) {
                        missing = "set: member '" + OwnKeys.printable((byte[]) m) + "' missing on the target";
                    }
                }
                if (missing != null) {
                    return missing;
                }
            }
        } while (!(cursor.length == 1 && cursor[0] == '0'));
        return null;
    }

    @SuppressWarnings("unchecked")
    private String stream(byte[] key) {
        byte[] start = "-".getBytes(StandardCharsets.US_ASCII);
        while (true) {
            Object[] cmd = {"XRANGE", key, start, "+", "COUNT", PAGE};
            List<Object> s = (List<Object>) source.callOk(cmd);
            List<Object> t = (List<Object>) target.callOk(cmd);
            if (!deepEquals(s, t)) {
                return "stream: entries after " + new String(start, StandardCharsets.US_ASCII) + " differ";
            }
            if (s.size() < PAGE) {
                break;
            }
            byte[] last = (byte[]) ((List<Object>) s.get(s.size() - 1)).get(0);
            start = ("(" + new String(last, StandardCharsets.US_ASCII)).getBytes(StandardCharsets.US_ASCII);
        }
        Map<String, Object> si = flat((List<Object>) source.callOk("XINFO", "STREAM", key));
        Map<String, Object> ti = flat((List<Object>) target.callOk("XINFO", "STREAM", key));
        if (!deepEquals(si.get("last-generated-id"), ti.get("last-generated-id"))) {
            return "stream: last id differs";
        }
        List<String> sg = groups(source, key);
        List<String> tg = groups(target, key);
        return sg.equals(tg) ? null : "stream: consumer groups or pending entries differ";
    }

    /** Each group's name, last delivered id and pending entries (id, consumer, deliveries), as comparable text. */
    @SuppressWarnings("unchecked")
    private static List<String> groups(RespConnection c, byte[] key) {
        List<String> out = new ArrayList<>();
        for (Object g : (List<Object>) c.callOk("XINFO", "GROUPS", key)) {
            Map<String, Object> m = flat((List<Object>) g);
            Object name = m.get("name");
            out.add("group " + text(name) + " " + text(m.get("last-delivered-id")) + " " + m.get("pending"));
            byte[] start = "-".getBytes(StandardCharsets.US_ASCII);
            while (true) {
                List<Object> pel = (List<Object>) c.callOk("XPENDING", key, name, start, "+", PAGE);
                for (Object p : pel) {
                    List<Object> e = (List<Object>) p;
                    out.add(text(e.get(0)) + " " + text(e.get(1)) + " " + e.get(3));
                }
                if (pel.size() < PAGE) {
                    break;
                }
                start = ("(" + text(((List<Object>) pel.get(pel.size() - 1)).get(0)))
                        .getBytes(StandardCharsets.US_ASCII);
            }
        }
        out.sort(null);
        return out;
    }

    private static String text(Object o) {
        return o instanceof byte[] b ? new String(b, StandardCharsets.ISO_8859_1) : String.valueOf(o);
    }

    private static Map<String, Object> flat(List<Object> items) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i + 1 < items.size(); i += 2) {
            m.put(text(items.get(i)), items.get(i + 1));
        }
        return m;
    }

    private static boolean deepEquals(Object a, Object b) {
        if (a instanceof byte[] x && b instanceof byte[] y) {
            return Arrays.equals(x, y);
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                if (!deepEquals(x.get(i), y.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return Objects.equals(a, b);
    }

    private static Mismatch diff(int db, byte[] key, String kind, String detail) {
        return new Mismatch(key, new Difference(db, OwnKeys.printable(key), kind, detail));
    }

    @Override
    public void close() {
        try {
            source.close();
        } finally {
            target.close();
        }
    }
}
