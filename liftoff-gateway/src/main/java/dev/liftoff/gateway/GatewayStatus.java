package dev.liftoff.gateway;

/**
 * A snapshot of the gateway, as {@code GET /_admin/status} returns it.
 *
 * @param mode the current mode
 * @param upstream the current upstream URL
 * @param inFlight requests sent upstream whose response has not finished
 * @param held requests waiting in {@link Mode#HOLD}
 * @param websockets open WebSocket connections (not counted in {@code inFlight})
 * @param activeUsers distinct session cookies (or client addresses) seen within the active window
 */
public record GatewayStatus(Mode mode, String upstream, long inFlight, long held, long websockets, long activeUsers) {
    /** Whether nothing is in flight: what {@code wait-idle} waits for. Held requests and WebSockets do not count. */
    public boolean idle() {
        return inFlight == 0;
    }
}
