package dev.liftoff.gateway;

import dev.liftoff.core.LiftoffException;
import java.net.InetSocketAddress;

/**
 * A listen address as people type it: {@code 127.0.0.1:8080}, {@code localhost:0}, {@code [::1]:8443}, or
 * {@code :8080} for every interface. Port 0 asks the system for a free port.
 */
public record HostPort(String host, int port) {
    public HostPort {
        if (host == null || host.isBlank()) {
            throw LiftoffException.usage("listen address has no host; write HOST:PORT, e.g. 127.0.0.1:8080");
        }
        if (port < 0 || port > 65_535) {
            throw LiftoffException.usage("port " + port + " is out of range; use 1-65535, or 0 for a free port");
        }
    }

    /**
     * Parses {@code HOST:PORT}; {@code :PORT} means every interface.
     *
     * @param what the option being parsed, named in errors (e.g. {@code --listen})
     */
    public static HostPort parse(String text, String what) {
        String t = text == null ? "" : text.strip();
        int colon = t.lastIndexOf(':');
        if (colon < 0 || colon == t.length() - 1) {
            throw LiftoffException.usage(
                    what + ": '" + t + "' is not HOST:PORT; write for example 127.0.0.1:8080 or :8080");
        }
        String host = t.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (host.isEmpty()) {
            host = "0.0.0.0";
        }
        int port;
        try {
            port = Integer.parseInt(t.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw LiftoffException.usage(what + ": port in '" + t + "' is not a number; write for example :8080");
        }
        return new HostPort(host, port);
    }

    /** An unresolved socket address, resolved when the listener binds. */
    public InetSocketAddress toSocketAddress() {
        return new InetSocketAddress(host, port);
    }

    @Override
    public String toString() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
