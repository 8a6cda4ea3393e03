package dev.liftoff.redis.sync;

import dev.liftoff.redis.copy.KeyMover;
import dev.liftoff.redis.copy.MoveContext;
import dev.liftoff.redis.copy.OwnKeys;
import dev.liftoff.redis.rdb.RdbEntry;
import dev.liftoff.redis.rdb.RdbReader;
import dev.liftoff.redis.resp.Clocks;
import dev.liftoff.redis.resp.ConnectionLostException;
import dev.liftoff.redis.resp.Endpoint;
import dev.liftoff.redis.resp.RespConnection;
import dev.liftoff.redis.resp.RespError;
import dev.liftoff.redis.resp.ServerInfo;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeSet;

/**
 * A live sync that acts as a replica of the source: {@code PSYNC ? -1} gets a snapshot, whose keys are restored on
 * the target from DUMP payloads cut straight out of the RDB, then the replication stream's commands are forwarded to
 * the target in order, pipelined, while {@code REPLCONF ACK} reports the offset. A dropped stream is resumed with
 * {@code PSYNC replid offset}; when the source can no longer continue it, a new snapshot is restored and target keys
 * the source lost are deleted. The target must read the source's payloads (same or newer version).
 *
 * <p>{@link #run()} blocks on the calling thread until {@link #stop()} (from any thread) or a failure.
 */
public final class ReplicaSync implements SyncEngine {
    private static final int BATCH = 1000;
    private static final long BATCH_BYTES = 8L << 20;
    private static final byte[] SELECT = bytes("SELECT");
    private static final byte[] FLUSHALL = bytes("FLUSHALL");
    private static final byte[] FLUSHDB = bytes("FLUSHDB");
    private static final byte[] SWAPDB = bytes("SWAPDB");
    private static final byte[] PING = bytes("PING");
    private static final byte[] REPLCONF = bytes("REPLCONF");

    /** An open replication stream: the connection just after {@code +FULLRESYNC} or {@code +CONTINUE}. */
    public record Stream(RespConnection connection, String replid, long offset, boolean full) {}

