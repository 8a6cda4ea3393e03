package dev.liftoff.migrate.traffic;

import dev.liftoff.core.Rate;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sends orders ({@code POST /orders}) at a steady rate to a base URL (the gateway's) and records every one the app
 * acknowledges. Like a careful client, it retries a write that got a 5xx answer or lost its connection, with the same
 * request id, until it is acknowledged or the driver stops; so a write the app acknowledged exactly once is the
 * contract the checker audits. At most {@code maxInFlight} writes wait for answers at once (a gateway hold queues
 * them); beyond that the schedule waits. Thread-safe; {@link #close()} stops sending, waits for answers up to the
 * given grace, and shuts the client's threads down.
 */
public final class WriteDriver implements AutoCloseable {
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*(\\d+)");
    private static final Duration RETRY_PAUSE = Duration.ofMillis(100);

    private final URI orders;
    private final double perSecond;
    private final Semaphore slots;
    private final int maxInFlight;
    private final ExecutorService httpThreads;
    private final HttpClient client;
    private final Thread scheduler;
    private final ConcurrentLinkedQueue<Ack> acks = new ConcurrentLinkedQueue<>();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicInteger sequence = new AtomicInteger();
    private volatile boolean running = true;
    private volatile boolean closed;
    private volatile long unanswered;
    private volatile long startNanos;
    private volatile long stopNanos;
    private final Instant startWall;

    private WriteDriver(URI baseUrl, Rate rate, int maxInFlight) {
        this.orders = baseUrl.resolve("/orders");
        this.perSecond = rate.perSecond();
        this.maxInFlight = maxInFlight;
        this.slots = new Semaphore(maxInFlight);
        AtomicInteger n = new AtomicInteger();
        this.httpThreads = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "traffic-http-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .executor(httpThreads)
                .build();
        this.scheduler = new Thread(this::schedule, "traffic-scheduler");
        this.scheduler.setDaemon(true);
        this.startWall = Instant.now();
        this.startNanos = System.nanoTime();
    }

    /**
     * Starts sending.
     *
     * @param baseUrl where the app (or the gateway in front of it) answers
     * @param rate writes per second (a few hundred is what the demo uses)
     * @param maxInFlight writes waiting for an answer at most
     */
    public static WriteDriver start(URI baseUrl, Rate rate, int maxInFlight) {
        Objects.requireNonNull(baseUrl, "baseUrl");
        if (rate.perSecond() <= 0 || maxInFlight < 1) {
            throw new IllegalArgumentException("rate and maxInFlight must be positive");
        }
        WriteDriver d = new WriteDriver(baseUrl, rate, maxInFlight);
        d.scheduler.start();
        return d;
    }

    /** The writes acknowledged so far, in no particular order. */
    public List<Ack> acks() {
        return new ArrayList<>(acks);
    }

    public long acknowledged() {
        return acks.size();
    }

    public DriverStats stats() {
        long end = stopNanos == 0 ? System.nanoTime() : stopNanos;
        double seconds = Math.max(1e-9, (end - startNanos) / 1e9);
        return new DriverStats(
                sent.get(), acks.size(), retries.get(), rejected.get(), unanswered, acks.size() / seconds);
    }

    /**
     * Stops starting writes and waits up to {@code grace} for the ones in flight (their retries included); writes
     * still unanswered then are counted in {@link DriverStats#unanswered()}.
     */
    public DriverStats stop(Duration grace) {
        if (running) {
            running = false;
            scheduler.interrupt();
            try {
                scheduler.join();
                if (slots.tryAcquire(maxInFlight, grace.toMillis(), TimeUnit.MILLISECONDS)) {
                    slots.release(maxInFlight);
                } else {
                    unanswered = maxInFlight - slots.availablePermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            stopNanos = System.nanoTime();
        }
        return stats();
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(5));
        closed = true;
        httpThreads.shutdownNow();
    }

    private void schedule() {
        long issued = 0;
        try {
            while (running) {
                long due = (long) ((System.nanoTime() - startNanos) / 1e9 * perSecond);
                while (issued < due && running) {
                    slots.acquire();
                    issued++;
                    send(new UUID(startWall.toEpochMilli(), sequence.incrementAndGet()), 1);
                }
                // a tick of a millisecond keeps the arrivals steady without spinning a core
                Thread.sleep(1);
            }
        } catch (InterruptedException e) {
            // stop() interrupts to end the schedule
        }
    }

    private void send(UUID requestId, int attempt) {
        if (attempt == 1) {
            sent.incrementAndGet();
        }
        String body = "{\"request_id\":\"" + requestId + "\",\"item\":\"item-"
                + (requestId.getLeastSignificantBits() % 100) + "\",\"quantity\":1}";
        HttpRequest request = HttpRequest.newBuilder(orders)
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> {
            if (failure == null && (response.statusCode() == 200 || response.statusCode() == 201)) {
                Matcher m = ID.matcher(response.body());
                if (m.find()) {
                    acks.add(new Ack(requestId, Long.parseLong(m.group(1)), now(), attempt));
                    slots.release();
                    return;
                }
            }
            boolean retriable = failure != null || response.statusCode() >= 500;
            if (retriable && !closed) {
                retries.incrementAndGet();
                // even while stopping: a write the app may have made must end acknowledged or be counted unanswered
                CompletableFuture.delayedExecutor(RETRY_PAUSE.toMillis(), TimeUnit.MILLISECONDS, httpThreads)
                        .execute(() -> send(requestId, attempt + 1));
            } else {
                rejected.incrementAndGet();
                slots.release();
            }
        });
    }

    private Instant now() {
        return startWall.plusNanos(System.nanoTime() - startNanos);
    }
}
