package dev.liftoff.redis.copy;

import dev.liftoff.core.ErrorCode;
import dev.liftoff.core.LiftoffException;
import dev.liftoff.redis.resp.Endpoint;
import dev.liftoff.redis.resp.RespConnection;
import dev.liftoff.redis.resp.RespError;
import java.util.ArrayList;
import java.util.List;

/**
 * Copies batches of keys of one logical database from the source to the target over its own pair of connections.
 * Per batch: one pipelined round of {@code MEMORY USAGE} to tell small keys from big ones (so no big key is ever
 * dumped whole), then small keys in chunks of at most {@link MoveContext#CHUNK_BYTES} by pipelined {@code PTTL}+
 * {@code DUMP} and {@code RESTORE ... REPLACE ABSTTL} (or the type-aware path), and big keys one by one in pieces.
 *
 * <p>Expiry: {@code PTTL} is read before {@code DUMP}; a key whose PTTL says -2, or whose DUMP is nil, is gone and is
 * not restored (or is deleted on the target when syncing), so a key that expires mid-copy never comes back without its
 * TTL. The absolute expiry is computed from the time the batch was sent, so a key copied late expires no later than on
 * the source.
 *
 * <p>Not thread-safe: one worker thread owns a mover; it closes both connections.
 */
public final class KeyMover implements AutoCloseable {
    private static final String INCOMPATIBLE = "DUMP payload version or checksum are wrong";

    private final MoveContext ctx;
    private final RespConnection source;
    private final RespConnection target;
    private final Piecewise piecewise;

    public KeyMover(MoveContext ctx, Endpoint source, Endpoint target, String name) {
        this.ctx = ctx;
        this.source = RespConnection.open(source, name);
        RespConnection t;
        try {
            t = RespConnection.open(target, name);
        } catch (RuntimeException e) {
            this.source.close();
            throw e;
        }
        this.target = t;
        this.piecewise = new Piecewise(ctx, this.source, this.target);
    }

    /**
     * Copies these keys of database {@code db}; liftoff's own keys are skipped.
     *
     * @param deleteGone delete on the target the keys that no longer exist on the source (live sync)
     */
    public void move(int db, List<byte[]> keys, boolean deleteGone) {
        source.select(db);
        target.select(db);
        List<byte[]> mine = new ArrayList<>(keys.size());
        for (byte[] k : keys) {
            if (!OwnKeys.isOwn(k)) {
                mine.add(k);
            }
        }
        if (mine.isEmpty()) {
            return;
        }
        long[] sizes = sizes(mine);
        List<byte[]> chunk = new ArrayList<>();
        long chunkBytes = 0;
        List<byte[]> gone = new ArrayList<>();
        for (int i = 0; i < mine.size(); i++) {
            byte[] k = mine.get(i);
            long size = sizes[i];
            if (size < 0) {
                gone.add(k);
            } else if (size > ctx.bigKeyBytes()) {
                ctx.bigKeys.increment();
                piecewise.copy(k, deleteGone);
            } else {
                if (chunkBytes + size > MoveContext.CHUNK_BYTES && !chunk.isEmpty()) {
                    moveSmall(chunk, deleteGone);
                    chunk = new ArrayList<>();
                    chunkBytes = 0;
                }
                chunk.add(k);
                chunkBytes += size;
            }
        }
        if (!chunk.isEmpty()) {
            moveSmall(chunk, deleteGone);
        }
        goneKeys(gone, deleteGone);
    }

    /** Sets the target's expiry of these keys to the source's (live sync of EXPIRE/PERSIST without a re-copy). */
    public void moveTtl(int db, List<byte[]> keys) {
        source.select(db);
        target.select(db);
        long sentAt = System.currentTimeMillis();
        for (byte[] k : keys) {
            source.send("PTTL", k);
        }
        source.flush();
        List<byte[]> gone = new ArrayList<>();
        int pending = 0;
        for (byte[] k : keys) {
            long pttl = (Long) RespConnection.check(source.read());
            if (pttl == -2) {
                gone.add(k);
            } else if (pttl == -1) {
                target.send("PERSIST", k);
                pending++;
            } else {
                target.send("PEXPIREAT", k, ctx.absoluteExpiry(sentAt, pttl));
                pending++;
            }
        }
        target.flush();
        drainTarget(pending, null);
        goneKeys(gone, true);
    }

