package dev.liftoff.gateway;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One upstream as of one switch, with its keep-alive connection pools: one pool per event loop, touched only by that
 * loop, so taking and returning a connection needs no lock and no hop between threads. A switch makes a new target
 * and {@linkplain #retire() retires} the old one: its idle connections close and none is ever handed out again, while
 * requests that already read the old target finish on it.
 */
final class UpstreamTarget {
    /** Idle connections kept per event loop; more than this many idle at once is a burst that is over. */
    static final int MAX_IDLE_PER_LOOP = 512;
    /** Shorter than the keep-alive timeouts of common servers and Heroku's 55 s idle window. */
    static final long IDLE_NANOS = TimeUnit.SECONDS.toNanos(20);

    private static final HttpDecoderConfig DECODER = new HttpDecoderConfig()
            .setMaxInitialLineLength(8192)
            .setMaxHeaderSize(65_536)
            .setMaxChunkSize(65_536);

    final Upstream upstream;
    private final SslContext ssl;
    private final Metrics metrics;
    private final Map<EventLoop, Pool> pools = new IdentityHashMap<>();
    private volatile boolean retired;

    private final class Pool {
        final ArrayDeque<UpstreamHandler> idle = new ArrayDeque<>();
        final Bootstrap bootstrap;
        final ScheduledFuture<?> sweeper;

        Pool(EventLoop loop) {
            InetSocketAddress remote = InetSocketAddress.createUnresolved(upstream.host(), upstream.port());
            bootstrap = new Bootstrap()
                    .group(loop)
                    .channel(Transport.socketChannel())
                    .option(ChannelOption.TCP_NODELAY, true)
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 5_000)
                    .remoteAddress(remote)
                    .handler(new ChannelInitializer<Channel>() {
                        @Override
                        protected void initChannel(Channel ch) {
                            if (ssl != null) {
                                ch.pipeline()
                                        .addLast("tls", ssl.newHandler(ch.alloc(), upstream.host(), upstream.port()));
                            }
                            ch.pipeline().addLast("http", new HttpClientCodec(DECODER, false, false));
                            ch.pipeline().addLast("relay", new UpstreamHandler(UpstreamTarget.this, loop));
                        }
                    });
            sweeper = loop.scheduleAtFixedRate(this::closeExpired, 5, 5, TimeUnit.SECONDS);
        }

        void closeExpired() {
            long now = System.nanoTime();
            UpstreamHandler h;
            while ((h = idle.peekFirst()) != null && now - h.idleSince > IDLE_NANOS) {
                idle.pollFirst();
                h.channel().close();
            }
        }

        void closeAll() {
            sweeper.cancel(false);
            UpstreamHandler h;
            while ((h = idle.pollFirst()) != null) {
                h.channel().close();
            }
        }
    }

    /** @param ssl the client TLS context for an https upstream, else null */
    UpstreamTarget(Upstream upstream, SslContext ssl, EventLoopGroup group, Metrics metrics) {
        this.upstream = upstream;
        this.ssl = ssl;
        this.metrics = metrics;
        for (EventExecutor e : group) {
            EventLoop loop = (EventLoop) e;
            pools.put(loop, new Pool(loop));
        }
    }

    /** An idle, open connection of this loop's pool (the most recently used), or null. Call on {@code loop}. */
    UpstreamHandler poll(EventLoop loop) {
        ArrayDeque<UpstreamHandler> idle = pools.get(loop).idle;
        UpstreamHandler h;
        while ((h = idle.pollLast()) != null) {
            if (h.channel().isActive()) {
                return h;
            }
        }
        return null;
    }

    /** Returns a connection after a complete exchange, or closes it if this target is retired. Call on {@code loop}. */
    void offer(EventLoop loop, UpstreamHandler h) {
        ArrayDeque<UpstreamHandler> idle = pools.get(loop).idle;
        if (retired || idle.size() >= MAX_IDLE_PER_LOOP) {
            h.channel().close();
        } else {
            h.idleSince = System.nanoTime();
            idle.addLast(h);
        }
    }

    /** Forgets an idle connection that closed. Call on {@code loop}. */
    void remove(EventLoop loop, UpstreamHandler h) {
        pools.get(loop).idle.remove(h);
    }

    /** Opens a new connection on {@code loop}; its {@link UpstreamHandler} is in the pipeline as {@code relay}. */
    ChannelFuture connect(EventLoop loop) {
        metrics.upstreamConnects.increment();
        return pools.get(loop).bootstrap.connect();
    }

    /** Stops handing out connections and closes the idle ones; in-flight exchanges finish and then close theirs. */
    void retire() {
        retired = true;
        pools.forEach((loop, pool) -> loop.execute(pool::closeAll));
    }
}
