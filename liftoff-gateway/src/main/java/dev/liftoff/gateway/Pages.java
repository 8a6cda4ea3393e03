package dev.liftoff.gateway;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * The answers the gateway gives itself instead of the upstream's: pre-rendered once, as HTML and as JSON, and sent as
 * shared read-only buffers so a flood of 503s allocates almost nothing. Pages never name the upstream: clients are
 * the public.
 */
final class Pages {
    /** Seconds a client is told to wait after a maintenance page; a maintenance window is minutes. */
    static final int MAINTENANCE_RETRY_AFTER = 30;
    /** Seconds a client is told to wait after a hold ran out or overflowed; a cutover hold is seconds. */
    static final int HOLD_RETRY_AFTER = 5;

    enum Kind {
        MAINTENANCE(
                HttpResponseStatus.SERVICE_UNAVAILABLE,
                MAINTENANCE_RETRY_AFTER,
                "maintenance",
                "Down for maintenance",
                "This site is briefly down for maintenance. Please try again in a minute."),
        HOLD_TIMEOUT(
                HttpResponseStatus.SERVICE_UNAVAILABLE,
                HOLD_RETRY_AFTER,
                "hold_timeout",
                "Please retry",
                "This site is switching servers and your request waited too long. Please try again in a few seconds."),
        HOLD_FULL(
                HttpResponseStatus.SERVICE_UNAVAILABLE,
                HOLD_RETRY_AFTER,
                "hold_full",
                "Please retry",
                "This site is switching servers and too many requests are waiting. Please try again in a few seconds."),
        SHUTTING_DOWN(
                HttpResponseStatus.SERVICE_UNAVAILABLE,
                HOLD_RETRY_AFTER,
                "shutting_down",
                "Please retry",
                "This gateway is restarting. Please try again in a few seconds."),
        BAD_GATEWAY(
                HttpResponseStatus.BAD_GATEWAY,
                0,
                "bad_gateway",
                "Bad gateway",
                "The application behind this gateway did not answer: it may be down or restarting."
                        + " Please try again shortly."),
        BAD_REQUEST(HttpResponseStatus.BAD_REQUEST, 0, "bad_request", "Bad request", "The request was malformed."),
        NOT_A_FORWARD_PROXY(
                HttpResponseStatus.FORBIDDEN,
                0,
                "not_a_forward_proxy",
                "Forbidden",
                "This gateway serves one site; it does not forward requests to other hosts."),
        CONNECT_REFUSED(
                HttpResponseStatus.METHOD_NOT_ALLOWED,
                0,
                "method_not_allowed",
                "Method not allowed",
                "CONNECT is not allowed: this gateway is not a forward proxy.");

        final HttpResponseStatus status;
        final int retryAfter;
        final String code;
        final String title;
        final String message;

        Kind(HttpResponseStatus status, int retryAfter, String code, String title, String message) {
            this.status = status;
            this.retryAfter = retryAfter;
            this.code = code;
            this.title = title;
            this.message = message;
        }
    }

    private final Map<Kind, ByteBuf> html = new EnumMap<>(Kind.class);
    private final Map<Kind, ByteBuf> json = new EnumMap<>(Kind.class);

    /** @param maintenanceHtml the operator's page, or null for the built-in one */
    Pages(String maintenanceHtml) {
        for (Kind k : Kind.values()) {
            String page = k == Kind.MAINTENANCE && maintenanceHtml != null ? maintenanceHtml : defaultHtml(k);
            html.put(k, constant(page));
            json.put(k, constant(jsonBody(k)));
        }
    }

    /** A complete response for {@code kind}; {@code close} adds {@code Connection: close}. */
    FullHttpResponse render(Kind kind, boolean asJson, boolean close) {
        ByteBuf body = (asJson ? json : html).get(kind).duplicate();
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, kind.status, body);
        HttpHeaders h = r.headers();
        h.set(HttpHeaderNames.CONTENT_TYPE, asJson ? HttpHeaderValues.APPLICATION_JSON : "text/html; charset=utf-8");
        h.setInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
        h.set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE);
        if (kind.retryAfter > 0) {
            h.setInt(HttpHeaderNames.RETRY_AFTER, kind.retryAfter);
        }
        if (kind == Kind.CONNECT_REFUSED) {
            h.set(HttpHeaderNames.ALLOW, "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS");
        }
        if (close) {
            h.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        return r;
    }

    /**
     * Whether an {@code Accept} header prefers JSON to HTML: {@code application/json} (or {@code +json}) with a higher
     * q-value than {@code text/html}, or present while HTML is absent. Browsers (which list HTML) get the page.
     */
    static boolean prefersJson(String accept) {
        if (accept == null || accept.isEmpty()) {
            return false;
        }
        double jsonQ = -1;
        double htmlQ = -1;
        for (String range : accept.split(",")) {
            String[] parts = range.split(";");
            String type = parts[0].strip().toLowerCase(Locale.ROOT);
            double q = 1;
            for (int i = 1; i < parts.length; i++) {
                String p = parts[i].strip();
                if (p.startsWith("q=") || p.startsWith("Q=")) {
                    try {
                        q = Double.parseDouble(p.substring(2));
                    } catch (NumberFormatException e) {
                        q = 0;
                    }
                }
            }
            if (type.equals("application/json") || (type.startsWith("application/") && type.endsWith("+json"))) {
                jsonQ = Math.max(jsonQ, q);
            } else if (type.equals("text/html") || type.equals("application/xhtml+xml")) {
                htmlQ = Math.max(htmlQ, q);
            }
        }
        return jsonQ > 0 && jsonQ > htmlQ;
    }

    private static ByteBuf constant(String text) {
        return Unpooled.unreleasableBuffer(
                Unpooled.copiedBuffer(text, StandardCharsets.UTF_8).asReadOnly());
    }

    private static String defaultHtml(Kind k) {
        return "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>" + k.title + "</title>"
                + "<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:15vh auto;padding:0 1rem;"
                + "color:#222}h1{font-size:1.6rem}</style></head>\n<body><h1>" + k.title + "</h1><p>" + k.message
                + "</p><p><small>" + k.status.code() + " " + k.status.reasonPhrase() + "</small></p></body></html>\n";
    }

    private static String jsonBody(Kind k) {
        return "{\"error\":\"" + k.code + "\",\"message\":\"" + k.message + "\""
                + (k.retryAfter > 0 ? ",\"retry_after_seconds\":" + k.retryAfter : "") + "}\n";
    }
}