    /** Runs one command on the target in database {@code db} (a finish marker). */
    public void writeTarget(int db, List<Object> command) {
        target.select(db);
        target.send(command);
        target.flush();
        RespConnection.check(target.read());
    }

    /**
     * Deletes from the target those of these target keys that no longer exist on the source: the deletions a rescan
     * must recover after missed events.
     */
    public void pruneMissing(int db, List<byte[]> targetKeys) {
        source.select(db);
        target.select(db);
        List<byte[]> mine = new ArrayList<>(targetKeys.size());
        for (byte[] k : targetKeys) {
            if (!OwnKeys.isOwn(k)) {
                mine.add(k);
                source.send("EXISTS", k);
            }
        }
        source.flush();
        List<byte[]> missing = new ArrayList<>();
        for (byte[] k : mine) {
            if ((Long) RespConnection.check(source.read()) == 0) {
                missing.add(k);
            }
        }
        goneKeys(missing, true);
    }

    private void goneKeys(List<byte[]> gone, boolean deleteGone) {
        if (gone.isEmpty()) {
            return;
        }
        if (deleteGone) {
            for (byte[] k : gone) {
                target.send("DEL", k);
            }
            target.flush();
            for (int i = 0; i < gone.size(); i++) {
                Object r = RespConnection.check(target.read());
                if (r instanceof Long n && n > 0) {
                    ctx.deleted.increment();
                }
            }
        } else {
            ctx.gone.add(gone.size());
        }
    }

    /** Estimated bytes per key, -1 for a key that no longer exists. */
    private long[] sizes(List<byte[]> keys) {
        long[] sizes = new long[keys.size()];
        if (ctx.memoryUsage()) {
            for (byte[] k : keys) {
                source.send("MEMORY", "USAGE", k);
            }
            source.flush();
            boolean unavailable = false;
            for (int i = 0; i < keys.size(); i++) {
                Object r = source.read();
                if (r instanceof RespError) {
                    unavailable = true;
                } else {
                    sizes[i] = r == null ? -1 : (Long) r;
                }
            }
            if (!unavailable) {
                return sizes;
            }
            ctx.memoryUsageUnavailable();
        }
        // Without MEMORY USAGE (some providers disable it): the type, then its length, as a rough size.
        for (byte[] k : keys) {
            source.send("TYPE", k);
        }
        source.flush();
        String[] types = new String[keys.size()];
        for (int i = 0; i < keys.size(); i++) {
            types[i] = (String) RespConnection.check(source.read());
            String lengthCommand = Types.lengthCommand(types[i]);
            if (lengthCommand == null) {
                sizes[i] = types[i].equals("none") ? -1 : 0;
            }
        }
        int sent = 0;
        for (int i = 0; i < keys.size(); i++) {
            String lengthCommand = Types.lengthCommand(types[i]);
            if (lengthCommand != null) {
                source.send(lengthCommand, keys.get(i));
                sent++;
            }
        }
        source.flush();
        for (int i = 0; i < keys.size() && sent > 0; i++) {
            if (Types.lengthCommand(types[i]) != null) {
                Object r = source.read();
                sent--;
                long n = r instanceof Long l ? l : 0;
                sizes[i] = types[i].equals("string") ? n : n * 64;
            }
        }
        return sizes;
    }

    private void moveSmall(List<byte[]> keys, boolean deleteGone) {
        if (ctx.dumpRestore()) {
            List<byte[]> rejected = dumpRestore(keys, deleteGone);
            if (!rejected.isEmpty()) {
                typeAware(rejected, deleteGone);
            }
        } else {
            typeAware(keys, deleteGone);
        }
    }

