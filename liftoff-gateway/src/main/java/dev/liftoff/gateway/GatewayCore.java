package dev.liftoff.gateway;

import dev.liftoff.core.LiftoffException;
import dev.liftoff.core.Redaction;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javax.net.ssl.SSLException;

/**
 * The state every event loop shares: mode, current upstream, counters. Reads on the request path are single volatile
 * reads; changes (rare, from the admin API) are serialized by this object's monitor.
 */
final class GatewayCore {
    final GatewayConfig config;
    final Metrics metrics = new Metrics();
    final ActiveUsers activeUsers;
    final Pages pages;
    final HoldQueue holds;
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger websockets = new AtomicInteger();
    final ChannelGroup clients;
    private final EventLoopGroup io;
    private final Consumer<String> events;
    private SslContext upstreamSsl;
    private volatile Mode mode = Mode.PASS;
    private volatile UpstreamTarget current;
    private volatile boolean draining;

    GatewayCore(GatewayConfig config, Pages pages, EventLoopGroup io, ChannelGroup clients, Consumer<String> events) {
        this.config = config;
        this.pages = pages;
        this.io = io;
        this.clients = clients;
        this.events = events;
        this.activeUsers = new ActiveUsers(config.activeWindow());
        this.holds = new HoldQueue(config.holdMax());
        this.current = newTarget(config.upstream());
    }

    Mode mode() {
        return mode;
    }

    /** The upstream a request starting now goes to: read once per request, so a switch never splits one. */
    UpstreamTarget current() {
        return current;
    }

    boolean draining() {
        return draining;
    }

    synchronized void setMode(Mode m) {
        Mode old = mode;
        mode = m;
        if (m != Mode.HOLD) {
            holds.releaseAll();
        }
        if (old != m) {
            events.accept(
                    "mode " + old + " -> " + m + " (" + inFlight.get() + " in flight, " + holds.size() + " held)");
        }
    }

    synchronized void switchTo(Upstream u) {
        UpstreamTarget old = current;
        current = newTarget(u);
        old.retire();
        metrics.switches.increment();
        events.accept(
                "upstream " + old.upstream + " -> " + u + " (" + inFlight.get() + " in flight finish on the old)");
    }

    /** Stops taking new work: responses close their connections, held requests get 503. */
    synchronized void startDraining() {
        draining = true;
        holds.releaseAll();
    }

    GatewayStatus status() {
        return new GatewayStatus(
                mode,
                Redaction.maskUserInfo(current.upstream.toString()),
                inFlight.get(),
                holds.size(),
                websockets.get(),
                activeUsers.count(System.nanoTime()));
    }

    private UpstreamTarget newTarget(Upstream u) {
        return new UpstreamTarget(u, u.tls() ? upstreamSsl() : null, io, metrics);
    }

    private SslContext upstreamSsl() {
        if (upstreamSsl == null) {
            try {
                SslContextBuilder b = SslContextBuilder.forClient().sslProvider(SslProvider.JDK);
                if (config.upstreamTrust() != null) {
                    b.trustManager(config.upstreamTrust().toFile());
                }
                upstreamSsl = b.build();
            } catch (SSLException | IllegalArgumentException e) {
                throw LiftoffException.usage("--upstream-ca " + config.upstreamTrust()
                        + " holds no usable PEM certificate (" + e.getMessage() + ")");
            }
        }
        return upstreamSsl;
    }
}