    /** The source does not let liftoff replicate; {@link #getMessage()} says what it answered. */
    public static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
    }

    private final Endpoint source;
    private final Endpoint target;
    private final OptionalInt only;
    private final MoveContext ctx;
    private final SyncStats stats;
    private final PrintStream status;
    private volatile Stream stream;
    private volatile boolean stopped;
    private RespConnection apply;
    private long targetMinusSource;
    private int applyDb;
    private int streamDb;
    private long streamStart;
    /** The source offset up to which the target has every command, and the stream's database there. */
    private volatile long processed;

    private int processedDb;
    /** Whether {@link #processed} belongs to the current stream (false while a snapshot loads or a resume runs). */
    private volatile boolean ackable;

    private final Object ackLock = new Object();
    private boolean warned;

    public ReplicaSync(
            Stream stream,
            Endpoint source,
            Endpoint target,
            OptionalInt only,
            MoveContext ctx,
            SyncStats stats,
            PrintStream status) {
        this.stream = stream;
        this.source = source;
        this.target = target;
        this.only = only;
        this.ctx = ctx;
        this.stats = stats;
        this.status = status;
    }

    /**
     * Asks the source for a replication stream.
     *
     * @param replid continue this stream, or null for a new one with a snapshot
     * @throws Refused when the source refuses REPLCONF or PSYNC (most managed services do)
     */
    public static Stream open(Endpoint source, String replid, long offset) throws Refused {
        RespConnection c = RespConnection.open(source, "replica");
        try {
            Object capa = c.call("REPLCONF", "capa", "eof", "capa", "psync2");
            if (capa instanceof RespError err) {
                throw new Refused("REPLCONF: " + err.message());
            }
            c.send("PSYNC", replid == null ? "?" : replid, replid == null ? -1L : offset + 1);
            c.flush();
            String line = line(c);
            if (line.startsWith("-")) {
                throw new Refused("PSYNC: " + line.substring(1));
            }
            String[] parts = line.split(" ");
            if (parts[0].equals("+FULLRESYNC") && parts.length == 3) {
                return new Stream(c, parts[1], Long.parseLong(parts[2]), true);
            }
            if (parts[0].equals("+CONTINUE")) {
                return new Stream(c, parts.length > 1 ? parts[1] : replid, offset, false);
            }
            throw new Refused("PSYNC answered '" + line + "'");
        } catch (Refused | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    /** One line of the handshake, skipping the newlines a source sends while it prepares the snapshot. */
    private static String line(RespConnection c) {
        int b;
        do {
            b = c.readByte();
        } while (b == '\n');
        return (char) b + c.readLine();
    }

    @Override
    public void run() throws InterruptedException {
        apply = RespConnection.open(target, "replica-apply");
        applyDb = apply.database();
        try (RespConnection s = RespConnection.open(source, "clock")) {
            targetMinusSource = Clocks.offsetMillis(apply) - Clocks.offsetMillis(s);
        }
        // TIME read over a round trip is only good to a few milliseconds: a smaller difference is noise, and
        // shifting by it would make expiry times that agree (NTP-synced hosts) differ by a millisecond.
        if (Math.abs(targetMinusSource) < 20) {
            targetMinusSource = 0;
        }
        // A replica ACKs every second whatever it reads, as Redis's own does: the source holds the command stream back
        // after a diskless snapshot until an ACK arrives, and drops a replica that stays silent for repl-timeout.
        Thread acker = Thread.ofPlatform().name("liftoff-redis-ack").daemon().start(this::heartbeat);
        try {
            stats.phase("copying");
            snapshot(false);
            stats.copyDone();
            stats.phase("streaming");
            while (!stopped) {
                try {
                    if (forward()) {
                        status.println("redis sync: SWAPDB on the source swapped database " + only.getAsInt()
                                + " with another; copying it again from a new snapshot");
                        resume(true);
                    }
                } catch (ConnectionLostException e) {
                    if (stopped) {
                        return;
                    }
                    status.println("redis sync: " + e.getMessage() + "; resuming the replication stream");
                    resume(false);
                }
            }
        } catch (RuntimeException e) {
            // stop() closes the stream under a snapshot being read: that is a stop, not a failure.
            if (!stopped) {
                throw e;
            }
        } finally {
            stopped = true;
            acker.interrupt();
            stream.connection().close();
            apply.close();
        }
    }

    /**
     * Every 250 ms: samples the source's {@code master_repl_offset} for the lag estimate, and every fourth time ACKs.
     * The source does not stamp its stream with times, so lag is measured against these samples: while the applied
     * offset is behind a sample's offset, the change that made it was written at or before that sample's time.
     */
    private void heartbeat() {
        ArrayDeque<long[]> samples = new ArrayDeque<>();
        RespConnection probe = null;
        try {
            for (int tick = 1; !stopped; tick++) {
                try {
                    Thread.sleep(250);
                } catch (InterruptedException e) {
                    return;
                }
                if (tick % 4 == 0) {
                    ack();
                }
                try {
                    if (probe == null) {
                        probe = RespConnection.open(source, "lag");
                    }
                    sampleLag(probe, samples);
                } catch (RuntimeException e) {
                    // No estimate this tick; the reading thread deals with a source that is gone.
                    if (probe != null) {
                        probe.close();
                        probe = null;
                    }
                    samples.clear();
                }
            }
        } finally {
            if (probe != null) {
                probe.close();
            }
        }
    }

    private void sampleLag(RespConnection probe, ArrayDeque<long[]> samples) {
        if (!ackable) {
            samples.clear();
            stats.behindSince(0);
            return;
        }
        Map<String, String> info = ServerInfo.section(probe, "replication");
        String replid = info.get("master_replid");
        String offset = info.get("master_repl_offset");
        if (replid == null || offset == null || !replid.equals(stream.replid())) {
            return;
        }
        long now = System.currentTimeMillis();
        samples.addLast(new long[] {now, Long.parseLong(offset)});
        long done = processed;
        while (!samples.isEmpty() && samples.peekFirst()[1] <= done) {
            samples.removeFirst();
        }
        stats.behindSince(samples.isEmpty() ? 0 : samples.peekFirst()[0]);
    }

    /** Reports the processed offset; never throws (a lost stream is noticed by the reading thread). */
    private void ack() {
        if (!ackable) {
            return;
        }
        synchronized (ackLock) {
            try {
                RespConnection c = stream.connection();
                c.send("REPLCONF", "ACK", processed);
                c.flush();
            } catch (RuntimeException e) {
                // The reading thread sees the same failure and resumes.
            }
        }
    }

    @Override
    public void stop() {
        stopped = true;
        stream.connection().close();
    }

    /**
     * Continues the stream from the last command the target has ({@code PSYNC replid offset}), or restores a new
     * snapshot when the source cannot continue it. The apply connection is opened again too: the failure may have
     * been on the target's side, and commands sent on the old one may not have run.
     */
    private void resume(boolean fromNewSnapshot) throws InterruptedException {
        ackable = false;
        long backoff = 100;
        Stream old = stream;
        old.connection().close();
        long offset = processed;
        while (!stopped) {
            try {
                apply.close();
                apply = RespConnection.open(target, "replica-apply");
                applyDb = apply.database();
                Stream next = open(source, fromNewSnapshot ? null : old.replid(), offset);
                if (next.full()) {
                    stream = next;
                    stats.resynced();
                    stats.phase("resyncing");
                    snapshot(true);
                    stats.phase("streaming");
                } else {
                    streamStart = next.connection().bytesRead();
                    stream = new Stream(next.connection(), next.replid(), offset, false);
                    streamDb = processedDb;
                    processed = offset;
                    ackable = true;
                    ack();
                }
                return;
            } catch (Refused | RuntimeException e) {
                if (stopped) {
                    return;
                }
                if (backoff >= 5_000) {
                    status.println("redis sync: cannot resume yet (" + e.getMessage() + "); retrying every 5s");
                }
                Thread.sleep(backoff);
                backoff = Math.min(5_000, backoff * 2);
            }
        }
    }

    /** Restores the snapshot that follows +FULLRESYNC; after a lost stream also deletes what the source lost. */
    private void snapshot(boolean prune) {
        RespConnection c = stream.connection();
        c.readTimeout(0);
        String header = line(c);
        if (!header.startsWith("$")) {
            throw new UncheckedIOException(new IOException("expected the snapshot, got '" + header + "'"));
        }
        byte[] eofMark = null;
        InputStream in = c.stream();
        if (header.startsWith("$EOF:")) {
            eofMark = header.substring(5).getBytes(StandardCharsets.US_ASCII);
        } else {
            in = new Bounded(in, Long.parseLong(header.substring(1)));
        }
        List<RdbEntry> batch = new ArrayList<>();
        List<RdbEntry> markers = new ArrayList<>();
        long[] bytes = {0};
        RdbReader rdb = new RdbReader(in, ctx.bigKeyBytes());
        try {
            rdb.read(e -> {
                if (only.isPresent() && only.getAsInt() != e.db()) {
                    e.discard();
                    return;
                }
                if (OwnKeys.isOwn(e.key())) {
                    // Finish markers are the one kind of own key that must come across: a finish whose marker was
                    // written before the source took this snapshot (a new snapshot after a stream the source could
                    // not continue, taken only after repl-diskless-sync-delay) finds it here, not in the stream.
                    // Held back until the snapshot is restored and pruned: the marker promises all of that is done.
                    if (OwnKeys.isFinishMarker(e.key())) {
                        markers.add(e);
                    } else {
                        e.discard();
                    }
                    return;
                }
                batch.add(e);
                bytes[0] += e.size();
                if (batch.size() >= BATCH || bytes[0] >= BATCH_BYTES) {
                    restore(batch);
                    batch.clear();
                    bytes[0] = 0;
                }
            });
            restore(batch);
            if (eofMark != null) {
                byte[] mark = in.readNBytes(eofMark.length);
                if (!Arrays.equals(mark, eofMark)) {
                    throw new IOException("the snapshot did not end with its EOF mark");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        c.readTimeout(60_000);
        streamStart = c.bytesRead();
        streamDb = 0;
        processed = stream.offset();
        processedDb = 0;
        ackable = true;
        ack();
        if (prune) {
            pruneAll();
        }
        restore(markers, false);
    }

    private void restore(List<RdbEntry> batch) {
        restore(batch, true);
    }

    /** @param keys whether these are the source's keys (counted as copied), not finish markers */
    private void restore(List<RdbEntry> batch, boolean keys) {
        try {
            List<RdbEntry> sent = new ArrayList<>(batch.size() * 2);
            for (RdbEntry e : batch) {
                if (selectFor(e.db())) {
                    sent.add(null);
                }
                long at = e.expireAtMillis() == 0 ? 0 : Math.max(1, e.expireAtMillis() + targetMinusSource);
                apply.send("RESTORE", e.key(), at, e.argument(), "REPLACE", "ABSTTL");
                sent.add(e);
            }
            apply.flush();
            for (RdbEntry e : sent) {
                Object r = apply.read();
                if (r instanceof RespError err) {
                    if (e == null) {
                        throw new IllegalStateException(
                                "the target has no database the snapshot uses: " + err.message());
                    }
                    throw new IllegalStateException("the target refused RESTORE of key '"
                            + OwnKeys.printable(e.key()) + "' from the snapshot: " + err.message()
                            + "; use --mode notifications");
                }
            }
            if (keys) {
                stats.restored(batch.size());
            }
        } finally {
            batch.forEach(RdbEntry::discard);
        }
    }

    /**
     * Queues a SELECT in the pipeline when {@code db} is not the apply connection's database. Tracked here rather
     * than with {@link RespConnection#select}, which waits for its reply and would take a pipelined command's.
     *
     * @return whether a SELECT was queued (its reply must be read)
     */
    private boolean selectFor(int db) {
        if (db == applyDb) {
            return false;
        }
        apply.send("SELECT", db);
        applyDb = db;
        return true;
    }

    /** After a new snapshot: delete target keys the source no longer has (their deletions were in the lost stream). */
    private void pruneAll() {
        try (RespConnection t = RespConnection.open(target, "scan");
                KeyMover mover = new KeyMover(ctx, source, target, "prune")) {
            for (int db : new TreeSet<>(ServerInfo.of(t).keys().keySet())) {
                if (only.isPresent() && only.getAsInt() != db) {
                    continue;
                }
                t.select(db);
                byte[] cursor = bytes("0");
                do {
                    List<?> reply = (List<?>) t.callOk("SCAN", cursor, "COUNT", 1000);
                    cursor = (byte[]) reply.get(0);
                    List<byte[]> keys = new ArrayList<>();
                    for (Object k : (List<?>) reply.get(1)) {
                        keys.add((byte[]) k);
                    }
                    if (!keys.isEmpty()) {
                        mover.pruneMissing(db, keys);
                    }
                } while (!(cursor.length == 1 && cursor[0] == '0'));
            }
        }
    }

    /**
     * Forwards one pipelined batch of the stream's commands and waits for the target's replies. Returns true when the
     * batch ended at a {@code SWAPDB} that swapped the one database synced: the stream cannot say what it holds now, so
     * the caller takes a new snapshot.
     */
    private boolean forward() {
        RespConnection c = stream.connection();
        List<List<Object>> batch = new ArrayList<>();
        long firstAt = 0;
        boolean flushed = false;
        boolean swapped = false;
        do {
            Object msg = c.read();
            if (firstAt == 0) {
                firstAt = System.currentTimeMillis();
                stats.applying(firstAt);
            }
            if (msg instanceof List<?> l && !l.isEmpty()) {
                @SuppressWarnings("unchecked")
                List<Object> cmd = (List<Object>) l;
                byte[] name = upper((byte[]) cmd.get(0));
                if (Arrays.equals(name, SELECT)) {
                    streamDb = Integer.parseInt(new String((byte[]) cmd.get(1), StandardCharsets.US_ASCII));
                } else if (Arrays.equals(name, REPLCONF)) {
                    // GETACK: answer at once with what is applied so far.
                    ack();
                } else if (only.isPresent() && Arrays.equals(name, SWAPDB)) {
                    // Never forwarded when syncing one database: on the target it would move someone else's.
                    swapped = swaps(cmd, only.getAsInt());
                } else if (only.isPresent() && Arrays.equals(name, FLUSHALL)) {
                    flushed = true;
                    // Syncing one database: the source's FLUSHALL empties that one on the target, not its neighbours.
                    List<Object> flushDb = new ArrayList<>(cmd.size() + 1);
                    flushDb.add(only.getAsInt());
                    flushDb.add(FLUSHDB);
                    flushDb.addAll(cmd.subList(1, cmd.size()));
                    batch.add(flushDb);
                } else if (!Arrays.equals(name, PING) && (only.isEmpty() || only.getAsInt() == streamDb)) {
                    flushed |= Arrays.equals(name, FLUSHALL)
                            || Arrays.equals(name, FLUSHDB)
                            || Arrays.equals(name, SWAPDB);
                    List<Object> withDb = new ArrayList<>(cmd.size() + 1);
                    withDb.add(streamDb);
                    withDb.addAll(cmd);
                    batch.add(withDb);
                }
            }
        } while (!swapped && batch.size() < BATCH && c.hasInput());
        List<List<Object>> sent = new ArrayList<>(batch.size() + 8);
        for (List<Object> cmd : batch) {
            if (selectFor((Integer) cmd.get(0))) {
                sent.add(null);
            }
            List<Object> args = cmd.subList(1, cmd.size());
            apply.send(targetMinusSource == 0 ? args : onTargetClock(args));
            sent.add(cmd);
        }
        apply.flush();
        for (List<Object> cmd : sent) {
            if (apply.read() instanceof RespError err && !warned) {
                warned = true;
                String what = cmd == null ? "SELECT" : new String((byte[]) cmd.get(1), StandardCharsets.UTF_8);
                status.println("redis sync: the target refused " + what + " (" + err.message()
                        + "); later refusals are not shown");
            }
        }
        stats.applied(batch.size());
        stats.applying(0);
        if (flushed) {
            stats.publish(); // the flush or swap took the state away from its database too: write it again now
        }
        // The batch ended where the reads stopped: a command boundary the stream can be resumed from.
        processed = stream.offset() + c.bytesRead() - streamStart;
        processedDb = streamDb;
        return swapped;
    }

    private static boolean swaps(List<Object> swapdb, int db) {
        for (Object arg : swapdb.subList(1, swapdb.size())) {
            if (new String((byte[]) arg, StandardCharsets.US_ASCII).equals(Integer.toString(db))) {
                return true;
            }
        }
        return false;
    }

    private static final byte[] PEXPIREAT = bytes("PEXPIREAT");
    private static final byte[] PXAT = bytes("PXAT");

    /**
     * Moves the absolute expiry times in a replicated command onto the target's clock. Redis 7 propagates every
     * relative TTL as {@code PEXPIREAT} or {@code SET ... PXAT}, stamped by the source's clock; when the two clocks
     * differ, passing them on unchanged would make keys live too long or die early on the target.
     */
    private List<Object> onTargetClock(List<Object> args) {
        byte[] name = upper((byte[]) args.get(0));
        int at = -1;
        if (Arrays.equals(name, PEXPIREAT) && args.size() >= 3) {
            at = 2;
        } else if (args.size() >= 5 && (Arrays.equals(name, bytes("SET")) || Arrays.equals(name, bytes("GETEX")))) {
            for (int i = 2; i < args.size() - 1; i++) {
                if (args.get(i) instanceof byte[] b && Arrays.equals(upper(b), PXAT)) {
                    at = i + 1;
                    break;
                }
            }
        }
        if (at < 0) {
            return args;
        }
        try {
            long ms = Long.parseLong(new String((byte[]) args.get(at), StandardCharsets.US_ASCII));
            List<Object> out = new ArrayList<>(args);
            out.set(at, Long.toString(Math.max(1, ms + targetMinusSource)));
            return out;
        } catch (NumberFormatException e) {
            return args;
        }
    }

    private static byte[] upper(byte[] b) {
        byte[] out = b.clone();
        for (int i = 0; i < out.length; i++) {
            if (out[i] >= 'a' && out[i] <= 'z') {
                out[i] -= 32;
            }
        }
        return out;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** The first {@code limit} bytes of a stream: a snapshot sent with its length. */
    private static final class Bounded extends FilterInputStream {
        private long left;

        Bounded(InputStream in, long limit) {
            super(in);
            this.left = limit;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            int b = super.read();
            if (b >= 0) {
                left--;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = super.read(b, off, (int) Math.min(len, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }
    }
}
