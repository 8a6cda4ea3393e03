package dev.liftoff.gateway;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.EventLoopGroup;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A gateway that is listening. Thread-safe: every method may be called from any thread, and concurrently with traffic.
 * The caller that got it from {@link Gateway#start} closes it; {@link #close()} is idempotent.
 */
public final class RunningGateway implements AutoCloseable {
    private final GatewayCore core;
    private final EventLoopGroup io;
    private final EventLoopGroup admin;
    private final Channel proxyChannel;
    private final Channel adminChannel;
    private final boolean tls;
    private final CountDownLatch closed = new CountDownLatch(1);

    RunningGateway(
            GatewayCore core,
            EventLoopGroup io,
            EventLoopGroup admin,
            Channel proxyChannel,
            Channel adminChannel,
            boolean tls) {
        this.core = core;
        this.io = io;
        this.admin = admin;
        this.proxyChannel = proxyChannel;
        this.adminChannel = adminChannel;
        this.tls = tls;
    }

    /** The bound proxy address (the real port when the config asked for port 0). */
    public InetSocketAddress address() {
        return (InetSocketAddress) proxyChannel.localAddress();
    }

    /** The bound admin address. */
    public InetSocketAddress adminAddress() {
        return (InetSocketAddress) adminChannel.localAddress();
    }

    /** The proxy's base URL, e.g. {@code https://127.0.0.1:8443}. */
    public String url() {
        return (tls ? "https://" : "http://") + hostPort(address());
    }

    /** The admin API's base URL, e.g. {@code http://127.0.0.1:9090}. */
    public String adminUrl() {
        return "http://" + hostPort(adminAddress());
    }

    /** Which transport moves the bytes: {@code epoll} or {@code nio}. */
    public String transport() {
        return Transport.name();
    }

    public GatewayStatus status() {
        return core.status();
    }

    /** Changes the mode for every request that starts from now on; leaving hold releases the held requests. */
    public void mode(Mode mode) {
        core.setMode(mode);
    }

    /**
     * Sends every request that starts from now on to {@code upstream}. Requests already sent to the old upstream
     * finish there; its pooled connections close and are never reused.
     */
    public void switchTo(Upstream upstream) {
        core.switchTo(upstream);
    }

    /**
     * Blocks until nothing is in flight (held requests and WebSockets do not count) or the timeout passes.
     *
     * @return the outcome; {@code idle()} is false on timeout or interrupt (the interrupt flag is restored)
     */
    public WaitIdleResult awaitIdle(Duration timeout) {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        try {
            while (core.inFlight.get() != 0 && System.nanoTime() - deadline < 0) {
                Thread.sleep(2);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        GatewayStatus s = core.status();
        return new WaitIdleResult(s.inFlight() == 0, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start), s);
    }

    /**
     * Graceful stop: stops accepting connections, answers held requests with 503, lets in-flight requests finish (each
     * response then closes its connection) for up to {@code timeout}, then closes everything.
     *
     * @return the number of requests still in flight when the timeout cut them off (0 after a clean drain)
     */
    public long drain(Duration timeout) {
        proxyChannel.close().syncUninterruptibly();
        core.startDraining();
        WaitIdleResult r = awaitIdle(timeout);
        close();
        return r.status().inFlight();
    }

    /** Blocks until {@link #close()} has finished, from any thread. */
    public void awaitClosed() throws InterruptedException {
        closed.await();
    }

    /** Closes listeners and connections at once (use {@link #drain} to let requests finish) and stops the threads. */
    @Override
    public void close() {
        if (closed.getCount() == 0) {
            return;
        }
        synchronized (this) {
            if (closed.getCount() == 0) {
                return;
            }
            proxyChannel.close().addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
            adminChannel.close();
            core.clients.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
            io.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
            admin.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
            closed.countDown();
        }
    }

    private static String hostPort(InetSocketAddress a) {
        String h = a.getAddress() != null ? a.getAddress().getHostAddress() : a.getHostString();
        return (h.indexOf(':') >= 0 ? "[" + h + "]" : h) + ":" + a.getPort();
    }
}
