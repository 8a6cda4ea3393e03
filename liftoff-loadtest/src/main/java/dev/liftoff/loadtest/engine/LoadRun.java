package dev.liftoff.loadtest.engine;

import dev.liftoff.core.LiftoffException;
import dev.liftoff.loadtest.scenario.Origin;
import dev.liftoff.loadtest.scenario.Scenario;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.net.ssl.SSLException;
import org.HdrHistogram.Histogram;

/**
 * Runs one load test on Netty: one worker per event loop (native epoll where it loads, NIO otherwise), connections
 * pinned to their loop, and the calling thread collecting the workers' measurements once a second. Blocking; one
 * run per call; every thread and connection it makes is gone when it returns.
 */
public final class LoadRun {
    /**
     * What to run.
     *
     * @param duration how long sessions are started for; requests under way then are waited for
     * @param timeout how long one request may take before it counts as an error
     * @param ioThreads event loops (and so cores) used for sending
     * @param insecureTls accept any TLS certificate (staging with a self-signed one)
     */
    public record Settings(
            Scenario scenario, Load load, Duration duration, Duration timeout, int ioThreads, boolean insecureTls) {
        public Settings {
            Objects.requireNonNull(scenario, "scenario");
            Objects.requireNonNull(load, "load");
            Objects.requireNonNull(duration, "duration");
            Objects.requireNonNull(timeout, "timeout");
            if (duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException("the duration must be positive");
            }
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("the timeout must be positive");
            }
            if (ioThreads < 1) {
                throw new IllegalArgumentException("at least one I/O thread is needed");
            }
        }
    }

    static {
        // Netty 4.2 reports buffer allocations as JFR events when JFR is available, and the first allocation then
        // initializes the JFR machinery on the event loop: measured at up to a second on a busy 2-core machine, which
        // starts the first open-model sessions late and inflates their latency. We do not use those events. Set
        // before any Netty class reads it; an explicit -Dio.netty.jfr.enabled wins.
        if (System.getProperty("io.netty.jfr.enabled") == null) {
            System.setProperty("io.netty.jfr.enabled", "false");
        }
    }

    private LoadRun() {}

    /**
     * Runs the load and returns what was measured. {@code onSecond} is called on the calling thread after each second
     * with that second's figures (for live progress); it must be quick.
     *
     * @throws LiftoffException when a host does not resolve (environment) or TLS cannot be set up
     */
    public static EngineResult run(Settings settings, Consumer<SecondSample> onSecond) {
        Plan plan = Plan.compile(settings.scenario());
        boolean epoll = Epoll.isAvailable();
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        Class<? extends Channel> channelType = epoll ? EpollSocketChannel.class : NioSocketChannel.class;
        SslContext[] tls = tls(plan.origins, settings.insecureTls());
        int loops = settings.ioThreads();
        MultiThreadIoEventLoopGroup group =
                new MultiThreadIoEventLoopGroup(loops, new DefaultThreadFactory("liftoff-loadtest-io", true), io);
        try {
            List<Worker> workers = new ArrayList<>();
            int i = 0;
            for (EventExecutor e : group) {
                workers.add(new Worker(
                        (EventLoop) e,
                        plan,
                        settings.load(),
                        settings.timeout().toNanos(),
                        i++,
                        loops,
                        tls,
                        channelType));
            }
            return new Collector(plan, settings, workers, epoll ? "epoll" : "nio").run(onSecond);
        } finally {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
    }

    private static SslContext[] tls(List<Origin> origins, boolean insecure) {
        SslContext[] contexts = new SslContext[origins.size()];
        SslContext shared = null;
        for (int i = 0; i < contexts.length; i++) {
            if (!origins.get(i).tls()) {
                continue;
            }
            if (shared == null) {
                try {
                    SslContextBuilder b = SslContextBuilder.forClient();
                    if (insecure) {
                        b.trustManager(InsecureTrustManagerFactory.INSTANCE).endpointIdentificationAlgorithm(null);
                    } else {
                        b.endpointIdentificationAlgorithm("HTTPS");
                    }
                    shared = b.build();
                } catch (SSLException e) {
                    throw LiftoffException.environment(
                            "cannot set up TLS for " + origins.get(i) + ": " + e.getMessage(), e);
                }
            }
            contexts[i] = shared;
        }
        return contexts;
    }

    /** The calling thread's part: start the workers, sample them every second, stop and drain them. */
    private static final class Collector {
        private final Plan plan;
        private final Settings settings;
        private final List<Worker> workers;
        private final String transport;
        private final int names;
        private final Histogram[] cumulative;
        private final Histogram second = new Histogram(3);
        private final long[] requests;
        private final long[] errors;
        private long startedSoFar;

        Collector(Plan plan, Settings settings, List<Worker> workers, String transport) {
            this.plan = plan;
            this.settings = settings;
            this.workers = workers;
            this.transport = transport;
            this.names = plan.names.size();
            this.cumulative = new Histogram[names];
            for (int n = 0; n < names; n++) {
                cumulative[n] = new Histogram(3);
            }
            this.requests = new long[names];
            this.errors = new long[names];
        }

        EngineResult run(Consumer<SecondSample> onSecond) {
            int closed = settings.load() instanceof Load.Closed c ? c.connections() : 0;
            List<Future<?>> ready = new ArrayList<>();
            for (int w = 0; w < workers.size(); w++) {
                Worker worker = workers.get(w);
                int share = closed / workers.size() + (w < closed % workers.size() ? 1 : 0);
                ready.add(worker.loop
                        .submit(() -> worker.prepare(share))
                        .syncUninterruptibly()
                        .getNow());
            }
            long connectLimit = System.nanoTime() + settings.timeout().toNanos();
            for (Future<?> f : ready) {
                f.awaitUninterruptibly(Math.max(1, connectLimit - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
            long start = System.nanoTime() + 20_000_000; // every loop starts on the same clock
            long end = start + settings.duration().toNanos();
            for (Worker worker : workers) {
                worker.loop.execute(() -> worker.start(start, end));
            }
            List<SecondSample> seconds = new ArrayList<>();
            boolean interrupted = false;
            long windowEnd = end;
            for (int s = 1; ; s++) {
                long at = Math.min(start + s * 1_000_000_000L, end);
                if (!sleepUntil(at)) {
                    interrupted = true;
                    windowEnd = System.nanoTime();
                    break;
                }
                seconds.add(sample(s, null));
                onSecond.accept(seconds.getLast());
                if (at == end) {
                    break;
                }
            }
            for (Worker w : workers) {
                w.loop.execute(w::stop);
            }
            long drainLimit = settings.timeout().toNanos() + 2_000_000_000L;
            long drainStart = System.nanoTime();
            for (Worker w : workers) {
                long left = drainLimit - (System.nanoTime() - drainStart);
                w.drained().awaitUninterruptibly(Math.max(1, left), TimeUnit.NANOSECONDS);
            }
            long finished = System.nanoTime();
            for (Worker w : workers) {
                w.loop.submit(w::closeAll).awaitUninterruptibly(2, TimeUnit.SECONDS);
            }
            // Requests that finish after the window belong to its last second, not to a short extra one.
            if (seconds.isEmpty()) {
                seconds.add(sample(1, null));
            } else {
                seconds.set(seconds.size() - 1, sample(seconds.size(), seconds.getLast()));
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            return result(seconds, finished - start, windowEnd - start);
        }

        private static boolean sleepUntil(long at) {
            long left;
            while ((left = at - System.nanoTime()) > 0) {
                try {
                    TimeUnit.NANOSECONDS.sleep(left);
                } catch (InterruptedException e) {
                    return false;
                }
            }
            return true;
        }

        /** The figures since the last sample; added to {@code previous} (whose histogram is still held) if given. */
        private SecondSample sample(int index, SecondSample previous) {
            if (previous == null) {
                second.reset();
            }
            long req = previous == null ? 0 : previous.requests();
            long err = previous == null ? 0 : previous.errors();
            for (int n = 0; n < names; n++) {
                long r = 0;
                long e = 0;
                for (Worker w : workers) {
                    Histogram h = w.stats.interval(n);
                    cumulative[n].add(h);
                    second.add(h);
                    r += w.stats.count(n, WorkerStats.REQUESTS);
                    e += w.stats.count(n, WorkerStats.ERRORS);
                }
                req += r - requests[n];
                err += e - errors[n];
                requests[n] = r;
                errors[n] = e;
            }
            int inFlight = 0;
            long started = 0;
            for (Worker w : workers) {
                inFlight += w.stats.inFlight;
                started += w.stats.events(WorkerStats.STARTED);
            }
            long startedNow = started - startedSoFar + (previous == null ? 0 : previous.sessionsStarted());
            startedSoFar = started;
            boolean any = second.getTotalCount() > 0;
            return new SecondSample(
                    index,
                    req,
                    err,
                    any ? ms(second.getValueAtPercentile(50)) : 0,
                    any ? ms(second.getValueAtPercentile(90)) : 0,
                    any ? ms(second.getValueAtPercentile(99)) : 0,
                    any ? ms(second.getMaxValue()) : 0,
                    inFlight,
                    startedNow);
        }

        private EngineResult result(List<SecondSample> seconds, long elapsed, long window) {
            Map<ErrorKind, Long> kinds = new EnumMap<>(ErrorKind.class);
            for (ErrorKind k : ErrorKind.values()) {
                long sum = workers.stream().mapToLong(w -> w.stats.errorKind(k)).sum();
                if (sum > 0) {
                    kinds.put(k, sum);
                }
            }
            Map<Integer, Long> statuses = new TreeMap<>();
            for (int code = 100; code < 600; code++) {
                int c = code;
                long sum = workers.stream().mapToLong(w -> w.stats.status(c)).sum();
                if (sum > 0) {
                    statuses.put(code, sum);
                }
            }
            long due = settings.load() instanceof Load.Open o ? o.dueWithin(window) : 0;
            return new EngineResult(
                    plan.names,
                    List.of(cumulative),
                    boxed(requests),
                    boxed(errors),
                    seconds,
                    kinds,
                    statuses,
                    elapsed,
                    window,
                    due,
                    total(WorkerStats.STARTED),
                    total(WorkerStats.QUEUED),
                    total(WorkerStats.NOT_STARTED),
                    total(WorkerStats.CONNECTIONS),
                    transport,
                    startLag());
        }

        private Histogram startLag() {
            Histogram all = new Histogram(3);
            workers.forEach(w -> all.add(w.stats.startLagMicros));
            return all;
        }

        private long total(int event) {
            return workers.stream().mapToLong(w -> w.stats.events(event)).sum();
        }

        private static List<Long> boxed(long[] values) {
            List<Long> l = new ArrayList<>(values.length);
            for (long v : values) {
                l.add(v);
            }
            return l;
        }

        private static double ms(long micros) {
            return Math.round(micros / 10.0) / 100.0;
        }
    }
}
