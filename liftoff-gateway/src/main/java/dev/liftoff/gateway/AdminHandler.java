package dev.liftoff.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import dev.liftoff.core.Durations;
import dev.liftoff.core.LiftoffException;
import dev.liftoff.core.report.Json;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The admin API, on its own listener: {@code GET /_admin/status}, {@code POST /_admin/mode}, {@code POST
 * /_admin/switch}, {@code GET /_admin/wait-idle?timeout=30s}, and {@code GET /metrics}. Every route, known or not,
 * answers 401 without {@code Authorization: Bearer <token>} (except {@code /metrics} when configured public). Shared by
 * all admin connections; runs on the admin event loop, and {@code wait-idle} polls there without blocking it.
 */
@ChannelHandler.Sharable
final class AdminHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    /** How often wait-idle looks at the in-flight count; a cutover measures its pause in these steps. */
    private static final long WAIT_IDLE_POLL_MILLIS = 5;

    private static final Duration MAX_WAIT = Duration.ofHours(1);

    private final GatewayCore core;

    AdminHandler(GatewayCore core) {
        this.core = core;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
        QueryStringDecoder q = new QueryStringDecoder(req.uri());
        String path = q.path();
        boolean keepAlive = HttpUtil.isKeepAlive(req);
        if (path.equals("/metrics") && core.config.metricsPublic() && req.method() == HttpMethod.GET) {
            metrics(ctx, keepAlive);
            return;
        }
        if (!core.config.adminToken().matchesAuthorization(req.headers().get(HttpHeaderNames.AUTHORIZATION))) {
            FullHttpResponse r = json(
                    HttpResponseStatus.UNAUTHORIZED,
                    Map.of(
                            "error", "unauthorized",
                            "message", "send Authorization: Bearer <token from --admin-token-file>"));
            r.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, "Bearer");
            send(ctx, r, keepAlive);
            return;
        }
        try {
            switch (path) {
                case "/_admin/status" -> {
                    if (allowed(ctx, req, HttpMethod.GET, keepAlive)) {
                        send(ctx, json(HttpResponseStatus.OK, core.status()), keepAlive);
                    }
                }
                case "/_admin/mode" -> {
                    if (allowed(ctx, req, HttpMethod.POST, keepAlive)) {
                        core.setMode(Mode.parse(field(req, "mode")));
                        send(ctx, json(HttpResponseStatus.OK, core.status()), keepAlive);
                    }
                }
                case "/_admin/switch" -> {
                    if (allowed(ctx, req, HttpMethod.POST, keepAlive)) {
                        core.switchTo(Upstream.parse(field(req, "to"), "to"));
                        send(ctx, json(HttpResponseStatus.OK, core.status()), keepAlive);
                    }
                }
                case "/_admin/wait-idle" -> {
                    if (allowed(ctx, req, HttpMethod.GET, keepAlive)) {
                        List<String> t = q.parameters().get("timeout");
                        Duration timeout = t == null || t.isEmpty()
                                ? Duration.ofSeconds(30)
                                : Durations.parse(t.get(0), "timeout");
                        if (timeout.compareTo(MAX_WAIT) > 0) {
                            throw LiftoffException.usage("timeout " + Durations.human(timeout) + " is over 1h");
                        }
                        waitIdle(ctx, keepAlive, System.nanoTime(), System.nanoTime() + timeout.toNanos());
                    }
                }
                case "/metrics" -> {
                    if (allowed(ctx, req, HttpMethod.GET, keepAlive)) {
                        metrics(ctx, keepAlive);
                    }
                }
                default ->
                    send(
                            ctx,
                            json(
                                    HttpResponseStatus.NOT_FOUND,
                                    Map.of(
                                            "error",
                                            "not_found",
                                            "message",
                                            "routes: GET /_admin/status, POST /_admin/mode, POST /_admin/switch,"
                                                    + " GET /_admin/wait-idle, GET /metrics")),
                            keepAlive);
            }
        } catch (LiftoffException e) {
            send(
                    ctx,
                    json(HttpResponseStatus.BAD_REQUEST, Map.of("error", "bad_request", "message", e.getMessage())),
                    keepAlive);
        }
    }

    private void waitIdle(ChannelHandlerContext ctx, boolean keepAlive, long started, long deadline) {
        if (!ctx.channel().isActive()) {
            return;
        }
        long now = System.nanoTime();
        boolean idle = core.inFlight.get() == 0;
        if (idle || now - deadline >= 0) {
            WaitIdleResult r = new WaitIdleResult(idle, TimeUnit.NANOSECONDS.toMillis(now - started), core.status());
            send(ctx, json(idle ? HttpResponseStatus.OK : HttpResponseStatus.SERVICE_UNAVAILABLE, r), keepAlive);
            return;
        }
        ctx.executor()
                .schedule(
                        () -> waitIdle(ctx, keepAlive, started, deadline),
                        WAIT_IDLE_POLL_MILLIS,
                        TimeUnit.MILLISECONDS);
    }

    private void metrics(ChannelHandlerContext ctx, boolean keepAlive) {
        ByteBuf body = Unpooled.copiedBuffer(core.metrics.render(core.status()), StandardCharsets.UTF_8);
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK, body);
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8");
        send(ctx, r, keepAlive);
    }

    private static boolean allowed(ChannelHandlerContext ctx, FullHttpRequest req, HttpMethod m, boolean keepAlive) {
        if (req.method().equals(m)) {
            return true;
        }
        FullHttpResponse r = json(
                HttpResponseStatus.METHOD_NOT_ALLOWED,
                Map.of("error", "method_not_allowed", "message", "use " + m.name() + " " + req.uri()));
        r.headers().set(HttpHeaderNames.ALLOW, m.name());
        send(ctx, r, keepAlive);
        return false;
    }

    /** A string field of the JSON body, or the query parameter of the same name. */
    private static String field(FullHttpRequest req, String name) {
        List<String> fromQuery = new QueryStringDecoder(req.uri()).parameters().get(name);
        if (fromQuery != null && !fromQuery.isEmpty()) {
            return fromQuery.get(0);
        }
        String body = req.content().toString(StandardCharsets.UTF_8);
        try {
            JsonNode node = Json.mapper().readTree(body.isBlank() ? "{}" : body);
            JsonNode v = node.get(name);
            if (v == null || !v.isTextual()) {
                throw LiftoffException.usage("send a JSON body with a string field '" + name + "'");
            }
            return v.asText();
        } catch (IOException e) {
            throw LiftoffException.usage("the body is not JSON; send e.g. {\"" + name + "\": \"...\"}");
        }
    }

    private static FullHttpResponse json(HttpResponseStatus status, Object value) {
        ByteBuf body = Unpooled.copiedBuffer(Json.toJson(value) + "\n", StandardCharsets.UTF_8);
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, body);
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
        return r;
    }

    private static void send(ChannelHandlerContext ctx, FullHttpResponse r, boolean keepAlive) {
        r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, r.content().readableBytes());
        r.headers().set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE);
        if (keepAlive) {
            ctx.writeAndFlush(r);
        } else {
            r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(r).addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