    /** Returns the keys whose payload the target rejected as incompatible. */
    private List<byte[]> dumpRestore(List<byte[]> keys, boolean deleteGone) {
        long sentAt = System.currentTimeMillis();
        for (byte[] k : keys) {
            source.send("PTTL", k);
            source.send("DUMP", k);
        }
        source.flush();
        List<byte[]> restored = new ArrayList<>(keys.size());
        List<byte[]> gone = new ArrayList<>();
        long bytes = 0;
        for (byte[] k : keys) {
            long pttl = (Long) RespConnection.check(source.read());
            Object payload = RespConnection.check(source.read());
            if (pttl == -2 || payload == null) {
                gone.add(k);
                continue;
            }
            byte[] p = (byte[]) payload;
            long at = pttl == -1 ? 0 : Math.max(1, ctx.absoluteExpiry(sentAt, pttl));
            target.send("RESTORE", k, at, p, "REPLACE", "ABSTTL");
            restored.add(k);
            bytes += p.length;
        }
        target.flush();
        List<byte[]> rejected = new ArrayList<>();
        for (byte[] k : restored) {
            Object r = target.read();
            if (r instanceof RespError err) {
                if (err.message().contains(INCOMPATIBLE)) {
                    ctx.payloadsIncompatible(err.message());
                    rejected.add(k);
                } else {
                    throw refused("RESTORE", k, err);
                }
            }
        }
        ctx.keys.add(restored.size() - rejected.size());
        ctx.bytes.add(bytes);
        goneKeys(gone, deleteGone);
        return rejected;
    }

    private void typeAware(List<byte[]> keys, boolean deleteGone) {
        long sentAt = System.currentTimeMillis();
        for (byte[] k : keys) {
            source.send("TYPE", k);
            source.send("PTTL", k);
        }
        source.flush();
        String[] types = new String[keys.size()];
        long[] pttls = new long[keys.size()];
        for (int i = 0; i < keys.size(); i++) {
            types[i] = (String) RespConnection.check(source.read());
            pttls[i] = (Long) RespConnection.check(source.read());
        }
        List<byte[]> gone = new ArrayList<>();
        List<byte[]> oneByOne = new ArrayList<>();
        List<Integer> fetched = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            List<Object> fetch = Types.fetchWhole(types[i], keys.get(i));
            if (types[i].equals("none") || pttls[i] == -2) {
                gone.add(keys.get(i));
            } else if (fetch == null) {
                oneByOne.add(keys.get(i));
            } else {
                source.send(fetch);
                fetched.add(i);
            }
        }
        source.flush();
        int pending = 0;
        long bytes = 0;
        int copied = 0;
        for (int i : fetched) {
            byte[] k = keys.get(i);
            Object value = source.read();
            if (value instanceof RespError) {
                // The key changed type between the two rounds: copy it alone, which reads its type again.
                oneByOne.add(k);
                continue;
            }
            List<List<Object>> writes = Types.writes(types[i], k, value);
            if (writes == null) {
                gone.add(k);
                continue;
            }
            target.send("DEL", k);
            pending++;
            for (List<Object> w : writes) {
                target.send(w);
                pending++;
                bytes += Types.payloadBytes(w);
            }
            if (pttls[i] >= 0) {
                target.send("PEXPIREAT", k, ctx.absoluteExpiry(sentAt, pttls[i]));
                pending++;
            }
            copied++;
        }
        target.flush();
        drainTarget(pending, null);
        ctx.keys.add(copied);
        ctx.bytes.add(bytes);
        for (byte[] k : oneByOne) {
            piecewise.copy(k, deleteGone);
        }
        goneKeys(gone, deleteGone);
    }

    private void drainTarget(int replies, byte[] key) {
        RespError first = null;
        for (int i = 0; i < replies; i++) {
            Object r = target.read();
            if (r instanceof RespError err && first == null) {
                first = err;
            }
        }
        if (first != null) {
            throw refused("a write", key, first);
        }
    }

    static LiftoffException refused(String what, byte[] key, RespError err) {
        String ofKey = key == null ? "" : " of key '" + OwnKeys.printable(key) + "'";
        String fix = err.code().equals("OOM")
                ? "raise the target's maxmemory or pick a bigger target"
                : "check the target accepts writes from this user";
        return new LiftoffException(
                ErrorCode.ENVIRONMENT, "the target refused " + what + ofKey + ": " + err.message() + "; " + fix);
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
