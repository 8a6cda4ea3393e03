package dev.liftoff.redis.copy;

import dev.liftoff.core.ErrorCode;
import dev.liftoff.core.LiftoffException;
import dev.liftoff.redis.resp.RespConnection;
import dev.liftoff.redis.resp.RespError;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Copies one key in pieces ({@code HSCAN}/{@code SSCAN}/{@code ZSCAN}, {@code LRANGE} ranges, {@code GETRANGE}
 * chunks, {@code XRANGE} pages plus the stream's consumer groups, consumers and pending entries) into a temporary key
 * on the target, then sets the expiry and renames it into place, so the target never shows half a key and memory
 * stays bounded by one page. Also the path for streams and for keys whose type changed mid-copy. Not thread-safe;
 * used by one {@link KeyMover}.
 */
final class Piecewise {
    private static final int PAGE = 1000;
    private static final int STRING_CHUNK = 1 << 20;
    /** A temporary key outlives a crashed run by at most a day. */
    private static final long TEMP_TTL_MILLIS = 86_400_000L;

    private final MoveContext ctx;
    private final RespConnection source;
    private final RespConnection target;
    private int pending;
    private boolean tempTtlSet;

    Piecewise(MoveContext ctx, RespConnection source, RespConnection target) {
        this.ctx = ctx;
        this.source = source;
        this.target = target;
    }

    /** Copies {@code key} (of the selected database); returns false when it no longer exists on the source. */
    boolean copy(byte[] key, boolean deleteGone) {
        String type = (String) source.callOk("TYPE", key);
        if (type.equals("none")) {
            gone(key, deleteGone);
            return false;
        }
        byte[] tmp = OwnKeys.temporary();
        pending = 0;
        tempTtlSet = false;
        try {
            switch (type) {
                case "string" -> string(key, tmp);
                case "hash" -> scan("HSCAN", "HSET", key, tmp, false);
                case "set" -> scan("SSCAN", "SADD", key, tmp, false);
                case "zset" -> scan("ZSCAN", "ZADD", key, tmp, true);
                case "list" -> list(key, tmp);
                case "stream" -> stream(key, tmp);
                default ->
                    throw new LiftoffException(
                            ErrorCode.ENVIRONMENT,
                            "key '" + OwnKeys.printable(key) + "' has the module type '" + type
                                    + "', which liftoff copies"
                                    + " only by DUMP/RESTORE; use a target of the same version with the same module");
            }
            drain(key);
            long sentAt = System.currentTimeMillis();
            long pttl = (Long) source.callOk("PTTL", key);
            if (pttl == -2) {
                target.callOk("DEL", tmp);
                gone(key, deleteGone);
                return false;
            }
            target.send(
                    pttl == -1 ? List.of("PERSIST", tmp) : List.of("PEXPIREAT", tmp, ctx.absoluteExpiry(sentAt, pttl)));
            target.send("RENAME", tmp, key);
            target.flush();
            RespConnection.check(target.read());
            if (target.read() instanceof RespError) {
                // Nothing to rename: the key emptied or expired while it was being copied.
                gone(key, deleteGone);
                return false;
            }
            ctx.keys.increment();
            return true;
        } catch (RuntimeException e) {
            try {
                target.call("DEL", tmp);
            } catch (RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    private void gone(byte[] key, boolean deleteGone) {
        if (deleteGone) {
            if ((Long) target.callOk("DEL", key) > 0) {
                ctx.deleted.increment();
            }
        } else {
            ctx.gone.increment();
        }
    }

    private void write(List<Object> command, byte[] tmp) {
        target.send(command);
        pending++;
        ctx.bytes.add(Types.payloadBytes(command));
        if (!tempTtlSet) {
            target.send("PEXPIRE", tmp, TEMP_TTL_MILLIS);
            pending++;
            tempTtlSet = true;
        }
        target.flush();
        if (pending > 64) {
            drain(null);
        }
    }

    private void drain(byte[] key) {
        RespError first = null;
        for (; pending > 0; pending--) {
            if (target.read() instanceof RespError err && first == null) {
                first = err;
            }
        }
        if (first != null) {
            throw KeyMover.refused("a write", key, first);
        }
    }

    private void string(byte[] key, byte[] tmp) {
        long len = (Long) source.callOk("STRLEN", key);
        if (len == 0) {
            write(List.of("SET", tmp, new byte[0]), tmp);
            return;
        }
        for (long off = 0; off < len; off += STRING_CHUNK) {
            byte[] part = (byte[]) source.callOk("GETRANGE", key, off, off + STRING_CHUNK - 1);
            if (part == null || part.length == 0) {
                break;
            }
            write(List.of("SETRANGE", tmp, off, part), tmp);
        }
    }

    @SuppressWarnings("unchecked")
    private void scan(String scanCommand, String writeCommand, byte[] key, byte[] tmp, boolean swapPairs) {
        byte[] cursor = "0".getBytes(StandardCharsets.US_ASCII);
        do {
            List<Object> reply = (List<Object>) source.callOk(scanCommand, key, cursor, "COUNT", PAGE);
            cursor = (byte[]) reply.get(0);
            List<Object> items = (List<Object>) reply.get(1);
            if (!items.isEmpty()) {
                int width = writeCommand.equals("SADD") ? 1 : 2;
                for (List<Object> w : Types.chunked(writeCommand, tmp, items, width, swapPairs)) {
                    write(w, tmp);
                }
            }
        } while (!(cursor.length == 1 && cursor[0] == '0'));
    }

    @SuppressWarnings("unchecked")
    private void list(byte[] key, byte[] tmp) {
        for (long start = 0; ; start += PAGE) {
            List<Object> items = (List<Object>) source.callOk("LRANGE", key, start, start + PAGE - 1);
            if (items.isEmpty()) {
                return;
            }
            List<Object> cmd = new ArrayList<>(items.size() + 2);
            cmd.add("RPUSH");
            cmd.add(tmp);
            cmd.addAll(items);
            write(cmd, tmp);
            if (items.size() < PAGE) {
                return;
            }
        }
    }

    @SuppressWarnings("unchecked")
    private void stream(byte[] key, byte[] tmp) {
        Map<String, Object> info = map((List<Object>) source.callOk("XINFO", "STREAM", key));
        byte[] start = "-".getBytes(StandardCharsets.US_ASCII);
        boolean any = false;
        while (true) {
            List<Object> entries = (List<Object>) source.callOk("XRANGE", key, start, "+", "COUNT", PAGE);
            for (Object e : entries) {
                List<Object> entry = (List<Object>) e;
                List<Object> cmd = new ArrayList<>();
                cmd.add("XADD");
                cmd.add(tmp);
                cmd.add(entry.get(0));
                cmd.addAll((List<Object>) entry.get(1));
                write(cmd, tmp);
                any = true;
            }
            if (entries.size() < PAGE) {
                break;
            }
            start = exclusive((byte[]) ((List<Object>) entries.get(entries.size() - 1)).get(0));
        }
        if (!any) {
            // An empty stream still exists (it may carry groups): create it through a throwaway group.
            write(List.of("XGROUP", "CREATE", tmp, "liftoff-empty", "0", "MKSTREAM"), tmp);
            write(List.of("XGROUP", "DESTROY", tmp, "liftoff-empty"), tmp);
        }
        byte[] lastId = (byte[]) info.get("last-generated-id");
        List<Object> setId = new ArrayList<>(List.of("XSETID", tmp, lastId));
        if (ctx.targetVersion() >= 70000 && info.get("entries-added") instanceof Long added) {
            setId.add("ENTRIESADDED");
            setId.add(added);
            if (info.get("max-deleted-entry-id") instanceof byte[] maxDeleted) {
                setId.add("MAXDELETEDID");
                setId.add(maxDeleted);
            }
        }
        if (!new String(lastId, StandardCharsets.US_ASCII).equals("0-0")) {
            write(setId, tmp);
        }
        for (Object g : (List<Object>) source.callOk("XINFO", "GROUPS", key)) {
            group(key, tmp, map((List<Object>) g));
        }
    }

    @SuppressWarnings("unchecked")
    private void group(byte[] key, byte[] tmp, Map<String, Object> group) {
        byte[] name = (byte[]) group.get("name");
        List<Object> create = new ArrayList<>(List.of("XGROUP", "CREATE", tmp, name, group.get("last-delivered-id")));
        if (ctx.targetVersion() >= 70000 && group.get("entries-read") instanceof Long read) {
            create.add("ENTRIESREAD");
            create.add(read);
        }
        write(create, tmp);
        for (Object c : (List<Object>) source.callOk("XINFO", "CONSUMERS", key, name)) {
            write(
                    List.of(
                            "XGROUP",
                            "CREATECONSUMER",
                            tmp,
                            name,
                            map((List<Object>) c).get("name")),
                    tmp);
        }
        byte[] start = "-".getBytes(StandardCharsets.US_ASCII);
        while (true) {
            List<Object> pel = (List<Object>) source.callOk("XPENDING", key, name, start, "+", PAGE);
            for (Object p : pel) {
                List<Object> e = (List<Object>) p;
                // FORCE creates the pending entry; JUSTID keeps RETRYCOUNT as given instead of adding a delivery.
                write(
                        List.of(
                                "XCLAIM",
                                tmp,
                                name,
                                e.get(1),
                                0L,
                                e.get(0),
                                "IDLE",
                                e.get(2),
                                "RETRYCOUNT",
                                e.get(3),
                                "FORCE",
                                "JUSTID"),
                        tmp);
            }
            if (pel.size() < PAGE) {
                return;
            }
            start = exclusive((byte[]) ((List<Object>) pel.get(pel.size() - 1)).get(0));
        }
    }

    private static byte[] exclusive(byte[] id) {
        byte[] out = new byte[id.length + 1];
        out[0] = '(';
        System.arraycopy(id, 0, out, 1, id.length);
        return out;
    }

    private static Map<String, Object> map(List<Object> flat) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i + 1 < flat.size(); i += 2) {
            Object k = flat.get(i);
            m.put(k instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : String.valueOf(k), flat.get(i + 1));
        }
        return m;
    }
}
