package dev.liftoff.redis.copy;

import dev.liftoff.redis.resp.Endpoint;
import dev.liftoff.redis.resp.RespConnection;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongConsumer;

/**
 * Worker threads ({@code liftoff-redis-copy-N}), each with its own {@link KeyMover}, fed batches of scanned keys
 * through a small bounded queue, so a fast scan cannot run ahead of the copy by more than a few batches. The first
 * failure stops the pool and is rethrown by {@link #submit} or {@link #finish}. One thread submits; {@link #close()}
 * stops the workers and closes their connections.
 */
public final class CopyPool implements AutoCloseable {
    private record Batch(int db, List<byte[]> keys) {}

    private static final Batch STOP = new Batch(-1, List.of());
    private static final int SCAN_COUNT = 1000;

    private final BlockingQueue<Batch> queue;
    private final List<Thread> threads = new ArrayList<>();
    private final List<KeyMover> movers = new ArrayList<>();
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
    private final boolean deleteGone;

    /**
     * Opens {@code jobs} connection pairs and starts the workers.
     *
     * @param deleteGone delete on the target keys gone from the source (a resync after missed events)
     */
    public CopyPool(MoveContext ctx, Endpoint source, Endpoint target, int jobs, boolean deleteGone) {
        this.queue = new ArrayBlockingQueue<>(jobs * 2);
        this.deleteGone = deleteGone;
        try {
            for (int i = 0; i < jobs; i++) {
                movers.add(new KeyMover(ctx, source, target, "copy-" + i));
            }
        } catch (RuntimeException e) {
            movers.forEach(KeyMover::close);
            throw e;
        }
        for (int i = 0; i < jobs; i++) {
            KeyMover mover = movers.get(i);
            Thread t = Thread.ofPlatform().name("liftoff-redis-copy-" + i).unstarted(() -> work(mover));
            threads.add(t);
            t.start();
        }
    }

    private void work(KeyMover mover) {
        try {
            while (true) {
                Batch b = queue.take();
                if (b == STOP) {
                    return;
                }
                if (failure.get() == null) {
                    mover.move(b.db, b.keys, deleteGone);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            failure.compareAndSet(null, e);
            queue.clear();
        }
    }

    /** Queues a batch; blocks while the queue is full. */
    public void submit(int db, List<byte[]> keys) throws InterruptedException {
        Batch b = new Batch(db, keys);
        while (!queue.offer(b, 100, TimeUnit.MILLISECONDS)) {
            rethrow();
        }
        rethrow();
    }

    /**
     * Scans databases of {@code source} ({@code SCAN ... COUNT 1000}) and queues every batch of keys found.
     *
     * @param scanned told how many keys each batch held, for progress
     */
    @SuppressWarnings("unchecked")
    public void scan(RespConnection source, List<Integer> databases, LongConsumer scanned) throws InterruptedException {
        for (int db : databases) {
            source.select(db);
            byte[] cursor = "0".getBytes(StandardCharsets.US_ASCII);
            do {
                List<Object> reply = (List<Object>) source.callOk("SCAN", cursor, "COUNT", SCAN_COUNT);
                cursor = (byte[]) reply.get(0);
                List<Object> found = (List<Object>) reply.get(1);
                if (!found.isEmpty()) {
                    List<byte[]> keys = new ArrayList<>(found.size());
                    for (Object k : found) {
                        keys.add((byte[]) k);
                    }
                    submit(db, keys);
                    scanned.accept(keys.size());
                }
            } while (!(cursor.length == 1 && cursor[0] == '0'));
        }
    }

    /** Waits until every queued batch is copied; rethrows the first worker failure. */
    public void finish() throws InterruptedException {
        for (int i = 0; i < threads.size(); i++) {
            while (!queue.offer(STOP, 100, TimeUnit.MILLISECONDS)) {
                rethrow();
            }
        }
        for (Thread t : threads) {
            t.join();
        }
        rethrow();
    }

    private void rethrow() {
        RuntimeException e = failure.get();
        if (e != null) {
            throw e;
        }
    }

    @Override
    public void close() {
        threads.forEach(Thread::interrupt);
        // Closing the sockets is what unblocks a worker waiting on a reply.
        movers.forEach(KeyMover::close);
        for (Thread t : threads) {
            try {
                t.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
