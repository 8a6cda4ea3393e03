package dev.liftoff.migrate.sampleapp;

import io.lettuce.core.LMoveArgs;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The worker process: takes jobs with the reliable-queue pattern ({@code BLMOVE} from the queue to a processing list,
 * removed from it only once PostgreSQL has the update), so a crash leaves the job in the processing list, and a
 * restart puts such jobs back on the queue. The update is idempotent, so a job run twice does no harm. One named
 * thread; it owns its blocking Redis connection.
 */
final class Worker {
    private static final String PROCESS =
            "UPDATE orders SET status = 'processed', processed_at = now() WHERE id = ? AND status = 'new'";

    private final ConnectionPool pool;
    private final StatefulRedisConnection<String, String> connection;
    private final RedisCommands<String, String> redis;
    private final Thread thread;
    private final AtomicLong processed = new AtomicLong();
    private volatile boolean running = true;

    Worker(String name, ConnectionPool pool, StatefulRedisConnection<String, String> connection) {
        this.pool = pool;
        this.connection = connection;
        this.redis = connection.sync();
        this.thread = new Thread(this::loop, "sampleapp-" + name + "-worker");
        this.thread.setDaemon(true);
    }

    void start() {
        while (redis.rpoplpush(SampleApp.PROCESSING, SampleApp.QUEUE) != null) {
            // jobs a crashed worker held go back to the queue before new ones are taken
        }
        thread.start();
    }

    long processed() {
        return processed.get();
    }

    /** Stops after the job in hand and closes the connection; blocks until the thread has ended. */
    void stop() {
        running = false;
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (connection.isOpen()) {
            connection.close();
        }
    }

    private void loop() {
        while (running) {
            try {
                String job = redis.blmove(SampleApp.QUEUE, SampleApp.PROCESSING, LMoveArgs.Builder.rightLeft(), 1L);
                if (job != null) {
                    process(Long.parseLong(job));
                    redis.lrem(SampleApp.PROCESSING, 1, job);
                    processed.incrementAndGet();
                }
            } catch (RedisCommandTimeoutException e) {
                // no job within the client's timeout: look again
            } catch (RuntimeException | SQLException e) {
                if (running) {
                    pause();
                }
            }
        }
    }

    private void process(long id) throws SQLException {
        Connection c = pool.borrow();
        boolean broken = true;
        try (PreparedStatement st = c.prepareStatement(PROCESS)) {
            st.setLong(1, id);
            st.executeUpdate();
            broken = false;
        } finally {
            pool.giveBack(c, broken);
        }
    }

    private void pause() {
        // a failing server: back off briefly instead of spinning; the job stays in the processing list
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
