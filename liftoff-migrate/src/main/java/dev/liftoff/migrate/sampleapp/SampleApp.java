package dev.liftoff.migrate.sampleapp;

import com.sun.net.httpserver.HttpServer;
import dev.liftoff.core.LiftoffException;
import dev.liftoff.migrate.RedisUris;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One running instance of the sample app: its web process on 127.0.0.1 and its worker, both against the instance's
 * own PostgreSQL and Redis. The web process answers {@code POST /orders} ({@code {"request_id": UUID, "item": TEXT,
 * "quantity": N}} → 201 {@code {"id": N}} once committed; 200 with the same id when the request id was seen before),
 * {@code GET /orders/{id}} and {@code GET /health} (and {@code GET /}, where a health check looks). Thread-safe; {@link #close()} stops both processes and closes
 * every connection.
 */
public final class SampleApp implements AutoCloseable {
    static final String QUEUE = "orders:queue";
    static final String PROCESSING = "orders:processing";

    private final SampleAppConfig config;
    private final ConnectionPool pool;
    private final RedisClient redisClient;
    private final StatefulRedisConnection<String, String> redis;
    private final HttpServer server;
    private final ExecutorService webThreads;
    private Worker worker;
    private long processedBefore;

    private SampleApp(
            SampleAppConfig config,
            ConnectionPool pool,
            RedisClient redisClient,
            StatefulRedisConnection<String, String> redis,
            HttpServer server,
            ExecutorService webThreads) {
        this.config = config;
        this.pool = pool;
        this.redisClient = redisClient;
        this.redis = redis;
        this.server = server;
        this.webThreads = webThreads;
    }

    /**
     * Starts the web process and, when configured, the worker. Requests need the schema ({@link SampleSchema#apply}
     * on the old platform; a new platform gets it with the copy).
     *
     * @throws LiftoffException an environment error when PostgreSQL or Redis cannot be reached, or the port is taken
     */
    public static SampleApp start(SampleAppConfig config) {
        ConnectionPool pool = new ConnectionPool(config.database(), config.webThreads());
        RedisClient client = RedisClient.create(RedisUris.uri(config.redis()));
        try {
            pool.giveBack(pool.borrow(), false);
            StatefulRedisConnection<String, String> redis = client.connect();
            ExecutorService web =
                    Executors.newFixedThreadPool(config.webThreads(), named("sampleapp-" + config.name() + "-web-"));
            HttpServer server =
                    HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), config.port()), 1024);
            server.createContext("/", new OrdersHandler(pool, redis));
            server.setExecutor(web);
            server.start();
            SampleApp app = new SampleApp(config, pool, client, redis, server, web);
            if (config.worker()) {
                app.startWorker();
            }
            return app;
        } catch (IOException e) {
            pool.close();
            client.shutdown();
            throw LiftoffException.environment(
                    "sample app " + config.name() + ": cannot listen on port " + config.port() + ": " + e.getMessage(),
                    e);
        } catch (RuntimeException e) {
            pool.close();
            client.shutdown();
            if (e instanceof LiftoffException) {
                throw e;
            }
            throw LiftoffException.environment(
                    "sample app " + config.name() + ": cannot reach " + config.redis() + ": " + e.getMessage(), e);
        }
    }

    /** Where the web process answers, e.g. {@code http://127.0.0.1:41234}. */
    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public String name() {
        return config.name();
    }

    /** Starts the worker (scaling it to one) unless it runs already. */
    public synchronized void startWorker() {
        if (worker == null) {
            worker = new Worker(config.name(), pool, redisClient.connect());
            worker.start();
        }
    }

    /**
     * Stops the worker after the job in hand (scaling the worker to zero, as the old platform's must be before its
     * data's last changes are taken); jobs stay queued in Redis. Blocks until it has stopped.
     */
    public synchronized void stopWorker() {
        if (worker != null) {
            worker.stop();
            processedBefore += worker.processed();
            worker = null;
        }
    }

    /** Jobs this instance's workers have completed. */
    public synchronized long processedJobs() {
        return processedBefore + (worker == null ? 0 : worker.processed());
    }

    @Override
    public void close() {
        server.stop(0);
        webThreads.shutdown();
        stopWorker();
        try {
            webThreads.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        redis.close();
        redisClient.shutdown();
        pool.close();
    }

    static ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
