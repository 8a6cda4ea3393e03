package dev.liftoff.gateway;

import java.util.concurrent.atomic.LongAdder;

/** Counters for {@code GET /metrics}; {@link LongAdder}s so event loops never contend on one cache line. */
final class Metrics {
    final LongAdder proxied = new LongAdder();
    final LongAdder maintenance = new LongAdder();
    final LongAdder holdTimeout = new LongAdder();
    final LongAdder holdFull = new LongAdder();
    final LongAdder badGateway = new LongAdder();
    final LongAdder refused = new LongAdder();
    final LongAdder shuttingDown = new LongAdder();
    final LongAdder held = new LongAdder();
    final LongAdder upstreamConnects = new LongAdder();
    final LongAdder upstreamRetries = new LongAdder();
    final LongAdder websocketsOpened = new LongAdder();
    final LongAdder switches = new LongAdder();

    /** The Prometheus text exposition format (version 0.0.4). */
    String render(GatewayStatus s) {
        StringBuilder b = new StringBuilder(2048);
        b.append("# HELP liftoff_gateway_requests_total Requests answered, by outcome.\n");
        b.append("# TYPE liftoff_gateway_requests_total counter\n");
        outcome(b, "proxied", proxied);
        outcome(b, "maintenance", maintenance);
        outcome(b, "hold_timeout", holdTimeout);
        outcome(b, "hold_full", holdFull);
        outcome(b, "bad_gateway", badGateway);
        outcome(b, "refused", refused);
        outcome(b, "shutting_down", shuttingDown);
        counter(b, "liftoff_gateway_held_total", "Requests that waited in hold mode.", held.sum());
        counter(
                b,
                "liftoff_gateway_upstream_connects_total",
                "Connections opened to upstreams.",
                upstreamConnects.sum());
        counter(
                b,
                "liftoff_gateway_upstream_retries_total",
                "Requests resent on a fresh connection after a pooled one was found closed.",
                upstreamRetries.sum());
        counter(b, "liftoff_gateway_websockets_total", "WebSocket connections opened.", websocketsOpened.sum());
        counter(b, "liftoff_gateway_upstream_switches_total", "Upstream switches.", switches.sum());
        gauge(b, "liftoff_gateway_in_flight", "Requests sent upstream and not finished.", s.inFlight());
        gauge(b, "liftoff_gateway_held", "Requests waiting in hold mode.", s.held());
        gauge(b, "liftoff_gateway_websockets", "Open WebSocket connections.", s.websockets());
        gauge(b, "liftoff_gateway_active_users", "Distinct users seen within the active window.", s.activeUsers());
        b.append("# HELP liftoff_gateway_mode The current mode (1 for the active one).\n");
        b.append("# TYPE liftoff_gateway_mode gauge\n");
        for (Mode m : Mode.values()) {
            b.append("liftoff_gateway_mode{mode=\"")
                    .append(m.wireName())
                    .append("\"} ")
                    .append(m == s.mode() ? 1 : 0)
                    .append('\n');
        }
        return b.toString();
    }

    private static void outcome(StringBuilder b, String outcome, LongAdder n) {
        b.append("liftoff_gateway_requests_total{outcome=\"")
                .append(outcome)
                .append("\"} ")
                .append(n.sum())
                .append('\n');
    }

    private static void counter(StringBuilder b, String name, String help, long v) {
        b.append("# HELP ").append(name).append(' ').append(help).append('\n');
        b.append("# TYPE ").append(name).append(" counter\n");
        b.append(name).append(' ').append(v).append('\n');
    }

    private static void gauge(StringBuilder b, String name, String help, long v) {
        b.append("# HELP ").append(name).append(' ').append(help).append('\n');
        b.append("# TYPE ").append(name).append(" gauge\n");
        b.append(name).append(' ').append(v).append('\n');
    }
}
