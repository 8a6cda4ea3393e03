package dev.liftoff.redis;

import java.util.ArrayList;
import java.util.List;

/** Sample data of every type, written with commands that Redis 6.2 and 7 both know. */
final class Fixtures {
    static final byte[] BINARY_KEY = {0, 1, (byte) 0xff, '\r', '\n', ' ', 'k'};
    static final byte[] BINARY_VALUE = {(byte) 0xde, (byte) 0xad, 0, (byte) 0xbe, (byte) 0xef, '\r', '\n'};

    private Fixtures() {}

    /** One key of every type in the selected database, some with expiry times. */
    static void everyType(Client c) {
        c.call("SET", "string", "hello");
        c.call("SET", "int", "12345");
        c.call("SET", BINARY_KEY, BINARY_VALUE);
        c.call("SET", "ttl:string", "soon", "PX", "3600123");
        c.call("HSET", "hash", "a", "1", "b", "2", "bin", BINARY_VALUE);
        c.call("RPUSH", "list", "x", "y", "z", "x");
        c.call("SADD", "set", "m1", "m2", "m3");
        c.call("SADD", "intset", "1", "2", "3");
        c.call("ZADD", "zset", "1.5", "a", "-2", "b", "inf", "c", "0.1", "d");
        c.call("GEOADD", "geo", "13.361389", "38.115556", "Palermo", "15.087269", "37.502669", "Catania");
        c.call("PFADD", "hll", "a", "b", "c", "d");
        c.call("SETBIT", "bitmap", "1000", "1");
        c.call("HSET", "ttl:hash", "f", "v");
        c.call("PEXPIRE", "ttl:hash", "7200456");
        stream(c, "stream");
        c.call("XGROUP", "CREATE", "empty-stream", "g0", "$", "MKSTREAM");
        List<List<Object>> big = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            big.add(List.of("HSET", "hash:hashtable", "field" + i, "value" + i));
        }
        c.pipeline(big);
    }

    /** A stream with a consumer group, two consumers, pending entries (one delivered twice) and a deleted entry. */
    static void stream(Client c, String key) {
        for (int i = 1; i <= 10; i++) {
            c.call("XADD", key, i + "-1", "n", Integer.toString(i), "payload", BINARY_VALUE);
        }
        c.call("XDEL", key, "5-1");
        c.call("XGROUP", "CREATE", key, "workers", "0");
        c.call("XGROUP", "CREATE", key, "idle-group", "3-1");
        c.call("XREADGROUP", "GROUP", "workers", "alice", "COUNT", "3", "STREAMS", key, ">");
        c.call("XREADGROUP", "GROUP", "workers", "bob", "COUNT", "2", "STREAMS", key, ">");
        c.call("XACK", key, "workers", "2-1");
        c.call("XCLAIM", key, "workers", "bob", "0", "1-1");
        c.call("XGROUP", "CREATECONSUMER", key, "workers", "carol");
    }
}
