package dev.liftoff.cli.gateway;

import dev.liftoff.gateway.GatewayStatus;

/** The human form of a gateway status, one fact per line, shared by the control commands. */
final class StatusText {
    private StatusText() {}

    static String of(GatewayStatus s) {
        return String.format(
                "mode          %s%nupstream      %s%nin flight     %d%nheld          %d%nwebsockets    %d%n"
                        + "active users  %d%n",
                s.mode(), s.upstream(), s.inFlight(), s.held(), s.websockets(), s.activeUsers());
    }
}
