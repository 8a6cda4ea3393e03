package dev.liftoff.loadtest.engine;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.Promise;
import io.netty.util.concurrent.ScheduledFuture;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * The sessions, connections and counters of one event loop. In the open model it also keeps its share of the arrival
 * schedule (every {@code loops}-th session) and a pool of idle connections; in the closed model it runs a fixed set of
 * sessions back to back. Everything here runs on {@link #loop} except construction; nothing is shared between workers
 * but the immutable plan.
 */
final class Worker {
    /** Connections the open model opens per origin before the clock starts. */
    static final int PREPARED_PER_ORIGIN = 2;

    final EventLoop loop;
    final Plan plan;
    final WorkerStats stats;
    final SplittableRandom random = new SplittableRandom();
    boolean stopping;

    private final Load load;
    private final long timeoutNanos;
    private final Bootstrap[] bootstraps;
    private final List<ArrayDeque<HttpConnection>> idle = new ArrayList<>();
    private final List<HttpConnection> open = new ArrayList<>();
    private final ArrayDeque<Session> spare = new ArrayDeque<>();
    private final List<Session> prepared = new ArrayList<>();
    private final Promise<Void> drained;
    private ScheduledFuture<?> sweeper;
    private int requestsInFlight;

    // Open model: this worker starts sessions index, index + loops, index + 2*loops, ...
    private final int index;
    private final int loops;
    private final int capacity;
    private long nextSession;
    private long startNanos;
    private long endNanos;
    private int activeSessions;
    private long[] pending = new long[64];
    private int pendingHead;
    private int pendingSize;

    Worker(
            EventLoop loop,
            Plan plan,
            Load load,
            long timeoutNanos,
            int index,
            int loops,
            SslContext[] tls,
            Class<? extends Channel> channelType) {
        this.loop = loop;
        this.plan = plan;
        this.load = load;
        this.timeoutNanos = timeoutNanos;
        this.index = index;
        this.loops = loops;
        this.stats = new WorkerStats(plan.names.size());
        this.drained = loop.newPromise();
        this.capacity = load instanceof Load.Open o ? Math.max(1, (o.maxInFlight() + loops - 1) / loops) : 0;
        this.bootstraps = new Bootstrap[plan.origins.size()];
        for (int i = 0; i < bootstraps.length; i++) {
            int origin = i;
            SslContext ssl = tls[i];
            bootstraps[i] = new Bootstrap()
                    .group(loop)
                    .channel(channelType)
                    .option(ChannelOption.TCP_NODELAY, true)
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(timeoutNanos / 1_000_000, 30_000))
                    .handler(new ChannelInitializer<Channel>() {
                        @Override
                        protected void initChannel(Channel ch) {
                            if (ssl != null) {
                                var o = plan.origins.get(origin);
                                ch.pipeline().addLast(ssl.newHandler(ch.alloc(), o.host(), o.port()));
                            }
                            ch.pipeline().addLast(new HttpConnection(Worker.this, origin, ch));
                        }
                    });
            idle.add(new ArrayDeque<>());
        }
    }

    /** Completes when the worker has stopped and no request is under way any more. */
    Promise<Void> drained() {
        return drained;
    }

    /**
     * Opens connections before the clock starts, so connection set-up does not count against the first second: one
     * per session in the closed model, {@link #PREPARED_PER_ORIGIN} per origin for the open model's pool. The promise
     * completes when every attempt has finished (failures are left for the run to meet and count). Loop thread.
     */
    Promise<Void> prepare(int closedSessions) {
        warmUp();
        Promise<Void> ready = loop.newPromise();
        int attempts = load instanceof Load.Open ? PREPARED_PER_ORIGIN * bootstraps.length : closedSessions;
        if (attempts == 0) {
            return ready.setSuccess(null);
        }
        int[] left = {attempts};
        for (int i = 0; i < attempts; i++) {
            Session session = load instanceof Load.Open ? null : new Session(this);
            int origin = session == null ? i % bootstraps.length : plan.steps[0].origin;
            if (session != null) {
                prepared.add(session);
            }
            stats.event(WorkerStats.CONNECTIONS, 1);
            bootstraps[origin].connect(plan.addresses[origin]).addListener((ChannelFuture f) -> {
                if (f.isSuccess()) {
                    HttpConnection c = watch(f);
                    if (session == null) {
                        returnIdle(c);
                    } else {
                        session.adopt(c);
                    }
                }
                if (--left[0] == 0) {
                    ready.setSuccess(null);
                }
            });
        }
        return ready;
    }

    /**
     * Runs the request path's first-time work (class loading and initialization, the allocator's per-thread state)
     * before the clock starts, without sending anything: otherwise the first sessions of an open-model run start late
     * and carry that cost in their latency. Loop thread.
     */
    private void warmUp() {
        ByteBufAllocator alloc = ByteBufAllocator.DEFAULT;
        ResponseParser parser = new ResponseParser(alloc);
        ByteBuf canned = alloc.ioBuffer(64)
                .writeBytes("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok".getBytes(StandardCharsets.US_ASCII));
        try {
            parser.reset(false, true);
            parser.feed(canned);
            ByteBuf body = parser.takeBody();
            if (body != null) {
                body.release();
            }
        } catch (ResponseParser.MalformedResponse e) {
            throw new IllegalStateException("the response parser refused a canned answer", e);
        } finally {
            canned.release();
            parser.releaseBody();
        }
        new WorkerStats(1).startLag(0);
        spare.push(new Session(this));
    }

    /** Begins the load at {@code start}; loop thread, after {@link #prepare}. */
    void start(long start, long end) {
        this.startNanos = start;
        this.endNanos = end;
        this.nextSession = index;
        sweeper = loop.scheduleAtFixedRate(this::sweep, 100, 100, TimeUnit.MILLISECONDS);
        if (load instanceof Load.Open) {
            pace();
        } else {
            long now = System.nanoTime();
            for (Session s : prepared) {
                activeSessions++;
                s.begin(now);
            }
            prepared.clear();
        }
    }

    /** Starts every session that is due, then sleeps until the next one is. */
    private void pace() {
        if (!stopping) {
            startDue(System.nanoTime());
        }
    }

    private void startDue(long until) {
        Load.Open o = (Load.Open) load;
        while (true) {
            long due = startNanos + o.offsetNanos(nextSession);
            if (due >= endNanos) {
                return;
            }
            if (due > until) {
                loop.schedule(this::pace, due - System.nanoTime(), TimeUnit.NANOSECONDS);
                return;
            }
            arrive(due);
            nextSession += loops;
        }
    }

    private void arrive(long due) {
        if (activeSessions < capacity) {
            activeSessions++;
            stats.event(WorkerStats.STARTED, 1);
            // The generator's own lateness (a busy loop, GC, a starved CPU): reported so it is not blamed on the
            // server.
            stats.startLag(System.nanoTime() - due);
            Session s = spare.poll();
            (s == null ? new Session(this) : s).begin(due);
        } else {
            stats.event(WorkerStats.QUEUED, 1);
            if (pendingSize == pending.length) {
                long[] bigger = new long[pending.length * 2];
                for (int i = 0; i < pendingSize; i++) {
                    bigger[i] = pending[(pendingHead + i) % pending.length];
                }
                pending = bigger;
                pendingHead = 0;
            }
            pending[(pendingHead + pendingSize++) % pending.length] = due;
        }
    }

    /** A session finished its pass (or gave up); {@code backOff} after a failed connect, so a dead server is not spun on. */
    void sessionEnded(Session s, boolean backOff) {
        if (load instanceof Load.Open) {
            s.releaseConnections(!stopping);
            activeSessions--;
            spare.push(s);
            if (pendingSize > 0 && !stopping) {
                long due = pending[pendingHead];
                pendingHead = (pendingHead + 1) % pending.length;
                pendingSize--;
                activeSessions++;
                stats.event(WorkerStats.STARTED, 1);
                spare.pop().begin(due);
            }
        } else if (stopping) {
            activeSessions--;
            s.releaseConnections(false);
        } else if (backOff) {
            loop.schedule(() -> s.begin(System.nanoTime()), 10, TimeUnit.MILLISECONDS);
        } else {
            s.begin(System.nanoTime());
        }
        checkDrained();
    }

    /** Stops starting sessions and requests; the ones under way finish or time out. Loop thread. */
    void stop() {
        if (load instanceof Load.Open) {
            // A busy loop may run this before a wake-up that was due inside the window: those sessions still start.
            startDue(endNanos);
        }
        stopping = true;
        stats.event(WorkerStats.NOT_STARTED, pendingSize);
        pendingSize = 0;
        checkDrained();
    }

    /** Closes every connection; loop thread, after {@link #drained()}. */
    void closeAll() {
        if (sweeper != null) {
            sweeper.cancel(false);
        }
        for (HttpConnection c : List.copyOf(open)) {
            c.close();
        }
    }

    void requestStarted() {
        stats.inFlight = ++requestsInFlight;
    }

    void requestEnded() {
        stats.inFlight = --requestsInFlight;
    }

    private void checkDrained() {
        if (stopping && requestsInFlight == 0) {
            drained.trySuccess(null);
        }
    }

    HttpConnection idleConnection(int origin) {
        ArrayDeque<HttpConnection> q = idle.get(origin);
        HttpConnection c;
        while ((c = q.pollLast()) != null) {
            if (c.isOpen()) {
                return c;
            }
        }
        return null;
    }

    void returnIdle(HttpConnection c) {
        idle.get(c.origin).addLast(c);
    }

    void connect(int origin, Session s) {
        stats.event(WorkerStats.CONNECTIONS, 1);
        bootstraps[origin].connect(plan.addresses[origin]).addListener((ChannelFuture f) -> {
            if (f.isSuccess()) {
                s.connected(watch(f));
            } else {
                s.connectFailed();
            }
        });
    }

    /** Puts a new connection under the timeout watch. */
    private HttpConnection watch(ChannelFuture connected) {
        HttpConnection c = connected.channel().pipeline().get(HttpConnection.class);
        c.slot = open.size();
        open.add(c);
        return c;
    }

    /** Drops a closed connection from the timeout watch. */
    void forget(HttpConnection c) {
        int i = c.slot;
        if (i < 0) {
            return;
        }
        HttpConnection last = open.remove(open.size() - 1);
        if (last != c) {
            open.set(i, last);
            last.slot = i;
        }
        c.slot = -1;
    }

    private void sweep() {
        long now = System.nanoTime();
        for (int i = open.size() - 1; i >= 0; i--) {
            if (i >= open.size()) {
                continue;
            }
            HttpConnection c = open.get(i);
            if (c.busy() && now - c.sentNanos > timeoutNanos) {
                c.timeOut();
            }
        }
        checkDrained();
    }
}
