package dev.liftoff.redis;

import dev.liftoff.core.RedisUrl;
import dev.liftoff.redis.resp.Endpoint;
import dev.liftoff.redis.resp.RespConnection;
import dev.liftoff.redis.resp.Side;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A test's direct line to a server, for arranging data and checking it; strings are UTF-8. */
final class Client implements AutoCloseable {
    private final RespConnection c;

    Client(RedisUrl url) {
        c = RespConnection.open(new Endpoint(url, Side.SOURCE, true), "test");
    }

    Object call(Object... args) {
        return RespConnection.check(c.call(args));
    }

    Object raw(Object... args) {
        return c.call(args);
    }

    long num(Object... args) {
        return (Long) call(args);
    }

    String str(Object... args) {
        Object r = call(args);
        return r == null ? null : r instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : r.toString();
    }

    byte[] bytes(Object... args) {
        return (byte[]) call(args);
    }

    /** Sends many commands in one pipeline and checks every reply. */
    void pipeline(List<List<Object>> commands) {
        for (List<Object> cmd : commands) {
            c.send(cmd);
        }
        c.flush();
        for (int i = 0; i < commands.size(); i++) {
            RespConnection.check(c.read());
        }
    }

    /** Every key of the selected database as ISO-8859-1 strings (byte for byte), sorted. */
    @SuppressWarnings("unchecked")
    List<String> keys() {
        List<String> out = new ArrayList<>();
        for (Object k : (List<Object>) call("KEYS", "*")) {
            out.add(new String((byte[]) k, StandardCharsets.ISO_8859_1));
        }
        out.sort(null);
        return out;
    }

    Client select(int db) {
        c.select(db);
        return this;
    }

    @Override
    public void close() {
        c.close();
    }
}
