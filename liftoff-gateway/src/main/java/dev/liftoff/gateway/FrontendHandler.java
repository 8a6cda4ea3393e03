package dev.liftoff.gateway;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * One client connection: a state machine that takes each request through mode, hold, upstream and response, and after
 * a {@code 101 Switching Protocols} relays raw bytes both ways. Everything here runs on the connection's event loop,
 * which is also the loop of every upstream connection it uses, so no field needs synchronization; only the shared
 * counters in {@link GatewayCore} are atomic.
 *
 * <p>Requests that arrive while one is in progress (pipelining) or while a request waits (hold, connect) queue in
 * {@code pending}; reading from the client pauses when that queue grows or when a waiting request has a body, so memory
 * stays bounded. Bodies stream: each chunk goes to the other side as it arrives, and reading pauses on the side whose
 * peer cannot take more.
 */
final class FrontendHandler extends ChannelInboundHandlerAdapter {
    private enum State {
        /** Between requests. */
        IDLE,
        /** Waiting in hold mode. */
        HELD,
        /** Waiting for a new upstream connection. */
        CONNECTING,
        /** Request and response streaming between client and upstream. */
        PROXYING,
        /** The gateway answered itself; the rest of the request body is read and dropped. */
        LOCAL,
        /** After 101: raw bytes both ways. */
        WEBSOCKET,
        /** Closing; everything that still arrives is dropped. */
        CLOSED
    }

    /** Beyond this many queued messages the client is not read until the queue drains. */
    private static final int PENDING_LIMIT = 32;
    /** The same user on the same connection is recorded at most once a second: the window is minutes. */
    private static final long USER_RECORD_NANOS = TimeUnit.SECONDS.toNanos(1);

    private static final String X_FORWARDED_FOR = "X-Forwarded-For";
    private static final String X_FORWARDED_PROTO = "X-Forwarded-Proto";
    private static final String X_FORWARDED_HOST = "X-Forwarded-Host";

    /** A request waiting in hold mode; its fate is decided on its connection's event loop only. */
    final class Held {
        ScheduledFuture<?> timeout;

        /** Called from any thread when the mode leaves hold. */
        void release() {
            loop.execute(() -> released(this));
        }
    }

    private final GatewayCore core;
    private final boolean tls;
    private ChannelHandlerContext ctx;
    private Channel ch;
    private EventLoop loop;
    private String clientIp;

    private State state = State.IDLE;
    private ArrayDeque<Object> pending;
    private HttpRequest request;
    private boolean requestDone;
    private boolean requestHasBody;
    private boolean keepAlive;
    private boolean upgrade;
    private boolean closeAfterResponse;

    private UpstreamTarget target;
    private UpstreamHandler upstream;
    private boolean inFlightCounted;
    private boolean reused;
    private boolean retried;
    private boolean responseStarted;
    private boolean informational;
    private boolean switching;
    private boolean upstreamKeepAlive;
    private boolean upstreamFlushNeeded;
    private boolean clientFlushNeeded;
    private boolean websocketCounted;
    private Held held;

    private String lastUser;
    private long lastUserAt;

    FrontendHandler(GatewayCore core, boolean tls) {
        this.core = core;
        this.tls = tls;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        this.ch = ctx.channel();
        this.loop = ch.eventLoop();
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        clientIp = ch.remoteAddress() instanceof InetSocketAddress a && a.getAddress() != null
                ? a.getAddress().getHostAddress()
                : "unknown";
        core.clients.add(ch);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (state == State.WEBSOCKET) {
            if (msg instanceof ByteBuf) {
                upstream.channel().write(msg);
                upstreamFlushNeeded = true;
            } else {
                ReferenceCountUtil.release(msg);
            }
            return;
        }
        if (state == State.CLOSED || msg instanceof ByteBuf) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (pending != null && !pending.isEmpty()) {
            enqueue(msg);
            return;
        }
        dispatch(msg);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (upstreamFlushNeeded) {
            upstreamFlushNeeded = false;
            if (upstream != null) {
                upstream.channel().flush();
            }
        }
        ctx.fireChannelReadComplete();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (upstream != null && (state == State.PROXYING || state == State.WEBSOCKET)) {
            upstream.channel().config().setAutoRead(ch.isWritable());
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        State was = state;
        state = State.CLOSED;
        if (was == State.HELD) {
            leaveHold();
        }
        if (upstream != null) {
            UpstreamHandler u = upstream;
            upstream = null;
            u.own(null);
            u.channel().close();
        }
        countRequestDone();
        if (websocketCounted) {
            websocketCounted = false;
            core.websockets.decrementAndGet();
        }
        releasePending();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // Resets, TLS failures and protocol errors of one client concern that client only: drop the connection.
        ctx.close();
    }

    // ---- requests ---------------------------------------------------------------------------------------------

    private void dispatch(Object msg) {
        if (msg instanceof HttpRequest req) {
            if (state != State.IDLE) {
                enqueue(msg);
                return;
            }
            startRequest(req);
            if (msg instanceof HttpContent c) {
                onContent(c);
            }
        } else if (msg instanceof HttpContent c) {
            onContent(c);
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    private void onContent(HttpContent c) {
        boolean last = c instanceof LastHttpContent;
        switch (state) {
            case PROXYING -> {
                if (requestDone) {
                    c.release();
                    return;
                }
                requestDone = last;
                upstream.channel().write(c);
                upstreamFlushNeeded = true;
            }
            case HELD, CONNECTING -> enqueue(c);
            case LOCAL -> {
                c.release();
                if (last) {
                    requestDone = true;
                    finishExchange();
                }
            }
            default -> c.release();
        }
    }

    private void startRequest(HttpRequest req) {
        request = req;
        requestDone = false;
        responseStarted = false;
        informational = false;
        switching = false;
        reused = false;
        retried = false;
        closeAfterResponse = false;
        if (req.decoderResult().isFailure()) {
            keepAlive = false;
            requestHasBody = true;
            core.metrics.refused.increment();
            local(Pages.Kind.BAD_REQUEST);
            return;
        }
        HttpHeaders h = req.headers();
        keepAlive = HttpUtil.isKeepAlive(req);
        requestHasBody = HttpUtil.isTransferEncodingChunked(req) || HttpUtil.getContentLength(req, 0L) > 0;
        if (req.method() == HttpMethod.CONNECT) {
            core.metrics.refused.increment();
            local(Pages.Kind.CONNECT_REFUSED);
            return;
        }
        String uri = req.uri();
        if (uri.isEmpty() || uri.charAt(0) != '/') {
            Pages.Kind refusal = originForm(req);
            if (refusal != null) {
                core.metrics.refused.increment();
                local(refusal);
                return;
            }
        }
        recordUser(h);
        switch (core.mode()) {
            case PASS -> proxy();
            case HOLD -> hold();
            case MAINTENANCE -> {
                core.metrics.maintenance.increment();
                local(Pages.Kind.MAINTENANCE);
            }
        }
    }

    /**
     * Turns an absolute-form target for this site's own host into origin form; answers the refusal for anything else,
     * so the gateway never forwards to a host a client names (an open proxy).
     */
    private Pages.Kind originForm(HttpRequest req) {
        String uri = req.uri();
        if (uri.equals("*") && req.method() == HttpMethod.OPTIONS) {
            return null;
        }
        URI parsed;
        try {
            parsed = new URI(uri);
        } catch (URISyntaxException e) {
            return Pages.Kind.BAD_REQUEST;
        }
        String scheme = parsed.getScheme();
        if (scheme == null || parsed.getRawAuthority() == null) {
            return Pages.Kind.BAD_REQUEST;
        }
        String host = req.headers().get(HttpHeaderNames.HOST);
        if (!(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                || host == null
                || !host.equalsIgnoreCase(parsed.getRawAuthority())) {
            return Pages.Kind.NOT_A_FORWARD_PROXY;
        }
        String path = parsed.getRawPath() == null || parsed.getRawPath().isEmpty() ? "/" : parsed.getRawPath();
        req.setUri(parsed.getRawQuery() == null ? path : path + "?" + parsed.getRawQuery());
        return null;
    }

    private void recordUser(HttpHeaders h) {
        String cookieName = core.config.sessionCookie();
        String key = cookieName == null ? null : cookieValue(h, cookieName);
        char kind = 'c';
        if (key == null) {
            key = clientIp;
            kind = 'a';
        }
        long now = System.nanoTime();
        if (!key.equals(lastUser) || now - lastUserAt > USER_RECORD_NANOS) {
            lastUser = key;
            lastUserAt = now;
            core.activeUsers.seen(kind, key, now);
        }
    }

    static String cookieValue(HttpHeaders h, String name) {
        for (String header : h.getAll(HttpHeaderNames.COOKIE)) {
            int at = 0;
            while (at < header.length()) {
                int end = header.indexOf(';', at);
                if (end < 0) {
                    end = header.length();
                }
                int start = at;
                while (start < end && header.charAt(start) == ' ') {
                    start++;
                }
                if (end - start > name.length()
                        && header.startsWith(name, start)
                        && header.charAt(start + name.length()) == '=') {
                    String v = header.substring(start + name.length() + 1, end).strip();
                    return v.isEmpty() ? null : v;
                }
                at = end + 1;
            }
        }
        return null;
    }

    // ---- hold -------------------------------------------------------------------------------------------------

    private void hold() {
        if (core.draining()) {
            core.metrics.shuttingDown.increment();
            local(Pages.Kind.SHUTTING_DOWN);
            return;
        }
        if (!core.holds.tryReserve()) {
            core.metrics.holdFull.increment();
            local(Pages.Kind.HOLD_FULL);
            return;
        }
        core.metrics.held.increment();
        state = State.HELD;
        if (requestHasBody) {
            ch.config().setAutoRead(false);
        }
        Held h = new Held();
        held = h;
        h.timeout =
                loop.schedule(() -> holdExpired(h), core.config.holdTimeout().toNanos(), TimeUnit.NANOSECONDS);
        core.holds.enqueue(h);
        // The mode may have left HOLD between our read of it and the enqueue; its release pass could have missed us.
        if (core.mode() != Mode.HOLD || core.draining()) {
            core.holds.releaseAll();
        }
    }

    private void released(Held h) {
        if (h != held || state != State.HELD) {
            return;
        }
        if (core.draining()) {
            leaveHold();
            core.metrics.shuttingDown.increment();
            local(Pages.Kind.SHUTTING_DOWN);
            return;
        }
        switch (core.mode()) {
            case HOLD -> {
                core.holds.enqueue(h);
                if (core.mode() != Mode.HOLD) {
                    core.holds.releaseAll();
                }
            }
            case PASS -> {
                leaveHold();
                proxy();
            }
            case MAINTENANCE -> {
                leaveHold();
                core.metrics.maintenance.increment();
                local(Pages.Kind.MAINTENANCE);
            }
        }
    }

    private void holdExpired(Held h) {
        if (h != held || state != State.HELD) {
            return;
        }
        core.holds.remove(h);
        leaveHold();
        core.metrics.holdTimeout.increment();
        local(Pages.Kind.HOLD_TIMEOUT);
    }

    private void leaveHold() {
        Held h = held;
        if (h == null) {
            return;
        }
        held = null;
        h.timeout.cancel(false);
        core.holds.remove(h);
        core.holds.unreserve();
    }

    // ---- upstream ---------------------------------------------------------------------------------------------

    private void proxy() {
        UpstreamTarget t = core.current();
        target = t;
        core.inFlight.incrementAndGet();
        inFlightCounted = true;
        forwardHeaders(request.headers(), t);
        UpstreamHandler u = t.poll(loop);
        if (u != null) {
            reused = true;
            attach(u);
        } else {
            connect();
        }
    }

    private void connect() {
        state = State.CONNECTING;
        if (requestHasBody) {
            ch.config().setAutoRead(false);
        }
        HttpRequest forRequest = request;
        UpstreamTarget t = target;
        t.connect(loop).addListener((ChannelFuture f) -> {
            if (state != State.CONNECTING || request != forRequest) {
                if (f.isSuccess()) {
                    f.channel().close();
                }
                return;
            }
            if (f.isSuccess()) {
                attach(f.channel().pipeline().get(UpstreamHandler.class));
            } else {
                badGateway();
            }
        });
    }

    private void attach(UpstreamHandler u) {
        upstream = u;
        u.own(this);
        state = State.PROXYING;
        Channel uc = u.channel();
        uc.write(request);
        if (requestDone) {
            // A retry: the body-less request's end already went to the connection that failed.
            uc.write(LastHttpContent.EMPTY_LAST_CONTENT);
        }
        while (!requestDone && pending != null && pending.peekFirst() instanceof HttpContent c) {
            pending.pollFirst();
            requestDone = c instanceof LastHttpContent;
            uc.write(c);
        }
        uc.flush();
        if (!ch.config().isAutoRead() && uc.isWritable() && pendingBelowLimit()) {
            ch.config().setAutoRead(true);
        }
    }

    /** Messages from the owned upstream connection: the response, then raw bytes after a 101. */
    void fromUpstream(Object msg) {
        if (state == State.WEBSOCKET) {
            ctx.write(msg);
            clientFlushNeeded = true;
            return;
        }
        if (state != State.PROXYING) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof HttpResponse resp) {
            onResponse(resp);
        }
        if (msg instanceof HttpContent c) {
            if (!(c instanceof LastHttpContent)) {
                ctx.write(c);
                clientFlushNeeded = true;
            } else if (switching) {
                ctx.write(c);
                becomeWebSocket();
            } else if (informational) {
                informational = false;
                ctx.writeAndFlush(c);
            } else {
                ctx.write(c);
                responseDone();
            }
        } else if (!(msg instanceof HttpResponse)) {
            ReferenceCountUtil.release(msg);
        }
    }

    private void onResponse(HttpResponse resp) {
        responseStarted = true;
        int code = resp.status().code();
        HttpHeaders h = resp.headers();
        if (code == 101 && upgrade) {
            switching = true;
            stripHopByHop(h, true);
        } else if (code >= 100 && code < 200) {
            informational = true;
            stripHopByHop(h, false);
        } else {
            upstreamKeepAlive = HttpUtil.isKeepAlive(resp);
            stripHopByHop(h, false);
            boolean http11 = request.protocolVersion().equals(HttpVersion.HTTP_1_1);
            if (!h.contains(HttpHeaderNames.CONTENT_LENGTH)
                    && !HttpUtil.isTransferEncodingChunked(resp)
                    && mayHaveBody(code)) {
                // A body delimited by the upstream closing: re-frame it for 1.1 clients, else close after it too.
                if (http11) {
                    HttpUtil.setTransferEncodingChunked(resp, true);
                } else {
                    closeAfterResponse = true;
                }
            }
            if (!keepAlive || closeAfterResponse || core.draining()) {
                closeAfterResponse = true;
                h.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            } else if (!http11) {
                h.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            }
        }
        ctx.write(resp);
        clientFlushNeeded = true;
    }

    private boolean mayHaveBody(int code) {
        return code != 204 && code != 304 && request.method() != HttpMethod.HEAD;
    }

    void upstreamReadComplete() {
        if (clientFlushNeeded) {
            clientFlushNeeded = false;
            ctx.flush();
        }
    }

    void upstreamWritabilityChanged(boolean writable) {
        if (state == State.PROXYING || state == State.WEBSOCKET) {
            ch.config().setAutoRead(writable && pendingBelowLimit());
        }
    }

    /** The owned upstream connection closed: retry a body-less request once if a pooled connection was stale. */
    void upstreamClosed(UpstreamHandler u) {
        if (u != upstream) {
            return;
        }
        upstream = null;
        if (state == State.WEBSOCKET) {
            ctx.flush();
            state = State.CLOSED;
            ctx.close();
            return;
        }
        if (state != State.PROXYING) {
            return;
        }
        if (!responseStarted) {
            if (reused && !retried && !requestHasBody) {
                retried = true;
                reused = false;
                core.metrics.upstreamRetries.increment();
                connect();
            } else {
                badGateway();
            }
            return;
        }
        // The response was cut off: the client can only learn that from the connection closing too.
        countRequestDone();
        state = State.CLOSED;
        ctx.flush();
        ctx.close();
    }

    private void responseDone() {
        UpstreamHandler u = upstream;
        upstream = null;
        u.own(null);
        Channel uc = u.channel();
        if (!uc.config().isAutoRead()) {
            uc.config().setAutoRead(true);
        }
        if (upstreamKeepAlive && requestDone && uc.isActive()) {
            target.offer(loop, u);
        } else {
            uc.close();
        }
        target = null;
        countRequestDone();
        core.metrics.proxied.increment();
        if (!requestDone) {
            closeAfterResponse = true;
        }
        clientFlushNeeded = false;
        ctx.flush();
        finishExchange();
    }

    private void badGateway() {
        if (upstream != null) {
            UpstreamHandler u = upstream;
            upstream = null;
            u.own(null);
            u.channel().close();
        }
        target = null;
        countRequestDone();
        core.metrics.badGateway.increment();
        local(Pages.Kind.BAD_GATEWAY);
    }

    private void countRequestDone() {
        if (inFlightCounted) {
            inFlightCounted = false;
            core.inFlight.decrementAndGet();
        }
    }

    // ---- WebSocket --------------------------------------------------------------------------------------------

    private void becomeWebSocket() {
        state = State.WEBSOCKET;
        countRequestDone();
        websocketCounted = true;
        core.websockets.incrementAndGet();
        core.metrics.websocketsOpened.increment();
        ctx.flush();
        releasePending();
        // Whatever either decoder still holds comes out as raw bytes when it leaves the pipeline.
        ctx.pipeline().remove("http");
        upstream.channel().pipeline().remove("http");
        if (!ch.config().isAutoRead()) {
            ch.config().setAutoRead(true);
        }
    }

    // ---- local answers and the end of an exchange -----------------------------------------------------------

    /**
     * Answers from the gateway itself. The connection stays open only if the client wants it and the request body is
     * already read or absent: a body still coming would have to be read just to be dropped.
     */
    private void local(Pages.Kind kind) {
        discardPendingBody();
        boolean close = !keepAlive || (requestHasBody && !requestDone) || core.draining();
        boolean json = request != null && Pages.prefersJson(request.headers().get(HttpHeaderNames.ACCEPT));
        ChannelFuture f = ctx.writeAndFlush(core.pages.render(kind, json, close));
        if (close) {
            state = State.CLOSED;
            releasePending();
            f.addListener(ChannelFutureListener.CLOSE);
        } else if (requestDone) {
            finishExchange();
        } else {
            state = State.LOCAL;
        }
    }

    private void discardPendingBody() {
        while (!requestDone && pending != null && pending.peekFirst() instanceof HttpContent c) {
            pending.pollFirst();
            requestDone = c instanceof LastHttpContent;
            c.release();
        }
    }

    private void finishExchange() {
        request = null;
        if (closeAfterResponse || !keepAlive || core.draining()) {
            state = State.CLOSED;
            releasePending();
            ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        state = State.IDLE;
        if (!ch.config().isAutoRead()) {
            ch.config().setAutoRead(true);
        }
        while (state == State.IDLE && pending != null && !pending.isEmpty()) {
            dispatch(pending.pollFirst());
        }
    }

    private void enqueue(Object msg) {
        if (pending == null) {
            pending = new ArrayDeque<>();
        }
        pending.addLast(msg);
        if (!pendingBelowLimit()) {
            ch.config().setAutoRead(false);
        }
    }

    private boolean pendingBelowLimit() {
        return pending == null || pending.size() < PENDING_LIMIT;
    }

    private void releasePending() {
        if (pending != null) {
            Object o;
            while ((o = pending.pollFirst()) != null) {
                ReferenceCountUtil.release(o);
            }
        }
    }

    // ---- headers ----------------------------------------------------------------------------------------------

    private void forwardHeaders(HttpHeaders h, UpstreamTarget t) {
        upgrade = isWebSocketUpgrade(h);
        stripHopByHop(h, upgrade);
        String xff = h.get(X_FORWARDED_FOR);
        h.set(X_FORWARDED_FOR, xff == null ? clientIp : xff + ", " + clientIp);
        h.set(X_FORWARDED_PROTO, tls ? "https" : "http");
        String host = h.get(HttpHeaderNames.HOST);
        if (host != null) {
            h.set(X_FORWARDED_HOST, host);
        }
        if (core.config.hostHeader() == HostHeader.UPSTREAM || host == null) {
            h.set(HttpHeaderNames.HOST, t.upstream.authority());
        }
    }

    private static boolean isWebSocketUpgrade(HttpHeaders h) {
        return h.containsValue(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE, true)
                && h.contains(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true);
    }

    /**
     * Removes the hop-by-hop fields of RFC 9110 section 7.6.1: those named in {@code Connection}, and
     * {@code Connection}, {@code Keep-Alive}, {@code Proxy-Connection}, {@code TE}, {@code Trailer}, {@code Upgrade}
     * and {@code Proxy-Authorization}/{@code -Authenticate}. {@code Transfer-Encoding} stays: the codecs re-frame the
     * body by it. A WebSocket upgrade keeps {@code Upgrade} and {@code Connection: Upgrade}.
     */
    static void stripHopByHop(HttpHeaders h, boolean keepUpgrade) {
        if (h.contains(HttpHeaderNames.CONNECTION)) {
            for (String value : h.getAll(HttpHeaderNames.CONNECTION)) {
                for (String token : value.split(",")) {
                    String name = token.strip();
                    if (!name.isEmpty()
                            && !name.equalsIgnoreCase("transfer-encoding")
                            && !(keepUpgrade && name.equalsIgnoreCase("upgrade"))) {
                        h.remove(name);
                    }
                }
            }
            h.remove(HttpHeaderNames.CONNECTION);
        }
        h.remove("Keep-Alive");
        h.remove("Proxy-Connection");
        h.remove(HttpHeaderNames.TE);
        h.remove(HttpHeaderNames.TRAILER);
        h.remove(HttpHeaderNames.PROXY_AUTHORIZATION);
        h.remove(HttpHeaderNames.PROXY_AUTHENTICATE);
        if (keepUpgrade) {
            h.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE);
        } else {
            h.remove(HttpHeaderNames.UPGRADE);
        }
    }
}
